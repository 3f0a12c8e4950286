package io.iothubtriage.notify;


import java.net.URI;
import java.util.Locale;

/**
 * Building blocks of an Adaptive Card 1.4 for Teams Workflows, as {@link JsonObject}s. Only elements and properties of
 * version 1.4 or older are used (Teams' Flow bot fails to display 1.5 cards), and every TextBlock wraps
 * (without {@code wrap} Teams cuts long text off).
 */
final class AdaptiveCards {
    static final String VERSION = "1.4";
    static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

    private AdaptiveCards() {
    }

    /** {"type":"message","attachments":[{"contentType":…,"contentUrl":null,"content":card}]}: exactly one attachment. */
    static JsonObject message(JsonObject card) {
        JsonObject message = Json.object();
        message.put("type", "message");
        JsonObject attachment = message.putArray("attachments").addObject();
        attachment.put("contentType", CONTENT_TYPE);
        attachment.putNull("contentUrl");
        attachment.set("content", card);
        return message;
    }

    /** An empty card of version 1.4, full width in Teams, with the text shown where the card cannot be. */
    static JsonObject card(String fallbackText) {
        JsonObject card = Json.object();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", VERSION);
        card.put("fallbackText", fallbackText);
        card.putObject("msteams").put("width", "Full");
        card.putArray("body");
        return card;
    }

    static JsonArray body(JsonObject card) {
        return card.array("body");
    }

    static JsonObject text(String text) {
        JsonObject t = Json.object();
        t.put("type", "TextBlock");
        t.put("text", TeamsText.escape(text));
        t.put("wrap", true);
        return t;
    }

    static JsonObject heading(String text) {
        return text(text).put("weight", "Bolder").put("spacing", "Medium");
    }

    static JsonObject subtle(String text) {
        return text(text).put("size", "Small").put("isSubtle", true);
    }

    /** A container in one of the host's styles (attention, warning, good, accent, emphasis), bleeding to the edges. */
    static JsonObject container(String style, JsonArray items) {
        JsonObject c = Json.object();
        c.put("type", "Container");
        c.put("style", style);
        c.put("bleed", true);
        c.set("items", items);
        return c;
    }

    static JsonObject factSet() {
        JsonObject f = Json.object();
        f.put("type", "FactSet");
        f.putArray("facts");
        return f;
    }

    static void fact(JsonObject factSet, String title, String value) {
        JsonObject fact = factSet.array("facts").addObject();
        fact.put("title", TeamsText.escape(title));
        fact.put("value", TeamsText.escape(value));
    }

    static JsonObject column(String width, JsonObject... items) {
        JsonObject c = Json.object();
        c.put("type", "Column");
        c.put("width", width);
        JsonArray list = c.putArray("items");
        for (JsonObject i : items) {
            list.add(i);
        }
        return c;
    }

    static JsonObject columnSet(JsonObject... columns) {
        JsonObject cs = Json.object();
        cs.put("type", "ColumnSet");
        JsonArray list = cs.putArray("columns");
        for (JsonObject c : columns) {
            list.add(c);
        }
        return cs;
    }

    static JsonObject openUrl(String title, String url) {
        JsonObject a = Json.object();
        a.put("type", "Action.OpenUrl");
        a.put("title", title);
        a.put("url", url);
        return a;
    }

    /**
     * Buttons in rows of two ActionSets: on a phone four buttons in one row are cut to "Ope…", two per row keep
     * their titles readable.
     */
    static java.util.List<JsonObject> buttonRows(java.util.List<JsonObject> buttons) {
        java.util.List<JsonObject> rows = new java.util.ArrayList<>();
        for (int i = 0; i < buttons.size(); i += 2) {
            JsonObject set = Json.object();
            set.put("type", "ActionSet");
            JsonArray actions = set.putArray("actions");
            for (JsonObject button : buttons.subList(i, Math.min(i + 2, buttons.size()))) {
                actions.add(button);
            }
            set.put("spacing", i == 0 ? "Medium" : "Small");
            rows.add(set);
        }
        return rows;
    }

    /** Removes the last button of the last ActionSet in the body (and the set when it empties); false if none. */
    static boolean removeLastButton(JsonArray body) {
        for (int i = body.size() - 1; i >= 0; i--) {
            JsonObject element = body.object(i);
            if (element != null && "ActionSet".equals(element.get("type")) && element.array("actions") != null) {
                JsonArray actions = element.array("actions");
                actions.remove(actions.size() - 1);
                if (actions.isEmpty()) {
                    body.remove(i);
                }
                return true;
            }
        }
        return false;
    }

    /** True for an absolute http(s) URL, the only kind a button may open. */
    static boolean isLink(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && u.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }
}
