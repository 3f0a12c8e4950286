package io.iothubtriage.notify;

import io.iothubtriage.alert.HubId;
import io.iothubtriage.diagnosis.TriageReport;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The short notices only the Functions app sends, rendered per kind of destination: the one-line "still ongoing,
 * fired N times" update of a flapping hub, the fallback notice, the "test or stale notification" message and the
 * "automatic triage failed" notice. Teams gets a small
 * Adaptive Card 1.4 in a Workflows body (only Action.OpenUrl), Slack a {@code text} line (what mobile
 * notifications show) with one section and a context line, a generic webhook a small JSON object with a
 * {@code type}.
 */
final class ShortNotices {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ShortNotices() {
    }

    /** "contoso-hub: still ongoing (Devices lost network or keep-alive), fired 3 times since 10:41 UTC." */
    static String stillOngoingLine(Notification.RepeatUpdate u) {
        TriageReport r = u.report();
        String sev = r.alert().map(a -> a.severity()).filter(s -> !s.isEmpty()).map(s -> "[" + s + "] ").orElse("");
        return sev + r.hub().name() + ": still ongoing (" + VerdictWording.title(u.verdict()) + "), fired "
                + u.firedCount() + " times; latest alert at " + r.alert().map(a -> HH_MM.format(a.firedAt()) + " UTC")
                .orElse("(time unknown)") + ". Full card posted earlier.";
    }

    /** "Automatic triage failed for contoso-hub (Sev2, rule conn-drop, fired 2026-11-26 10:41 UTC): …" */
    static String failedLine(Notification.TriageFailed f) {
        AlertFacts a = f.alert();
        List<String> facts = new ArrayList<>();
        if (!a.severity().isEmpty()) {
            facts.add(a.severity());
        }
        if (!a.rule().isEmpty()) {
            facts.add("rule " + a.rule());
        }
        if (!a.condition().isEmpty()) {
            facts.add(a.condition());
        }
        a.firedAt().ifPresent(t -> facts.add("fired " + HH_MM.format(t) + " UTC"));
        String hub = a.hub().map(HubId::name).orElse("an unknown hub");
        return "Automatic triage failed for " + hub + (facts.isEmpty() ? "" : " (" + String.join(", ", facts) + ")")
                + ". Check the hub's connection logs by hand." + (f.reason().isEmpty() ? "" : " Reason: " + f.reason());
    }

    /** "contoso-hub: the card could not be delivered to teams (HTTP 404 …). Posted here instead of there." */
    static String fallbackLine(Notification.Fallback f) {
        String hub = f.alert().hub().map(HubId::name).orElse("an unknown hub");
        return "The triage card for " + hub + describe(f.alert()) + " could not be delivered to the "
                + (f.refusedKind().isEmpty() ? "other destination" : f.refusedKind() + " destination")
                + (f.reason().isEmpty() ? "" : " (" + f.reason() + ")")
                + "; it was posted here. Check that destination's webhook.";
    }

    /** "A test or stale notification of rule conn-drop (contoso-hub, fired 2021-03-01 10:00 UTC) arrived; …" */
    static String testOrStaleLine(Notification.TestOrStale t) {
        AlertFacts a = t.alert();
        String hub = a.hub().map(HubId::name).orElse("an unknown hub");
        return "A test or stale notification of " + (a.rule().isEmpty() ? "an alert rule" : "rule " + a.rule())
                + " arrived for " + hub + describe(a) + ". It fired more than 24 hours before it arrived, or in the "
                + "future (the portal's \"test action group\" sends sample dates), so it was not triaged as a live "
                + "incident.";
    }

    private static String describe(AlertFacts a) {
        List<String> facts = new ArrayList<>();
        if (!a.severity().isEmpty()) {
            facts.add(a.severity());
        }
        if (!a.condition().isEmpty()) {
            facts.add(a.condition());
        }
        a.firedAt().ifPresent(t -> facts.add("fired " + HH_MM.format(t) + " UTC"));
        return facts.isEmpty() ? "" : " (" + String.join(", ", facts) + ")";
    }

    static JsonObject fallback(Notification.Fallback f, Destination.Kind kind) {
        return plain(fallbackLine(f), "iothub-triage.deliveryFallback", f.alert(), "attention", kind);
    }

    static JsonObject testOrStale(Notification.TestOrStale t, Destination.Kind kind) {
        return plain(testOrStaleLine(t), "iothub-triage.testOrStale", t.alert(), "default", kind);
    }

    /** The hub's logs and overview, where the alert names a hub. */
    private static List<Link> links(AlertFacts a) {
        List<Link> links = new ArrayList<>();
        if (!a.logsLink().isEmpty()) {
            links.add(new Link("Open logs", a.logsLink()));
        }
        if (!a.hubLink().isEmpty()) {
            links.add(new Link("Open hub", a.hubLink()));
        }
        return links;
    }

    private static JsonObject plain(String line, String type, AlertFacts a, String style, Destination.Kind kind) {
        List<Link> links = links(a);
        return switch (kind) {
            case TEAMS -> teams(line, style, links);
            case SLACK -> slack(line, links);
            case GENERIC -> {
                JsonObject o = new JsonObject();
                o.put("type", type);
                o.put("text", line);
                a.alertId().ifPresent(id -> o.put("alertId", id));
                a.hub().ifPresent(h -> o.put("hub", h.resourceId()));
                o.put("rule", a.rule());
                o.put("severity", a.severity());
                a.firedAt().ifPresent(t -> o.put("firedAt", t.toString()));
                yield o;
            }
        };
    }

    static JsonObject stillOngoing(Notification.RepeatUpdate u, Destination.Kind kind) {
        String line = stillOngoingLine(u);
        TriageReport r = u.report();
        return switch (kind) {
            case TEAMS -> teams(line, "warning", List.of(new Link("Open logs", r.links().logs()),
                    new Link("Open hub", r.links().hub())));
            case SLACK -> slack(":hourglass: " + line, List.of(new Link("Open logs", r.links().logs())));
            case GENERIC -> {
                JsonObject o = new JsonObject();
                o.put("type", "iothub-triage.stillOngoing");
                o.put("text", line);
                o.put("hub", r.hub().resourceId());
                o.put("verdict", u.verdict().name());
                o.put("firedCount", u.firedCount());
                r.alert().ifPresent(a -> {
                    o.put("alertId", a.alertId());
                    o.put("firedAt", a.firedAt().toString());
                });
                yield o;
            }
        };
    }

    static JsonObject failed(Notification.TriageFailed f, Destination.Kind kind) {
        String line = failedLine(f);
        AlertFacts a = f.alert();
        List<Link> links = links(a);
        return switch (kind) {
            case TEAMS -> teams(line, "attention", links);
            case SLACK -> slack(":warning: " + line, links);
            case GENERIC -> {
                JsonObject o = new JsonObject();
                o.put("type", "iothub-triage.triageFailed");
                o.put("text", line);
                o.put("reason", f.reason());
                a.alertId().ifPresent(id -> o.put("alertId", id));
                a.hub().ifPresent(h -> o.put("hub", h.resourceId()));
                o.put("rule", a.rule());
                o.put("severity", a.severity());
                o.put("condition", a.condition());
                a.firedAt().ifPresent(t -> o.put("firedAt", t.toString()));
                o.put("requestId", a.requestId());
                o.put("logs", a.logsLink());
                yield o;
            }
        };
    }

    record Link(String title, String url) {
    }

    private static JsonObject teams(String line, String style, List<Link> links) {
        JsonObject card = new JsonObject();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.put("fallbackText", line);
        JsonArray body = card.putArray("body");
        JsonObject container = body.addObject();
        container.put("type", "Container");
        container.put("style", style);
        JsonObject text = container.putArray("items").addObject();
        text.put("type", "TextBlock");
        text.put("text", line);
        text.put("wrap", true);
        JsonArray actions = new JsonArray();
        for (Link l : links) {
            if (!l.url().isEmpty()) {
                actions.addObject().put("type", "Action.OpenUrl").put("title", l.title()).put("url", l.url());
            }
        }
        if (!actions.isEmpty()) {
            card.set("actions", actions);
        }
        JsonObject message = new JsonObject();
        message.put("type", "message");
        JsonObject attachment = message.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        attachment.set("content", card);
        return message;
    }

    private static JsonObject slack(String line, List<Link> links) {
        JsonObject o = new JsonObject();
        o.put("text", line);
        JsonArray blocks = o.putArray("blocks");
        JsonObject section = blocks.addObject();
        section.put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", escape(line));
        List<String> parts = new ArrayList<>();
        for (Link l : links) {
            if (!l.url().isEmpty()) {
                parts.add("<" + l.url() + "|" + l.title() + ">");
            }
        }
        if (!parts.isEmpty()) {
            JsonObject context = blocks.addObject();
            context.put("type", "context");
            context.putArray("elements").addObject().put("type", "mrkdwn").put("text", String.join(" · ", parts));
        }
        return o;
    }

    /** Slack mrkdwn control characters. */
    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
