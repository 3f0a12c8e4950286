package io.iothubtriage.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.Locale;

/**
 * Building blocks of an Adaptive Card 1.4 for Teams Workflows, as Jackson nodes. Only elements and properties of
 * version 1.4 or older are used (Teams' Flow bot fails to display 1.5 cards), and every TextBlock wraps
 * (without {@code wrap} Teams cuts long text off).
 */
final class AdaptiveCards {
    static final String VERSION = "1.4";
    static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

    private AdaptiveCards() {
    }

    /** {"type":"message","attachments":[{"contentType":…,"contentUrl":null,"content":card}]}: exactly one attachment. */
    static ObjectNode message(ObjectNode card) {
        ObjectNode message = Json.object();
        message.put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject();
        attachment.put("contentType", CONTENT_TYPE);
        attachment.putNull("contentUrl");
        attachment.set("content", card);
        return message;
    }

    /** An empty card of version 1.4, full width in Teams, with the text shown where the card cannot be. */
    static ObjectNode card(String fallbackText) {
        ObjectNode card = Json.object();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", VERSION);
        card.put("fallbackText", fallbackText);
        card.putObject("msteams").put("width", "Full");
        card.putArray("body");
        return card;
    }

    static ArrayNode body(ObjectNode card) {
        return (ArrayNode) card.get("body");
    }

    static ObjectNode text(String text) {
        ObjectNode t = Json.object();
        t.put("type", "TextBlock");
        t.put("text", text);
        t.put("wrap", true);
        return t;
    }

    static ObjectNode heading(String text) {
        return text(text).put("weight", "Bolder").put("spacing", "Medium");
    }

    static ObjectNode subtle(String text) {
        return text(text).put("size", "Small").put("isSubtle", true);
    }

    /** A container in one of the host's styles (attention, warning, good, accent, emphasis), bleeding to the edges. */
    static ObjectNode container(String style, ArrayNode items) {
        ObjectNode c = Json.object();
        c.put("type", "Container");
        c.put("style", style);
        c.put("bleed", true);
        c.set("items", items);
        return c;
    }

    static ObjectNode factSet() {
        ObjectNode f = Json.object();
        f.put("type", "FactSet");
        f.putArray("facts");
        return f;
    }

    static void fact(ObjectNode factSet, String title, String value) {
        ObjectNode fact = ((ArrayNode) factSet.get("facts")).addObject();
        fact.put("title", title);
        fact.put("value", value);
    }

    static ObjectNode column(String width, ObjectNode... items) {
        ObjectNode c = Json.object();
        c.put("type", "Column");
        c.put("width", width);
        ArrayNode list = c.putArray("items");
        for (ObjectNode i : items) {
            list.add(i);
        }
        return c;
    }

    static ObjectNode columnSet(ObjectNode... columns) {
        ObjectNode cs = Json.object();
        cs.put("type", "ColumnSet");
        ArrayNode list = cs.putArray("columns");
        for (ObjectNode c : columns) {
            list.add(c);
        }
        return cs;
    }

    static ObjectNode openUrl(String title, String url) {
        ObjectNode a = Json.object();
        a.put("type", "Action.OpenUrl");
        a.put("title", title);
        a.put("url", url);
        return a;
    }

    /**
     * Buttons in rows of two ActionSets: on a phone four buttons in one row are cut to "Ope…", two per row keep
     * their titles readable.
     */
    static java.util.List<ObjectNode> buttonRows(java.util.List<ObjectNode> buttons) {
        java.util.List<ObjectNode> rows = new java.util.ArrayList<>();
        for (int i = 0; i < buttons.size(); i += 2) {
            ObjectNode set = Json.object();
            set.put("type", "ActionSet");
            ArrayNode actions = set.putArray("actions");
            for (ObjectNode button : buttons.subList(i, Math.min(i + 2, buttons.size()))) {
                actions.add(button);
            }
            set.put("spacing", i == 0 ? "Medium" : "Small");
            rows.add(set);
        }
        return rows;
    }

    /** Removes the last button of the last ActionSet in the body (and the set when it empties); false if none. */
    static boolean removeLastButton(ArrayNode body) {
        for (int i = body.size() - 1; i >= 0; i--) {
            if ("ActionSet".equals(body.get(i).path("type").asText())) {
                ArrayNode actions = (ArrayNode) body.get(i).get("actions");
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
