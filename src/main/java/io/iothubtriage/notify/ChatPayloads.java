package io.iothubtriage.notify;

import io.iothubtriage.diagnosis.TriageReport;

/**
 * The one place that picks the payload of a {@link Notification} for a kind of destination: the Teams Workflows
 * body, the Slack body, or for generic webhooks the report JSON (the full card) or a small typed object (the short
 * notices), with the "manual rerun" and "possible repeat" marks on top. Pure functions; the CLI's
 * {@code --format teams|slack|json}, its {@code --post}, the Functions' worker, failure path and rerun all call these.
 */
public final class ChatPayloads {

    private ChatPayloads() {
    }

    /** The body to post to a destination of this kind, as the tree {@link JsonWriter} writes. */
    public static JsonObject tree(Notification notification, Destination.Kind kind) {
        JsonObject body = body(notification, kind);
        return notification.possibleRepeat() ? Marks.possibleRepeat(body, kind) : body;
    }

    private static JsonObject body(Notification notification, Destination.Kind kind) {
        if (notification instanceof Notification.FullCard c) {
            JsonObject card = card(c.report(), kind);
            return c.manualRerun() ? Marks.manualRerun(card, kind) : card;
        }
        if (notification instanceof ResolvedMessage m) {
            return switch (kind) {
                case TEAMS -> m.teams();
                case SLACK -> m.slack();
                case GENERIC -> m.json();
            };
        }
        if (notification instanceof Notification.RepeatUpdate u) {
            return ShortNotices.stillOngoing(u, kind);
        }
        if (notification instanceof Notification.Fallback f) {
            return ShortNotices.fallback(f, kind);
        }
        if (notification instanceof Notification.TestOrStale t) {
            return ShortNotices.testOrStale(t, kind);
        }
        return ShortNotices.failed((Notification.TriageFailed) notification, kind);
    }

    private static JsonObject card(TriageReport report, Destination.Kind kind) {
        return switch (kind) {
            case TEAMS -> TeamsCard.message(report);
            case SLACK -> SlackMessage.body(report);
            case GENERIC -> ReportJson.toTree(report);
        };
    }
    /** The body as compact JSON: what is posted. */
    public static String render(Notification notification, Destination.Kind kind) {
        return Json.compact(tree(notification, kind));
    }

    /** The body as indented JSON: for {@code --format} output and files people read. */
    public static String renderPretty(Notification notification, Destination.Kind kind) {
        return Json.pretty(tree(notification, kind));
    }

    public static String teams(TriageReport report) {
        return render(Notification.of(report), Destination.Kind.TEAMS);
    }

    public static String slack(TriageReport report) {
        return render(Notification.of(report), Destination.Kind.SLACK);
    }

    public static String json(TriageReport report) {
        return render(Notification.of(report), Destination.Kind.GENERIC);
    }
}
