package io.iothubtriage.notify;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Writes a Jackson tree as JSON text, character for character what Jackson's own generator writes for it: compact, or
 * indented the way its {@code DefaultPrettyPrinter} indents ({@code "name" : value}, objects one field a line, arrays
 * on one line as {@code [ a, b ]}, {@code { }} and {@code [ ]} when empty, the platform's line separator).
 *
 * <p>Why not the generator: the payloads are written once per CLI run, in a JVM that has just started, and the
 * generator's set-up and layers (factory, writer-based generator, pretty printer, per-character escape tables) run
 * interpreted for most of it. A plain loop over the tree into one {@code StringBuilder} does the same in a fraction
 * of the time. {@code JsonWriterTest} checks it against the generator on every kind of node and character.
 *
 * <p>Escaping, as Jackson's default: {@code "} and {@code \} with a backslash; the control characters U+0000–U+001F
 * as {@code \b \t \n \f \r} or {@code \}{@code u00XX} (upper-case hex); everything else as it is (no escaping of
 * {@code /}, U+007F, non-ASCII or surrogates). Doubles and floats as {@code Double.toString}/{@code Float.toString},
 * NaN and infinities quoted; big numbers by their {@code toString()}.
 */
final class JsonWriter {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final String NEWLINE = System.lineSeparator();

    private final StringBuilder out;
    private final boolean pretty;
    /** Per depth, the line break and indentation of a pretty line. */
    private String[] indents = {NEWLINE};
    /**
     * UTF-8 bytes beyond one per char, of everything written so far (only strings hold non-ASCII): +1 for U+0080–
     * U+07FF, +2 for the rest of the BMP and for each surrogate pair (4 bytes, 2 chars), 0 for an unpaired surrogate
     * (which {@code String.getBytes} writes as "?").
     */
    private int utf8Extra;
    /** The string being escaped, copied out. */
    private char[] chars = new char[256];

    private JsonWriter(StringBuilder out, boolean pretty) {
        this.out = out;
        this.pretty = pretty;
    }

    /** Compact JSON, no spaces or line breaks. */
    static String compact(JsonNode node) {
        return write(node, false);
    }

    /** Indented as {@code ObjectMapper.writerWithDefaultPrettyPrinter()} indents. */
    static String pretty(JsonNode node) {
        return write(node, true);
    }

    /**
     * Bytes of the compact JSON encoded as UTF-8 (as {@code String.getBytes} encodes it), without encoding it: the
     * text's length plus what its non-ASCII characters add, counted while their strings are escaped.
     */
    static int compactUtf8Length(JsonNode node) {
        StringBuilder text = new StringBuilder(4096);
        JsonWriter writer = new JsonWriter(text, false);
        writer.value(node, 0);
        return text.length() + writer.utf8Extra;
    }

    private static String write(JsonNode node, boolean pretty) {
        StringBuilder text = new StringBuilder(4096);
        new JsonWriter(text, pretty).value(node, 0);
        return text.toString();
    }

    /** Writes {@code node}; {@code depth} is how many objects enclose it (arrays do not indent). */
    private void value(JsonNode node, int depth) {
        switch (node.getNodeType()) {
            case OBJECT -> object(node, depth);
            case ARRAY -> array(node, depth);
            case STRING -> string(node.textValue());
            case NUMBER -> number(node);
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL, MISSING -> out.append("null");
            case BINARY, POJO -> throw new IllegalArgumentException("no " + node.getNodeType() + " node is written");
        }
    }

    private void object(JsonNode node, int depth) {
        out.append('{');
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        if (!fields.hasNext()) {
            out.append(pretty ? " }" : "}");
            return;
        }
        boolean first = true;
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!first) {
                out.append(',');
            }
            first = false;
            if (pretty) {
                indent(depth + 1);
            }
            string(field.getKey());
            out.append(pretty ? " : " : ":");
            value(field.getValue(), depth + 1);
        }
        if (pretty) {
            indent(depth);
        }
        out.append('}');
    }

    private void array(JsonNode node, int depth) {
        out.append('[');
        int n = node.size();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(',');
            }
            if (pretty) {
                out.append(' ');
            }
            value(node.get(i), depth);
        }
        out.append(pretty ? " ]" : "]");
    }

    /** A line break and two spaces per level: one append per line, from a table that grows with the depth. */
    private void indent(int depth) {
        if (depth >= indents.length) {
            String[] more = new String[Math.max(depth + 1, 2 * indents.length)];
            System.arraycopy(indents, 0, more, 0, indents.length);
            for (int d = indents.length; d < more.length; d++) {
                more[d] = more[d - 1] + "  ";
            }
            indents = more;
        }
        out.append(indents[depth]);
    }

    private void number(JsonNode node) {
        switch (node.numberType()) {
            case INT -> out.append(node.intValue());
            case LONG -> out.append(node.longValue());
            case BIG_INTEGER -> out.append(node.bigIntegerValue().toString());
            case BIG_DECIMAL -> out.append(node.decimalValue().toString());
            case FLOAT -> decimal(Float.toString(node.floatValue()), Float.isFinite(node.floatValue()));
            case DOUBLE -> decimal(Double.toString(node.doubleValue()), Double.isFinite(node.doubleValue()));
        }
    }

    /** A float or double: as it is when finite, NaN and the infinities quoted (Jackson's default). */
    private void decimal(String text, boolean finite) {
        if (finite) {
            out.append(text);
        } else {
            out.append('"').append(text).append('"');
        }
    }

    private void string(String s) {
        out.append('"');
        int n = s.length();
        if (chars.length < n) {
            chars = new char[Math.max(n, 2 * chars.length)];
        }
        // scanned as a char array: in a cold JVM this loop runs interpreted, where charAt is a call per character
        char[] c = chars;
        s.getChars(0, n, c, 0);
        int from = 0; // start of the run not yet copied: runs without escapes are appended whole
        for (int i = 0; i < n; i++) {
            char ch = c[i];
            if (ch >= 0x80) {
                if (ch < 0x800) {
                    utf8Extra++;
                } else if (!Character.isSurrogate(ch)) {
                    utf8Extra += 2;
                } else if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(c[i + 1])) {
                    utf8Extra += 2;
                    i++; // the pair's low half: nothing to escape
                }
                continue;
            }
            if (ch >= 0x20 && ch != '"' && ch != '\\') {
                continue;
            }
            out.append(c, from, i - from);
            from = i + 1;
            out.append('\\');
            switch (ch) {
                case '"', '\\' -> out.append(ch);
                case '\b' -> out.append('b');
                case '\t' -> out.append('t');
                case '\n' -> out.append('n');
                case '\f' -> out.append('f');
                case '\r' -> out.append('r');
                default -> out.append("u00").append(HEX[ch >> 4]).append(HEX[ch & 0xF]);
            }
        }
        if (from == 0) {
            out.append(s); // nothing escaped: a String is copied whole, a char array char by char
        } else {
            out.append(c, from, n - from);
        }
        out.append('"');
    }
}
