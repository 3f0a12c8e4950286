package io.iothubtriage.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * A JSON value and the path that names it in error messages ({@code data.essentials.alertTargetIDs[0]}).
 * Reads tolerantly, the way alert payloads need: field names match case-insensitively when the exact name is
 * absent ({@code alertRuleID} / {@code alertRuleId}), numbers may arrive as strings and strings as numbers,
 * {@code null} counts as absent, a single value stands for a one-element list. What cannot be read at all
 * (an object where text is expected, {@code "abc"} where a number is expected) is a {@link BadInputException}.
 */
record Field(String path, JsonNode node) {

    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    Field {
        node = node == null ? MissingNode.getInstance() : node;
    }

    static Field root(JsonNode node) {
        return new Field("", node);
    }

    /** The member of this object of that name; exact match first, then ignoring case. Absent when none. */
    Field get(String name) {
        if (!node.isObject()) {
            return new Field(child(name), MissingNode.getInstance());
        }
        JsonNode exact = node.get(name);
        if (exact != null) {
            return new Field(child(name), exact);
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return new Field(child(e.getKey()), e.getValue());
            }
        }
        return new Field(child(name), MissingNode.getInstance());
    }

    /** The first present member among the names (each matched as in {@link #get}). */
    Field getAny(String... names) {
        Field first = get(names[0]);
        for (String name : names) {
            Field f = get(name);
            if (!f.absent()) {
                return f;
            }
        }
        return first;
    }

    boolean absent() {
        return node.isMissingNode() || node.isNull();
    }

    /** This value as an object; absent or of another type is an error. */
    Field requireObject() throws BadInputException {
        if (absent()) {
            throw new BadInputException(where(), "missing");
        }
        if (!node.isObject()) {
            throw new BadInputException(where(), "expected an object, found " + kind(node));
        }
        return this;
    }

    /** An object, or nothing when absent; another type is an error. */
    Optional<Field> optionalObject() throws BadInputException {
        if (absent()) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw new BadInputException(where(), "expected an object, found " + kind(node));
        }
        return Optional.of(this);
    }

    /** The elements of an array; absent is empty; any other single value counts as a one-element list. */
    List<Field> elements() {
        if (absent()) {
            return List.of();
        }
        if (!node.isArray()) {
            return List.of(this);
        }
        List<Field> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(new Field(path + "[" + i + "]", node.get(i)));
        }
        return out;
    }

    /** Text, trimmed; a number or boolean gives its JSON text; absent or blank is empty. */
    Optional<String> text() throws BadInputException {
        if (absent()) {
            return Optional.empty();
        }
        if (node.isContainerNode()) {
            throw new BadInputException(where(), "expected text, found " + kind(node));
        }
        String t = node.asText().trim();
        return t.isEmpty() ? Optional.empty() : Optional.of(t);
    }

    String textOrEmpty() throws BadInputException {
        return text().orElse("");
    }

    String requiredText() throws BadInputException {
        if (absent()) {
            throw new BadInputException(where(), "missing");
        }
        return text().orElseThrow(() -> new BadInputException(where(), "empty"));
    }

    /** A finite number, from a JSON number or a numeric string ({@code "25"}, {@code "7.5e2"}); absent or blank is empty. */
    OptionalDouble number() throws BadInputException {
        if (absent()) {
            return OptionalDouble.empty();
        }
        double value;
        if (node.isNumber()) {
            value = node.doubleValue();
        } else if (node.isTextual()) {
            String t = node.asText().trim();
            if (t.isEmpty()) {
                return OptionalDouble.empty();
            }
            if (!DECIMAL.matcher(t).matches()) {
                throw new BadInputException(where(), "not a number: " + Snippet.quote(t));
            }
            value = Double.parseDouble(t);
        } else {
            throw new BadInputException(where(), "expected a number, found " + kind(node));
        }
        if (!Double.isFinite(value)) {
            throw new BadInputException(where(), "number out of range");
        }
        return OptionalDouble.of(value);
    }

    /** The path as shown in messages; the whole document is "body". */
    String where() {
        return path.isEmpty() ? "body" : path;
    }

    private String child(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        return switch (n.getNodeType()) {
            case OBJECT, POJO -> "an object";
            case ARRAY -> "an array";
            case STRING -> "text";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case BINARY -> "binary data";
            case MISSING -> "nothing";
        };
    }
}
