package io.iothubtriage.notify;

import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.evidence.Gap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Teams message of a triage report: the body a Teams Workflows webhook ("When a Teams webhook request is
 * received") takes, with one Adaptive Card 1.4 attachment and only Action.OpenUrl buttons.
 *
 * <p>Layout, top to bottom: a container in the severity's colour with the alert line, the hub and verdict in
 * words, and the report's headline; facts (scope, connected devices, the alert's metric, hub health, window,
 * noise); a compact table of the top error codes with their meaning; what was found; next steps; missing
 * evidence; the noisiest devices; buttons to the logs (Log Analytics with the triage's query), the hub, its
 * Resource Health and the error-code documentation.
 *
 * <p>Size: the compact JSON stays at or under {@link #MAX_BYTES} for any report. The card is built with generous
 * list lengths first, measured, and rebuilt with shorter lists and texts until it fits; shortened lists end with
 * "and N more". The last level keeps only the headline facts, and as a final resort drops buttons whose links
 * are too long, so rendering never fails on size.
 */
public final class TeamsCard {
    /** Teams caps a message at about 28 KB; 26,000 bytes is the target that is reliably accepted. */
    public static final int MAX_BYTES = 26_000;

    /** How much of each list and text a level keeps. */
    record Budget(int errors, int findings, int actions, int devices, int textChars, boolean details) {
    }

    /** Fixed widths keep the table's columns aligned from row to row (each row is its own ColumnSet). */
    private static final String CODE_WIDTH = "64px";
    private static final String DEVICES_WIDTH = "60px";

    /** Tried in order until the card fits. */
    static final List<Budget> LEVELS = List.of(
            new Budget(5, 4, 4, 5, 300, true),
            new Budget(4, 3, 3, 3, 240, true),
            new Budget(3, 3, 3, 0, 200, true),
            new Budget(3, 2, 2, 0, 160, false),
            new Budget(1, 1, 1, 0, 120, false),
            // Last resort: the headline, the facts and the buttons; the lists are only counted.
            new Budget(0, 0, 0, 0, 100, false));

    private TeamsCard() {
    }

    /** The Workflows webhook body for the report, at most {@link #MAX_BYTES} bytes as compact JSON. */
    public static JsonObject message(TriageReport report) {
        return message(report, MAX_BYTES);
    }

    static JsonObject message(TriageReport report, int maxBytes) {
        JsonObject message = null;
        for (Budget b : LEVELS) {
            message = AdaptiveCards.message(card(report, b));
            if (Json.bytes(message) <= maxBytes) {
                return message;
            }
        }
        // Only links can still be too large: drop buttons from the least important end until it fits.
        JsonArray body = AdaptiveCards.body(message.array("attachments").object(0).object("content"));
        while (Json.bytes(message) > maxBytes && AdaptiveCards.removeLastButton(body)) {
            // removed one
        }
        return message;
    }

    static JsonObject card(TriageReport r, Budget b) {
        JsonObject card = AdaptiveCards.card(Texts.truncate(ReportFacts.summaryLine(r), 300));
        JsonArray body = AdaptiveCards.body(card);
        int t = b.textChars();

        JsonArray head = Json.array();
        head.add(AdaptiveCards.subtle(Texts.truncate(ReportFacts.context(r), t)).put("weight", "Bolder"));
        head.add(AdaptiveCards.text(ReportFacts.hubName(r) + ": " + VerdictWording.title(r.verdict()))
                .put("size", "Large").put("weight", "Bolder").put("spacing", "Small"));
        head.add(AdaptiveCards.text(Texts.truncate(ReportFacts.headline(r), Math.max(t, 300)))
                .put("spacing", "Small"));
        head.add(AdaptiveCards.subtle(capitalise(VerdictWording.confidence(r.confidence())))
                .put("spacing", "Small"));
        body.add(AdaptiveCards.container(CardColour.of(r).teamsStyle(), head));

        JsonObject facts = AdaptiveCards.factSet();
        AdaptiveCards.fact(facts, "Scope", Texts.truncate(ReportFacts.scope(r), t));
        // ifs rather than Optional lambdas: the CLI renders one card per cold run
        Optional<String> drop = ReportFacts.deviceDrop(r);
        if (drop.isPresent()) {
            AdaptiveCards.fact(facts, "Connected devices", drop.get());
        }
        Optional<String> alert = ReportFacts.alertMetric(r);
        if (alert.isPresent()) {
            AdaptiveCards.fact(facts, "Alert", Texts.truncate(alert.get(), t));
        }
        AdaptiveCards.fact(facts, "Hub health", Texts.truncate(ReportFacts.health(r), t));
        AdaptiveCards.fact(facts, "Window", Texts.span(r.window().start(), r.window().end()));
        if (b.details()) {
            Optional<String> noise = ReportFacts.noise(r);
            if (noise.isPresent()) {
                AdaptiveCards.fact(facts, "Noise", noise.get());
            }
        }
        body.add(facts.put("spacing", "Medium"));

        Optional<JsonObject> missing = missingEvidence(r, b);
        if (missing.isPresent()) {
            body.add(missing.get());
        }
        Optional<List<JsonObject>> errors = errorTable(r, b);
        if (errors.isPresent()) {
            body.addAll(errors.get());
        }
        Optional<List<JsonObject>> changes = changes(r, b);
        if (changes.isPresent()) {
            body.addAll(changes.get());
        }
        list(body, "What we found", ReportFacts.items(r.findings()), b.findings(), t, false, "finding", "findings");
        list(body, "Next steps", ReportFacts.items(r.actions()), b.actions(), t, true, "step", "steps");
        if (b.devices() > 0 && !r.topDevices().isEmpty()) {
            body.add(AdaptiveCards.subtle(Texts.truncate(noisiestDevices(r, b.devices()), Math.max(t, 300)))
                    .put("spacing", "Medium"));
        }
        body.add(AdaptiveCards.subtle("iothub-triage · report " + Texts.dateTime(r.generatedAt()) + " UTC")
                .put("spacing", "Medium"));

        List<JsonObject> buttons = new ArrayList<>();
        addButton(buttons, "Open the full report", r.links().fullReport());
        addButton(buttons, "Open the logs", r.links().logs());
        addButton(buttons, "Open the hub", r.links().hub());
        addButton(buttons, "Resource Health", r.links().resourceHealth());
        addButton(buttons, "Error-code docs", r.links().docs());
        body.addAll(AdaptiveCards.buttonRows(buttons));
        return card;
    }

    /** The top error codes as a table built of ColumnSets (Table needs 1.5): code, devices, name and meaning. */
    private static Optional<List<JsonObject>> errorTable(TriageReport r, Budget b) {
        if (r.errors().isEmpty()) {
            return Optional.empty();
        }
        List<JsonObject> out = new ArrayList<>();
        out.add(AdaptiveCards.heading("Top error codes").put("separator", true));
        out.add(AdaptiveCards.columnSet(
                AdaptiveCards.column(CODE_WIDTH, AdaptiveCards.subtle("Code").put("weight", "Bolder")),
                AdaptiveCards.column(DEVICES_WIDTH, AdaptiveCards.subtle("Devices").put("weight", "Bolder")
                        .put("horizontalAlignment", "Right")),
                AdaptiveCards.column("stretch", AdaptiveCards.subtle("Meaning").put("weight", "Bolder")))
                .put("spacing", "Small"));
        int shown = Math.min(b.errors(), r.errors().size());
        for (int i = 0; i < shown; i++) {
            TriageReport.ErrorLine e = r.errors().get(i);
            JsonObject code = AdaptiveCards.text(e.code()).put("fontType", "Monospace").put("weight", "Bolder");
            if (e.unusual()) {
                code.put("color", "Attention");
            }
            JsonObject devices = AdaptiveCards.text(Texts.count(e.devices())).put("horizontalAlignment", "Right");
            JsonObject name = AdaptiveCards.text(Texts.truncate(ReportFacts.errorName(e), 80))
                    .put("weight", "Bolder").put("size", "Small");
            JsonObject meaning = AdaptiveCards.text(Texts.truncate(ReportFacts.errorMeaning(e), b.textChars()))
                    .put("size", "Small").put("spacing", "None");
            JsonObject counts = AdaptiveCards.subtle(Texts.plural(e.events(), "event", "events") + ", "
                    + ReportFacts.inBaseline(e) + (e.unusual() ? " (unusual)" : ""))
                    .put("spacing", "None");
            JsonObject row = b.details()
                    ? AdaptiveCards.columnSet(AdaptiveCards.column(CODE_WIDTH, code),
                    AdaptiveCards.column(DEVICES_WIDTH, devices), AdaptiveCards.column("stretch", name, meaning, counts))
                    : AdaptiveCards.columnSet(AdaptiveCards.column(CODE_WIDTH, code),
                    AdaptiveCards.column(DEVICES_WIDTH, devices), AdaptiveCards.column("stretch", name, meaning));
            out.add(row.put("spacing", "Small").put("separator", i > 0));
        }
        if (shown == 0) {
            return Optional.of(List.of(AdaptiveCards.subtle(Texts.plural(r.errors().size(), "error code",
                    "error codes") + " in the report").put("spacing", "Medium")));
        }
        if (r.errors().size() > shown) {
            out.add(AdaptiveCards.subtle(ReportFacts.andMore(r.errors().size() - shown, "code", "codes")
                    + " in the report").put("spacing", "Small"));
        }
        return Optional.of(out);
    }

    /** The hub's changes, related ones first, one short line each; the rest counted. */
    private static Optional<List<JsonObject>> changes(TriageReport r, Budget b) {
        if (r.changes().isEmpty()) {
            return Optional.empty();
        }
        List<TriageReport.ChangeLine> ordered = ChangeSummaries.ordered(r);
        int shown = Math.min(Math.max(1, b.findings()), ordered.size());
        List<JsonObject> out = new ArrayList<>();
        out.add(AdaptiveCards.heading("Changes around the window"));
        for (int i = 0; i < shown; i++) {
            TriageReport.ChangeLine c = ordered.get(i);
            JsonObject line = AdaptiveCards.text(Texts.truncate(ChangeSummaries.line(c), b.textChars()))
                    .put("size", "Small").put("spacing", "Small");
            if (c.relation() == io.iothubtriage.diagnosis.ChangeRelation.LIKELY_CAUSE) {
                line.put("weight", "Bolder").put("color", "Attention");
            }
            out.add(line);
        }
        if (ordered.size() > shown) {
            out.add(AdaptiveCards.subtle(ReportFacts.andMore(ordered.size() - shown, "change", "changes")
                    + " in the report").put("spacing", "Small"));
        }
        return Optional.of(out);
    }

    private static void list(JsonArray body, String title, List<String> items, int max, int textChars,
                             boolean numbered, String one, String many) {
        if (items.isEmpty()) {
            return;
        }
        if (max <= 0) {
            body.add(AdaptiveCards.subtle(Texts.plural(items.size(), one, many) + " in the report")
                    .put("spacing", "Small"));
            return;
        }
        body.add(AdaptiveCards.heading(title));
        int shown = Math.min(max, items.size());
        for (int i = 0; i < shown; i++) {
            // A Column for the marker keeps wrapped lines indented, which reads better on a phone. The number
            // has no dot: "1." alone would be read as a Markdown list and indented again.
            JsonObject marker = numbered
                    ? AdaptiveCards.text(String.valueOf(i + 1)).put("weight", "Bolder").put("color", "Accent")
                    : AdaptiveCards.text("•");
            body.add(AdaptiveCards.columnSet(
                    AdaptiveCards.column("12px", marker),
                    AdaptiveCards.column("stretch", AdaptiveCards.text(Texts.truncate(items.get(i),
                            textChars))))
                    .put("spacing", "Small"));
        }
        if (items.size() > shown) {
            body.add(AdaptiveCards.subtle(ReportFacts.andMore(items.size() - shown, one, many) + " in the report")
                    .put("spacing", "Small"));
        }
    }

    private static Optional<JsonObject> missingEvidence(TriageReport r, Budget b) {
        if (r.gaps().isEmpty()) {
            return Optional.empty();
        }
        JsonArray items = Json.array();
        items.add(AdaptiveCards.text("Missing evidence").put("weight", "Bolder").put("size", "Small"));
        int shown = Math.min(r.gaps().size(), Math.max(1, b.findings()));
        for (int i = 0; i < shown; i++) {
            Gap g = r.gaps().get(i);
            items.add(AdaptiveCards.text(Texts.truncate(ReportFacts.gap(g), b.textChars())).put("size", "Small")
                    .put("spacing", "None"));
        }
        if (r.gaps().size() > shown) {
            items.add(AdaptiveCards.subtle(ReportFacts.andMore(r.gaps().size() - shown, "gap", "gaps")));
        }
        JsonObject c = AdaptiveCards.container("warning", items);
        c.remove("bleed");
        return Optional.of(c.put("spacing", "Medium"));
    }

    private static String noisiestDevices(TriageReport r, int max) {
        StringBuilder sb = new StringBuilder("Noisiest devices: ");
        int shown = Math.min(max, r.topDevices().size());
        for (int i = 0; i < shown; i++) {
            TriageReport.TopDevice d = r.topDevices().get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(Texts.truncate(ReportFacts.deviceId(d.deviceId()), 64)).append(" (").append(Texts.count(d.events())).append(')');
        }
        if (r.topDevices().size() > shown) {
            // of the report's list of the noisiest, not of the affected devices, which are many more
            sb.append(", ").append(ReportFacts.andMore(r.topDevices().size() - shown, "in the report's list",
                    "in the report's list"));
        }
        return sb.toString();
    }

    static void addButton(List<JsonObject> buttons, String title, String url) {
        if (AdaptiveCards.isLink(url)) {
            buttons.add(AdaptiveCards.openUrl(title, url));
        }
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
