package io.iothubtriage.notify;

import io.iothubtriage.diagnosis.ReportFormat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** Small text helpers shared by the chat renderers: numbers, times, durations and safe truncation. */
final class Texts {
    static final String ELLIPSIS = "…";


    private Texts() {
    }

    /** 1204 → "1,204"; grouping is fixed (not the machine's locale) so golden files are stable everywhere. */
    static String count(long n) {
        return ReportFormat.count(n); // what String.format(Locale.US, "%,d", n) writes, without a Formatter
    }

    /** A device-count metric (a per-minute average can be fractional), rounded to whole devices: 713.2 → "713". */
    static String count(double d) {
        return count(Math.round(d));
    }

    static String count(OptionalDouble d) {
        return d.isPresent() ? count(d.getAsDouble()) : "?";
    }

    /** "10:41" in UTC. */
    static String time(Instant t) {
        return ReportFormat.clock(t);
    }

    /** "2026-11-26 10:41" in UTC. */
    static String dateTime(Instant t) {
        return ReportFormat.day(t) + " " + ReportFormat.clock(t);
    }

    /** "2026-11-26 10:11–10:46 UTC", or with both dates when the span crosses midnight. */
    static String span(Instant start, Instant end) {
        boolean sameDay = start.atZone(ZoneOffset.UTC).toLocalDate().equals(end.atZone(ZoneOffset.UTC).toLocalDate());
        return dateTime(start) + "–" + (sameDay ? time(end) : dateTime(end)) + " UTC";
    }

    /** A human duration: "45 s", "42 min", "3 h 5 min", "2 d 4 h". */
    static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " s";
        }
        long min = s / 60;
        if (min < 60) {
            return min + " min";
        }
        long h = min / 60;
        long restMin = min % 60;
        if (h < 24) {
            return restMin == 0 ? h + " h" : h + " h " + restMin + " min";
        }
        long days = h / 24;
        long restH = h % 24;
        return restH == 0 ? days + " d" : days + " d " + restH + " h";
    }

    /**
     * Cuts {@code s} to at most {@code max} UTF-16 units, ending with "…" when cut, never splitting a surrogate
     * pair. Counting UTF-16 units is the stricter of the two ways chat services count, so a text that fits here
     * fits under a code-point count too.
     */
    static String truncate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        if (max <= 0) {
            return "";
        }
        int end = max - ELLIPSIS.length();
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return stripTrailing(s.substring(0, Math.max(0, end))) + ELLIPSIS;
    }

    /** Collapses line breaks and runs of whitespace: values shown on one line stay on one line. */
    static String oneLine(String s) {
        // Most values are one line already: one scan of a copy of the chars says so and the value comes back (every
        // report text passes here, in a short run mostly interpreted, where charAt and append cost a call per char).
        char[] chars = s.toCharArray();
        int n = chars.length;
        if (n == 0) {
            return s;
        }
        if (chars[0] <= ' ' || chars[n - 1] <= ' ') {
            return collapse(s); // trim() would remove something
        }
        for (int i = 1; i < n - 1; i++) {
            char c = chars[i];
            if (isSpace(c) && (c != ' ' || chars[i - 1] == ' ')) { // a line break, a tab or a second space
                return collapse(s);
            }
        }
        return s;
    }

    /** {@link #oneLine} of a text that has something to collapse or trim. */
    static String collapse(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                space = true;
            } else {
                if (space && b.length() > 0) {
                    b.append(' ');
                }
                space = false;
                b.append(c);
            }
        }
        return b.toString().trim();
    }

    /** The characters a regex's {@code \s} matches: space, tab, line feed, vertical tab, form feed, return. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /**
     * The words of {@code text}: its runs of characters other than {@link #isSpace} whitespace, after stripping
     * it. Scanned by hand, not split with a regex: every line of every report goes through here.
     */
    static List<String> words(String text) {
        String t = text.strip();
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= t.length(); i++) {
            if (i == t.length() || isSpace(t.charAt(i))) {
                if (start >= 0) {
                    words.add(t.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        return words;
    }

    /**
     * {@link String#stripTrailing()}, the same characters stripped ({@link #isWhitespace}). Why: for a string that
     * holds a non-Latin-1 character (the reports' "…", "−", "·") the JDK's version asks {@link Character#isWhitespace}
     * about its last character, and the first such question about a character above U+00FF initialises the JDK's
     * Unicode table for them, about 0.7 ms of a cold JVM that nothing else on the demo's path needs.
     */
    static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return end == s.length() ? s : s.substring(0, end);
    }

    /**
     * {@link Character#isWhitespace(char)} for every char, from the fixed list of Unicode's space, line and paragraph
     * separators other than the non-breaking ones (no table to load; {@code TextsTest} checks all 65,536 chars). A
     * surrogate is never whitespace, so neither is a pair: no supplementary character is.
     */
    static boolean isWhitespace(char c) {
        if (c < 0x100) {
            return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001C' && c <= '\u001F');
        }
        return c == '\u1680' || (c >= '\u2000' && c <= '\u200A' && c != '\u2007') || c == '\u2028' || c == '\u2029'
                || c == '\u205F' || c == '\u3000';
    }

    /** "1 device" / "3 devices". */
    static String plural(long n, String one, String many) {
        return count(n) + " " + (n == 1 ? one : many);
    }
}
