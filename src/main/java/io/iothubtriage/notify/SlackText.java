package io.iothubtriage.notify;

import java.util.List;
import java.util.function.IntFunction;

/**
 * Slack text: escaping and fitting into Block Kit's character limits.
 *
 * <p>Slack's mrkdwn (and the top-level {@code text}) needs {@code &}, {@code <} and {@code >} escaped; this also
 * keeps report text from forming links or mentions ({@code <!channel>}). Lengths are counted in UTF-16 units, the
 * stricter of Slack's and the validator's counts, and texts are cut without splitting a surrogate pair or an
 * escape sequence.
 */
final class SlackText {
    static final int SECTION_MAX = 3000;
    static final int FIELD_MAX = 2000;
    static final int HEADER_MAX = 150;
    static final int BUTTON_TEXT_MAX = 75;
    static final int URL_MAX = 3000;
    static final int CONTEXT_ELEMENTS_MAX = 10;
    static final int BLOCKS_MAX = 50;

    private SlackText() {
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Escapes {@code raw} and cuts it to {@code max} units with "…", never inside an escape or a surrogate pair. */
    static String escapeFit(String raw, int max) {
        String all = escape(raw);
        if (all.length() <= max) {
            return all;
        }
        int budget = max - Texts.ELLIPSIS.length();
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            int cp = raw.codePointAt(i);
            String piece = escape(new String(Character.toChars(cp)));
            if (sb.length() + piece.length() > budget) {
                break;
            }
            sb.append(piece);
            i += Character.charCount(cp);
        }
        return Texts.stripTrailing(sb.toString()) + Texts.ELLIPSIS;
    }

    /**
     * Joins already-escaped lines under a title, keeping as many whole lines as fit in {@code max} together with
     * the tail that counts the lines left out ({@code tail.apply(left)}, escaped by the caller).
     */
    static String fitLines(String title, List<String> lines, int maxLines, int max, IntFunction<String> tail) {
        StringBuilder sb = new StringBuilder(title);
        int shown = 0;
        for (String line : lines) {
            if (shown >= maxLines) {
                break;
            }
            int left = lines.size() - shown - 1;
            String candidate = "\n" + line;
            int reserve = left > 0 ? 1 + tail.apply(left).length() : 0;
            if (sb.length() + candidate.length() + reserve > max) {
                break;
            }
            sb.append(candidate);
            shown++;
        }
        if (shown < lines.size()) {
            sb.append('\n').append(tail.apply(lines.size() - shown));
        }
        return Texts.truncate(sb.toString(), max);
    }
}
