package io.iothubtriage.notify;

/**
 * Escaping for the HTML report. Everything that came from logs or from Azure (device ids, error names, callers,
 * titles) goes through {@link #text}; only https links built by this project go into {@code href}.
 */
final class Html {
    private Html() {
    }

    /**
     * Text safe in element content and in quoted attribute values, of HTML and of inline SVG alike: the five markup
     * characters become references, and control characters that HTML forbids are dropped (line breaks and tabs stay).
     */
    static String text(String s) {
        // Most texts need no change: one scan of a copy of the chars, and the text itself comes back. A short CLI run
        // escapes thousands of texts with this loop still interpreted, where charAt and append cost a call per char.
        for (char c : s.toCharArray()) {
            boolean changes = c >= 0xa0
                    ? c >= 0xd800 && (c < 0xe000 || c >= 0xfffe) // surrogates, U+FFFE, U+FFFF
                    : c < 0x20 ? c != '\n' && c != '\t'
                    : c >= 0x7f || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'';
            if (changes) {
                return escaped(s);
            }
        }
        return s;
    }

    /** {@link #text} of a text that has something to escape, drop or replace. */
    static String escaped(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\n', '\t' -> out.append(c);
                case '\r' -> out.append('\n');
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0xfffe || c == 0xffff) {
                        continue;
                    }
                    if (Character.isSurrogate(c)) {
                        boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length()
                                && Character.isLowSurrogate(s.charAt(i + 1));
                        if (pair) {
                            out.append(c).append(s.charAt(++i));
                        } else {
                            out.append('\ufffd');
                        }
                        continue;
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }

    /** A link when {@code url} is an https URL, else the label alone (no other scheme reaches an href). */
    static String link(String label, String url) {
        if (!isHttps(url)) {
            return text(label);
        }
        return "<a href=\"" + text(url) + "\">" + text(label) + "</a>";
    }

    static boolean isHttps(String url) {
        if (url == null || !url.regionMatches(true, 0, "https://", 0, 8) || url.length() <= 8) {
            return false;
        }
        for (int i = 0; i < url.length(); i++) {
            if (url.charAt(i) <= 0x20) {
                return false;
            }
        }
        return true;
    }

    /**
     * Report prose (findings, next steps) with its {@code `code`} spans as {@code <code>}; everything else is text.
     * An unpaired backtick stays a backtick.
     */
    static String prose(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        int i = 0;
        while (i < s.length()) {
            int open = s.indexOf('`', i);
            int close = open < 0 ? -1 : s.indexOf('`', open + 1);
            if (open < 0 || close < 0) {
                out.append(text(s.substring(i)));
                break;
            }
            out.append(text(s.substring(i, open))).append("<code>").append(text(s.substring(open + 1, close)))
                    .append("</code>");
            i = close + 1;
        }
        return out.toString();
    }
}
