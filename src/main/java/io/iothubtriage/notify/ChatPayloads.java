package io.iothubtriage.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iothubtriage.diagnosis.TriageReport;

/**
 * The one place that picks the payload for a kind of destination: the Teams Workflows body, the Slack body, or
 * the report JSON for generic webhooks. Pure functions; the CLI's {@code --format teams|slack|json} and the
 * Functions' dry run call these too.
 */
public final class ChatPayloads {

    private ChatPayloads() {
    }

    /** The body to post to a destination of this kind, as a Jackson tree. */
    public static ObjectNode tree(Notification notification, Destination.Kind kind) {
        if (notification instanceof ResolvedMessage m) {
            return switch (kind) {
                case TEAMS -> m.teams();
                case SLACK -> m.slack();
                case GENERIC -> m.json();
            };
        }
        TriageReport report = ((Notification.Triage) notification).report();
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
