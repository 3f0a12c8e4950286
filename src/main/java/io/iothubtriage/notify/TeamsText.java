package io.iothubtriage.notify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Teams renders a TextBlock's text and a FactSet value as Markdown: a tag value {@code [link](https://…)} or a
 * caller named {@code [Open the full report](https://…)} would become a link that looks like the card's own. Every
 * TextBlock and fact goes through {@link #escape} ({@link AdaptiveCards#text}, {@link AdaptiveCards#fact}), so
 * text from logs, changes, hub names, device ids and callers shows as the characters it is: link brackets,
 * emphasis ({@code * _ ~}), code ({@code `}), {@code < >}, and at a line's start a heading ({@code #}), a list item
 * ({@code - + 1.}) are escaped with a backslash (CommonMark's escape, which the Adaptive Card renderers honour).
 */
final class TeamsText {
    private static final Pattern INLINE = Pattern.compile("([\\\\\\[\\]*_~`<>])");
    private static final Pattern LINE_START = Pattern.compile("(?m)^(\\s*)(#|[-+](?=\\s)|\\d+(?=[.)]\\s))");

    private TeamsText() {
    }

    static String escape(String s) {
        String inline = INLINE.matcher(s).replaceAll("\\\\$1");
        Matcher m = LINE_START.matcher(inline);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String mark = m.group(2);
            // "1." → "1\.", "#" → "\#", "-" → "\-"
            String escaped = Character.isDigit(mark.charAt(0)) ? mark + "\\" : "\\" + mark;
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + escaped));
        }
        m.appendTail(out);
        return out.toString();
    }
}
