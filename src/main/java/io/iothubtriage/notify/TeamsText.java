package io.iothubtriage.notify;

/**
 * Teams renders a TextBlock's text and a FactSet value as Markdown: a tag value {@code [link](https://…)} or a
 * caller named {@code [Open the full report](https://…)} would become a link that looks like the card's own. Every
 * TextBlock and fact goes through {@link #escape} ({@link AdaptiveCards#text}, {@link AdaptiveCards#fact}), so
 * text from logs, changes, hub names, device ids and callers shows as the characters it is: link brackets,
 * emphasis ({@code * _ ~}), code ({@code `}), {@code < >}, and at a line's start a heading ({@code #}), a list item
 * ({@code - + 1.}) are escaped with a backslash (CommonMark's escape, which the Adaptive Card renderers honour).
 *
 * <p>Written as two scans rather than regular expressions: every card escapes its texts once in a cold CLI run,
 * where compiling and interpreting the patterns cost milliseconds. {@code TeamsTextTest} proves it equal to the
 * expressions it replaces, {@code ([\\\[\]*_~`<>])} → {@code \\$1}, then at each line's start
 * {@code (?m)^(\s*)(#|[-+](?=\s)|\d+(?=[.)]\s))} with the mark escaped.
 */
final class TeamsText {

    /** Per ASCII character, whether it is one of the marks {@link #escapeInline} escapes. */
    private static final boolean[] INLINE_MARK = new boolean[128];

    static {
        for (char c : "\\[]*_~`<>".toCharArray()) {
            INLINE_MARK[c] = true;
        }
    }

    private TeamsText() {
    }

    static String escape(String s) {
        return escapeLineStarts(escapeInline(s));
    }

    /** A backslash before each of {@code \ [ ] * _ ~ ` < >}. */
    private static String escapeInline(String s) {
        // the scan for the first mark runs over a copy of the chars: in a cold JVM it is interpreted, where charAt
        // costs a call per character, and most texts have no mark at all
        char[] chars = s.toCharArray();
        int first = 0;
        while (first < chars.length && !(chars[first] < 128 && INLINE_MARK[chars[first]])) {
            first++;
        }
        if (first == chars.length) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16).append(s, 0, first);
        for (int i = first; i < chars.length; i++) {
            char c = chars[i];
            if (c < 128 && INLINE_MARK[c]) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * At the start of each line (after any white space, line breaks included), a heading {@code #}, a list mark
     * {@code -}/{@code +} followed by white space, or a number followed by {@code .} or {@code )} and white space:
     * "#" → "\#", "-" → "\-", "1." → "1\.".
     */
    private static String escapeLineStarts(String s) {
        char[] chars = s.toCharArray();
        StringBuilder out = null;
        int copied = 0;
        int n = chars.length;
        int i = 0; // always a line start (or n)
        while (i < n) {
            int j = i;
            while (j < n && Texts.isSpace(chars[j])) {
                j++;
            }
            int markEnd = markEnd(s, j);
            if (markEnd < 0) {
                i = nextLineStart(chars, i + 1);
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n + 8);
            }
            out.append(s, copied, j);
            if (chars[j] >= '0' && chars[j] <= '9') {
                out.append(s, j, markEnd).append('\\');
            } else {
                out.append('\\').append(s, j, markEnd);
            }
            copied = markEnd;
            i = nextLineStart(chars, markEnd);
        }
        if (out == null) {
            return s;
        }
        return out.append(s, copied, n).toString();
    }

    /**
     * The first position at or after {@code from} (at least 1) where {@code ^} matches in multi-line mode: after a
     * line terminator, never at the text's end; {@code chars.length} when there is none.
     */
    private static int nextLineStart(char[] chars, int from) {
        for (int k = from; k < chars.length; k++) {
            char before = chars[k - 1];
            if (before == '\n' || before == '\u0085' || before == '\u2028' || before == '\u2029'
                    || (before == '\r' && chars[k] != '\n')) { // \r\n is one line break
                return k;
            }
        }
        return chars.length;
    }

    /** The end of a list or heading mark at {@code j}, or -1 when there is none. */
    private static int markEnd(String s, int j) {
        int n = s.length();
        if (j >= n) {
            return -1;
        }
        char c = s.charAt(j);
        if (c == '#') {
            return j + 1;
        }
        if (c == '-' || c == '+') {
            return j + 1 < n && Texts.isSpace(s.charAt(j + 1)) ? j + 1 : -1;
        }
        int k = j;
        while (k < n && s.charAt(k) >= '0' && s.charAt(k) <= '9') {
            k++;
        }
        if (k == j || k + 1 >= n) {
            return -1;
        }
        char after = s.charAt(k);
        return (after == '.' || after == ')') && Texts.isSpace(s.charAt(k + 1)) ? k : -1;
    }
}
