package io.iothubtriage.notify;

import java.util.ArrayList;
import java.util.List;

/**
 * Fixed-width text layout for terminals: word wrapping with hanging indents, padding and truncation by code point
 * (the report's punctuation, "–", "×", "…", is one column wide each). URLs are never broken: one that does not fit
 * goes on a line of its own, so a terminal can still open it.
 */
final class PlainText {
    private PlainText() {
    }

    static int width(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Wraps {@code text} to {@code max} columns; the first line starts with {@code first}, the others with {@code rest}. */
    static List<String> wrap(String text, int max, String first, String rest) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        for (String word : Texts.words(text)) {
            int room = max - width(line.toString()) - (empty ? 0 : 1);
            if (width(word) <= room) {
                if (!empty) {
                    line.append(' ');
                }
                line.append(word);
                empty = false;
                continue;
            }
            if (!empty) {
                lines.add(line.toString());
                line = new StringBuilder(rest);
                empty = true;
            }
            int avail = max - width(line.toString());
            if (word.startsWith("https://") || width(word) <= avail) {
                line.append(word);
                empty = false;
                continue;
            }
            // A word longer than a whole line (a resource id in a command): break it, keeping every character.
            String w = word;
            while (width(w) > avail) {
                int cut = w.offsetByCodePoints(0, Math.max(1, avail));
                lines.add(line + w.substring(0, cut));
                line = new StringBuilder(rest);
                avail = max - width(rest);
                w = w.substring(cut);
            }
            line.append(w);
            empty = false;
        }
        if (!empty || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** Cuts {@code s} to {@code max} columns, ending with "…" when cut. */
    static String cut(String s, int max) {
        if (width(s) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, Math.max(0, max - 1))) + "…";
    }

    /** A left-aligned table column of width {@code w}: cut to leave at least one blank before the next column. */
    static String column(String s, int w) {
        return padRight(cut(s, w - 1), w);
    }

    static String padRight(String s, int w) {
        String c = cut(s, w);
        return c + " ".repeat(Math.max(0, w - width(c)));
    }

    static String padLeft(String s, int w) {
        String c = cut(s, w);
        return " ".repeat(Math.max(0, w - width(c))) + c;
    }
}
