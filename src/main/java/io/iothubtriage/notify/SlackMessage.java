package io.iothubtriage.notify;

import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.evidence.Gap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The Slack incoming-webhook body of a triage report: {@code text}, a complete one-line summary (mobile
 * notifications show only this), and Block Kit {@code blocks} with the same content as the Teams card.
 *
 * <p>Within Block Kit's limits for any report: at most 13 blocks (limit 50), section text at most 3,000
 * characters, at most 10 fields of at most 2,000, a plain-text header of at most 150, button links of at most
 * 3,000 (a longer link is left out and said so). Lists keep as many whole lines as fit and end with
 * "and N more".
 */
public final class SlackMessage {
    /** Error codes listed at most; the rest are counted. */
    static final int MAX_ERRORS = 8;
    static final int MAX_ITEMS = 5;
    static final int ITEM_CHARS = 500;
    static final int FIELD_CHARS = 500;

    private SlackMessage() {
    }

    /** The webhook body for the report. */
    public static JsonObject body(TriageReport r) {
        JsonObject body = Json.object();
        body.put("text", SlackText.escapeFit(ReportFacts.summaryLine(r), 1000));
        JsonArray blocks = body.putArray("blocks");

        blocks.add(header(CardColour.of(r).slackEmoji() + " " + ReportFacts.hubName(r) + ": "
                + VerdictWording.title(r.verdict())));
        blocks.add(section("summary", "*" + SlackText.escapeFit(ReportFacts.headline(r), 1500) + "*\n"
                + SlackText.escapeFit(ReportFacts.context(r) + " · " + VerdictWording.confidence(r.confidence()), 1000)));

        JsonObject facts = Json.object();
        facts.put("type", "section");
        facts.put("block_id", "facts");
        JsonArray fields = facts.putArray("fields");
        field(fields, "Scope", ReportFacts.scope(r));
        // ifs and loops rather than lambdas: the CLI renders one message per cold run
        Optional<String> drop = ReportFacts.deviceDrop(r);
        if (drop.isPresent()) {
            field(fields, "Connected devices", drop.get());
        }
        Optional<String> alert = ReportFacts.alertMetric(r);
        if (alert.isPresent()) {
            field(fields, "Alert", alert.get());
        }
        field(fields, "Hub health", ReportFacts.health(r));
        field(fields, "Window", Texts.span(r.window().start(), r.window().end()));
        Optional<String> noise = ReportFacts.noise(r);
        if (noise.isPresent()) {
            field(fields, "Noise", noise.get());
        }
        blocks.add(facts);
        if (!r.gaps().isEmpty()) {
            List<String> gaps = new ArrayList<>();
            for (Gap g : r.gaps()) {
                gaps.add(":warning: Missing evidence · " + ReportFacts.gap(g));
            }
            blocks.add(context("gaps", gaps));
        }

        if (!r.errors().isEmpty()) {
            blocks.add(divider());
            List<String> lines = new ArrayList<>();
            for (TriageReport.ErrorLine e : r.errors()) {
                String name = ReportFacts.errorName(e);
                lines.add("`" + SlackText.escapeFit(e.code(), 20) + "` *" + SlackText.escapeFit(name, 80) + "* · "
                        + SlackText.escapeFit(ReportFacts.errorCounts(e), 200) + "\n      _"
                        + SlackText.escapeFit(ReportFacts.errorMeaning(e), 300) + "_");
            }
            blocks.add(section("errors", SlackText.fitLines("*Top error codes*", lines, MAX_ERRORS,
                    SlackText.SECTION_MAX, new AndMore("code", "codes"))));
        }
        if (!r.changes().isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (TriageReport.ChangeLine c : ChangeSummaries.ordered(r)) {
                String line = SlackText.escapeFit(ChangeSummaries.line(c), ITEM_CHARS);
                lines.add(c.relation() == io.iothubtriage.diagnosis.ChangeRelation.LIKELY_CAUSE
                        ? "• :point_right: " + line : "• " + line);
            }
            blocks.add(section("changes", SlackText.fitLines("*Changes around the window*", lines, MAX_ITEMS,
                    SlackText.SECTION_MAX, new AndMore("change", "changes"))));
        }
        list(blocks, "findings", "*What we found*", ReportFacts.items(r.findings()), false, "finding", "findings");
        list(blocks, "steps", "*Next steps*", ReportFacts.items(r.actions()), true, "step", "steps");

        List<String> notes = new ArrayList<>();
        if (!r.topDevices().isEmpty()) {
            notes.add(noisiestDevices(r));
        }
        JsonArray buttons = Json.array();
        button(buttons, "open_full_report", "Open the full report", r.links().fullReport(), false, notes);
        button(buttons, "open_logs", "Open the logs", r.links().logs(), true, notes);
        button(buttons, "open_hub", "Open the hub", r.links().hub(), false, notes);
        button(buttons, "open_resource_health", "Resource Health", r.links().resourceHealth(), false, notes);
        button(buttons, "open_docs", "Error-code docs", r.links().docs(), false, notes);
        addLinks(blocks, buttons, notes);
        blocks.add(context("footer", List.of("iothub-triage · report " + Texts.dateTime(r.generatedAt()) + " UTC · "
                + r.hub().resourceId())));
        return body;
    }

    private static void list(JsonArray blocks, String id, String title, List<String> items, boolean numbered,
                             String one, String many) {
        if (items.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            lines.add((numbered ? (i + 1) + ". " : "• ") + SlackText.escapeFit(items.get(i), ITEM_CHARS));
        }
        blocks.add(section(id, SlackText.fitLines(title, lines, MAX_ITEMS, SlackText.SECTION_MAX,
                new AndMore(one, many))));
    }

    /**
     * "_and 3 more steps in the report_", the last line of a section cut short. A class, not a lambda: the demo
     * renders one Slack message in a cold JVM, where each lambda call site costs a bootstrap on its first call.
     */
    private record AndMore(String one, String many) implements IntFunction<String> {
        @Override
        public String apply(int left) {
            return "_" + ReportFacts.andMore(left, one, many) + " in the report_";
        }
    }

    private static String noisiestDevices(TriageReport r) {
        StringBuilder sb = new StringBuilder("Noisiest devices: ");
        int shown = Math.min(5, r.topDevices().size());
        for (int i = 0; i < shown; i++) {
            TriageReport.TopDevice d = r.topDevices().get(i);
            sb.append(i > 0 ? ", " : "").append(Texts.truncate(ReportFacts.deviceId(d.deviceId()), 64)).append(" (")
                    .append(Texts.count(d.events())).append(')');
        }
        if (r.topDevices().size() > shown) {
            // of the report's list of the noisiest, not of the affected devices, which are many more
            sb.append(", ").append(ReportFacts.andMore(r.topDevices().size() - shown, "in the report's list",
                    "in the report's list"));
        }
        return sb.toString();
    }

    static JsonObject header(String text) {
        JsonObject h = Json.object();
        h.put("type", "header");
        h.put("block_id", "header");
        JsonObject t = h.putObject("text");
        t.put("type", "plain_text");
        t.put("text", Texts.truncate(Texts.oneLine(text), SlackText.HEADER_MAX));
        t.put("emoji", true);
        return h;
    }

    /** A section of already-escaped mrkdwn, cut to the section limit. */
    static JsonObject section(String id, String mrkdwn) {
        JsonObject s = Json.object();
        s.put("type", "section");
        s.put("block_id", id);
        JsonObject t = s.putObject("text");
        t.put("type", "mrkdwn");
        t.put("text", Texts.truncate(mrkdwn, SlackText.SECTION_MAX));
        return s;
    }

    static void field(JsonArray fields, String title, String raw) {
        if (fields.size() >= 10) {
            return;
        }
        JsonObject f = fields.addObject();
        f.put("type", "mrkdwn");
        f.put("text", "*" + title + "*\n" + SlackText.escapeFit(raw, FIELD_CHARS));
    }

    static JsonObject divider() {
        JsonObject d = Json.object();
        d.put("type", "divider");
        return d;
    }

    /** Adds the notes on left-out links, then the row of link buttons; each only when it has something. */
    static void addLinks(JsonArray blocks, JsonArray buttons, List<String> notes) {
        if (!notes.isEmpty()) {
            blocks.add(context("notes", notes));
        }
        if (!buttons.isEmpty()) {
            JsonObject actions = Json.object();
            actions.put("type", "actions");
            actions.put("block_id", "links");
            actions.set("elements", buttons);
            blocks.add(actions);
        }
    }

    /** A context block of raw texts, at most 10 elements of at most 1,000 characters each. */
    static JsonObject context(String id, List<String> raw) {
        JsonObject c = Json.object();
        c.put("type", "context");
        c.put("block_id", id);
        JsonArray elements = c.putArray("elements");
        int shown = Math.min(raw.size(), SlackText.CONTEXT_ELEMENTS_MAX);
        for (int i = 0; i < shown; i++) {
            String text = i == SlackText.CONTEXT_ELEMENTS_MAX - 1 && raw.size() > shown
                    ? ReportFacts.andMore(raw.size() - i, "note", "notes")
                    : raw.get(i);
            JsonObject e = elements.addObject();
            e.put("type", "mrkdwn");
            e.put("text", SlackText.escapeFit(text, 1000));
        }
        return c;
    }

    /** Adds a link button, or a note when the link is missing or longer than Slack accepts. */
    static void button(JsonArray buttons, String actionId, String title, String url, boolean primary,
                       List<String> notes) {
        if (!AdaptiveCards.isLink(url)) {
            return;
        }
        if (url.length() > SlackText.URL_MAX) {
            notes.add("\"" + title + "\" left out: its link is longer than Slack's " + Texts.count(SlackText.URL_MAX)
                    + " characters (use the Teams card or the report JSON)");
            return;
        }
        JsonObject b = buttons.addObject();
        b.put("type", "button");
        b.put("action_id", actionId);
        JsonObject t = b.putObject("text");
        t.put("type", "plain_text");
        t.put("text", title);
        b.put("url", url);
        if (primary) {
            b.put("style", "primary");
        }
    }
}
