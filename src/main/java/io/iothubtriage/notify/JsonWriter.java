package io.iothubtriage.notify;

/**
 * Writes a {@link JsonObject} or {@link JsonArray} as JSON text, character for character what Jackson's own generator
 * writes for the same tree: compact, or indented the way its {@code DefaultPrettyPrinter} indents
 * ({@code "name" : value}, objects one field a line, arrays on one line as {@code [ a, b ]}, {@code { }} and
 * {@code [ ]} when empty, the platform's line separator).
 *
 * <p>Why not the generator: the payloads are written once per CLI run, in a JVM that has just started, and the
 * generator's set-up and layers (factory, writer-based generator, pretty printer, per-character escape tables) run
 * interpreted for most of it. A plain loop over the tree into one {@code StringBuilder} does the same in a fraction
 * of the time. {@code JsonWriterTest} checks it against Jackson's mapper on every kind of value and character.
 *
 * <p>Escaping, as Jackson's default: {@code "} and {@code \} with a backslash; the control characters U+0000–U+001F
 * as {@code \b \t \n \f \r} or {@code \}{@code u00XX} (upper-case hex); everything else as it is (no escaping of
 * {@code /}, U+007F, non-ASCII or surrogates). Doubles as {@code Double.toString}, NaN and infinities quoted.
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
    static String compact(Object node) {
        return write(node, false);
    }

    /** Indented as {@code ObjectMapper.writerWithDefaultPrettyPrinter()} indents. */
    static String pretty(Object node) {
        return write(node, true);
    }

    /**
     * Bytes of the compact JSON encoded as UTF-8 (as {@code String.getBytes} encodes it), without encoding it: the
     * text's length plus what its non-ASCII characters add, counted while their strings are escaped.
     */
    static int compactUtf8Length(Object node) {
        StringBuilder text = new StringBuilder(4096);
        JsonWriter writer = new JsonWriter(text, false);
        writer.value(node, 0);
        return text.length() + writer.utf8Extra;
    }

    private static String write(Object node, boolean pretty) {
        StringBuilder text = new StringBuilder(4096);
        new JsonWriter(text, pretty).value(node, 0);
        return text.toString();
    }

    /** Writes {@code node}; {@code depth} is how many objects enclose it (arrays do not indent). */
    private void value(Object node, int depth) {
        // instanceof in the order of how common each kind is in the payloads
        if (node instanceof String s) {
            string(s);
        } else if (node instanceof JsonObject o) {
            object(o, depth);
        } else if (node instanceof JsonArray a) {
            array(a, depth);
        } else if (node instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (node instanceof Integer i) {
            out.append(i.intValue());
        } else if (node instanceof Long l) {
            out.append(l.longValue());
        } else if (node instanceof Double d) {
            double v = d;
            if (Double.isFinite(v)) {
                out.append(v);
            } else {
                out.append('"').append(v).append('"'); // NaN and the infinities quoted, as Jackson writes them
            }
        } else if (node == null) {
            out.append("null");
        } else {
            throw new IllegalArgumentException("no JSON value: " + node.getClass().getName());
        }
    }

    private void object(JsonObject node, int depth) {
        out.append('{');
        int n = node.size();
        if (n == 0) {
            out.append(pretty ? " }" : "}");
            return;
        }
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(',');
            }
            if (pretty) {
                indent(depth + 1);
            }
            string(node.nameAt(i));
            out.append(pretty ? " : " : ":");
            value(node.valueAt(i), depth + 1);
        }
        if (pretty) {
            indent(depth);
        }
        out.append('}');
    }

    private void array(JsonArray node, int depth) {
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
