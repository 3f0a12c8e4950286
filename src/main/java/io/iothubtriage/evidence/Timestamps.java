package io.iothubtriage.evidence;

import io.iothubtriage.alert.DateFields;

import java.time.Instant;

/**
 * Timestamp parsing for the hot path of the log readers: a hand-rolled scanner straight to epoch seconds, because
 * {@code DateTimeFormatter} and regular expressions cost more than the rest of a row.
 *
 * <p>Accepted: ISO 8601 {@code 2026-11-26T10:41:02Z}, with 0 to 9 fraction digits ({@code .1234567}), {@code T} or a
 * space between date and time, seconds optional, and a zone of {@code Z}, {@code +01:00}, {@code +0100}, {@code +01}
 * or none; and the portal's display form {@code 11/26/2026, 10:41:02.123 AM} (month first, comma optional, 12- or
 * 24-hour clock). Text without a zone is read at the given offset (UTC for everything but a portal column that
 * says otherwise).
 */
final class Timestamps {

    private Timestamps() {
    }

    /** Parses with UTC for zone-less text; null when the text is not a timestamp. */
    static Instant parse(String text) {
        return parse(text, 0);
    }

    /**
     * @param defaultOffsetSeconds offset from UTC of text that carries no zone
     * @return the instant, or null when the text is not a timestamp of an accepted form
     */
    static Instant parse(String text, int defaultOffsetSeconds) {
        if (text == null) {
            return null;
        }
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) <= ' ') {
            end--;
        }
        if (end - start < 8) {
            return null;
        }
        // ISO starts with four digits and a dash; the portal form has a slash within its first three characters.
        if (text.charAt(start + 4) == '-') {
            return parseIso(text, start, end, defaultOffsetSeconds);
        }
        return parseUs(text, start, end, defaultOffsetSeconds);
    }

    private static Instant parseIso(String s, int i, int end, int defaultOffset) {
        int year = DateFields.digits(s, i, 4);
        if (year < 0 || s.charAt(i + 4) != '-') {
            return null;
        }
        i += 5;
        if (i + 5 > end) {
            return null;
        }
        int month = DateFields.digits(s, i, 2);
        if (month < 0 || s.charAt(i + 2) != '-') {
            return null;
        }
        i += 3;
        int day = DateFields.digits(s, i, 2);
        if (day < 0) {
            return null;
        }
        i += 2;
        if (i >= end || (s.charAt(i) != 'T' && s.charAt(i) != 't' && s.charAt(i) != ' ')) {
            return null;
        }
        i++;
        return parseClock(s, i, end, year, month, day, false, defaultOffset);
    }

    private static Instant parseUs(String s, int i, int end, int defaultOffset) {
        int month = 0;
        int n = 0;
        while (i < end && isDigit(s.charAt(i)) && n < 2) {
            month = month * 10 + (s.charAt(i++) - '0');
            n++;
        }
        if (n == 0 || i >= end || s.charAt(i) != '/') {
            return null;
        }
        i++;
        int day = 0;
        n = 0;
        while (i < end && isDigit(s.charAt(i)) && n < 2) {
            day = day * 10 + (s.charAt(i++) - '0');
            n++;
        }
        if (n == 0 || i + 5 > end || s.charAt(i) != '/') {
            return null;
        }
        i++;
        int year = DateFields.digits(s, i, 4);
        if (year < 0) {
            return null;
        }
        i += 4;
        if (i < end && s.charAt(i) == ',') {
            i++;
        }
        if (i >= end || s.charAt(i) != ' ') {
            return null;
        }
        while (i < end && s.charAt(i) == ' ') {
            i++;
        }
        return parseClock(s, i, end, year, month, day, true, defaultOffset);
    }

    /** Parses {@code H:mm[:ss[.f]]} then, for the portal form, an optional AM/PM, then an optional zone. */
    private static Instant parseClock(String s, int i, int end, int year, int month, int day, boolean usForm,
                                      int defaultOffset) {
        int hour = 0;
        int n = 0;
        while (i < end && isDigit(s.charAt(i)) && n < 2) {
            hour = hour * 10 + (s.charAt(i++) - '0');
            n++;
        }
        if (n == 0 || (!usForm && n != 2) || i >= end || s.charAt(i) != ':') {
            return null;
        }
        i++;
        int minute = DateFields.digits(s, i, 2);
        if (minute < 0) {
            return null;
        }
        i += 2;
        int second = 0;
        int nanos = 0;
        if (i < end && s.charAt(i) == ':') {
            i++;
            second = DateFields.digits(s, i, 2);
            if (second < 0) {
                return null;
            }
            i += 2;
            if (i < end && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
                i++;
                int fractionDigits = 0;
                while (i < end && isDigit(s.charAt(i))) {
                    if (fractionDigits < 9) {
                        nanos = nanos * 10 + (s.charAt(i) - '0');
                    }
                    fractionDigits++;
                    i++;
                }
                if (fractionDigits == 0) {
                    return null;
                }
                for (int k = fractionDigits; k < 9; k++) {
                    nanos *= 10;
                }
            }
        }
        if (usForm) {
            int j = i;
            while (j < end && s.charAt(j) == ' ') {
                j++;
            }
            if (j + 1 < end && (s.charAt(j + 1) == 'M' || s.charAt(j + 1) == 'm')) {
                char c = s.charAt(j);
                boolean am = c == 'A' || c == 'a';
                boolean pm = c == 'P' || c == 'p';
                if (!am && !pm) {
                    return null;
                }
                if (hour < 1 || hour > 12) {
                    return null;
                }
                hour = hour % 12 + (pm ? 12 : 0);
                i = j + 2;
            }
            while (i < end && s.charAt(i) == ' ') {
                i++;
            }
        }
        int offset;
        if (i == end) {
            offset = defaultOffset;
        } else {
            char c = s.charAt(i);
            if ((c == 'Z' || c == 'z') && i + 1 == end) {
                offset = 0;
            } else if (c == '+' || c == '-') {
                int oh = DateFields.digits(s, i + 1, 2);
                if (oh < 0 || oh > 18) {
                    return null;
                }
                int j = i + 3;
                int om = 0;
                if (j < end) {
                    if (s.charAt(j) == ':') {
                        j++;
                    }
                    om = DateFields.digits(s, j, 2);
                    if (om < 0 || om > 59 || j + 2 != end) {
                        return null;
                    }
                }
                offset = (oh * 3600 + om * 60) * (c == '-' ? -1 : 1);
            } else {
                return null;
            }
        }
        if (month < 1 || month > 12 || day < 1 || day > DateFields.daysInMonth(year, month)
                || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        long epochSecond = DateFields.epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second
                - offset;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
