package io.iothubtriage.notify;


/**
 * The two marks a rendered message can carry, each a line at its top:
 * <ul>
 *   <li>possible repeat: an earlier post of the same notification may have arrived (the process stopped between
 *       posting and recording, or a post timed out without an answer);</li>
 *   <li>manual rerun: a person asked for the card on the rerun endpoint ({@code post=true}), so readers must not
 *       take it for a new alert.</li>
 * </ul>
 * Teams gets a line at the top of the card, Slack a context line at the top and a prefix on {@code text} (what
 * phones show), a generic webhook a boolean field ({@code "possibleRepeat": true}, {@code "manualRerun": true}).
 */
final class Marks {
    static final String REPEAT_TEXT = "Possible repeat: an earlier post of this notification may already have arrived "
            + "(delivery was interrupted before it could be confirmed).";
    static final String MANUAL_TEXT = "Manual rerun: posted on request from the triage endpoint, not by a new alert.";
    private static final int SLACK_MAX_BLOCKS = 50;

    private Marks() {
    }

    static JsonObject possibleRepeat(JsonObject message, Destination.Kind kind) {
        return mark(message, kind, "⚠ " + REPEAT_TEXT, ":warning: " + REPEAT_TEXT, "[possible repeat] ",
                "possibleRepeat");
    }

    static JsonObject manualRerun(JsonObject message, Destination.Kind kind) {
        return mark(message, kind, MANUAL_TEXT, ":information_source: " + MANUAL_TEXT, "[manual rerun] ",
                "manualRerun");
    }

    /**
     * Puts a line at the top of a rendered message: Teams a warning line on the card, Slack a context line and a
     * prefix on {@code text}, a generic webhook a boolean field.
     */
    private static JsonObject mark(JsonObject message, Destination.Kind kind, String teamsLine, String slackLine,
                           String textPrefix, String genericFlag) {
        JsonObject m = message.deepCopy();
        switch (kind) {
            case TEAMS -> {
                JsonArray attachments = m.array("attachments");
                JsonObject card = attachments == null || attachments.isEmpty() ? null
                        : attachments.object(0) == null ? null : attachments.object(0).object("content");
                if (card != null) {
                    JsonArray body = card.array("body") != null ? card.array("body") : card.putArray("body");
                    JsonObject line = new JsonObject();
                    line.put("type", "TextBlock");
                    line.put("text", teamsLine);
                    line.put("wrap", true);
                    line.put("color", "Warning");
                    line.put("weight", "Bolder");
                    body.insert(0, line);
                }
            }
            case SLACK -> {
                m.put("text", textPrefix + m.text("text", ""));
                if (m.get("blocks") instanceof JsonArray blocks) {
                    while (blocks.size() >= SLACK_MAX_BLOCKS) {
                        blocks.remove(blocks.size() - 1);
                    }
                    JsonObject context = new JsonObject();
                    context.put("type", "context");
                    context.putArray("elements").addObject().put("type", "mrkdwn").put("text", slackLine);
                    blocks.insert(0, context);
                }
            }
            case GENERIC -> m.put(genericFlag, true);
        }
        return m;
    }
}
