package io.iothubtriage.diagnosis;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How numbers and times read in headlines, findings and every renderer: thousands separators ("1,204"), whole
 * percentages ("46 %"), times as "10:41 UTC". One place, so a card and a terminal say the same thing.
 */
public final class ReportFormat {
    private ReportFormat() {
    }

    /**
     * Times are written field by field rather than with DateTimeFormatter or Instant.toString: a report writes
     * a few hundred of them, and in a cold JVM (the CLI, the demo) DateTimeFormatter's set-up and interpreted
     * formatting cost more than the rest of the wording. Years outside 1000–9999 (never in real evidence) go
     * through the JDK's formatters, so every output is exactly theirs.
     */
    private static final class Fallback {
        static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
        static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
                .withZone(ZoneOffset.UTC);
        static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
                .withZone(ZoneOffset.UTC);
    }

    private static final long SECONDS_PER_DAY = 86_400;
    private static final long DAYS_0000_TO_1970 = 719_528;
    private static final int DAYS_PER_CYCLE = 146_097;

    /**
     * The UTC date of {@code t} as {@code year * 10,000 + month * 100 + day}: {@code LocalDate.ofEpochDay}'s own
     * arithmetic, without the LocalDateTime, LocalDate and LocalTime objects and their range checks, a few dozen
     * calls per time while interpreted (a report writes a few hundred times).
     */
    private static long date(Instant t) {
        long zeroDay = Math.floorDiv(t.getEpochSecond(), SECONDS_PER_DAY) + DAYS_0000_TO_1970 - 60; // from 0000-03-01
        long adjust = 0;
        if (zeroDay < 0) {
            long adjustCycles = (zeroDay + 1) / DAYS_PER_CYCLE - 1;
            adjust = adjustCycles * 400;
            zeroDay += -adjustCycles * DAYS_PER_CYCLE;
        }
        long year = (400 * zeroDay + 591) / DAYS_PER_CYCLE;
        long dayOfYear = zeroDay - (365 * year + year / 4 - year / 100 + year / 400);
        if (dayOfYear < 0) {
            year--;
            dayOfYear = zeroDay - (365 * year + year / 4 - year / 100 + year / 400);
        }
        int marchDay0 = (int) dayOfYear;
        int marchMonth0 = (marchDay0 * 5 + 2) / 153;
        int month = (marchMonth0 + 2) % 12 + 1;
        int day = marchDay0 - (marchMonth0 * 306 + 5) / 10 + 1;
        year += adjust + marchMonth0 / 10;
        return year * 10_000 + month * 100 + day;
    }

    private static int secondOfDay(Instant t) {
        return (int) Math.floorMod(t.getEpochSecond(), SECONDS_PER_DAY);
    }

    private static boolean plainYear(long date) {
        return date >= 1000_00_00 && date <= 9999_12_31;
    }

    private static StringBuilder two(StringBuilder b, int v) {
        return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    private static StringBuilder hoursMinutes(StringBuilder b, int secondOfDay) {
        two(b, secondOfDay / 3600).append(':');
        return two(b, secondOfDay / 60 % 60);
    }

    private static StringBuilder date(StringBuilder b, long date) {
        b.append(date / 10_000).append('-');
        two(b, (int) (date / 100 % 100)).append('-');
        return two(b, (int) (date % 100));
    }

    /** Exactly {@link Instant#toString()} ("2026-01-15T10:41:00Z", "…:00.048Z"), without DateTimeFormatter. */
    public static String iso(Instant t) {
        long d = date(t);
        if (!plainYear(d)) {
            return t.toString();
        }
        int s = secondOfDay(t);
        StringBuilder b = new StringBuilder(30);
        hoursMinutes(date(b, d).append('T'), s).append(':');
        two(b, s % 60);
        int nano = t.getNano();
        if (nano > 0) {
            // as ISO_INSTANT: milliseconds, microseconds or nanoseconds, whichever shows the value exactly
            String digits = Integer.toString(nano + 1_000_000_000).substring(1);
            b.append('.').append(digits, 0, nano % 1_000_000 == 0 ? 3 : nano % 1000 == 0 ? 6 : 9);
        }
        return b.append('Z').toString();
    }

    /** "10:41:07" (UTC). */
    public static String clockSeconds(Instant t) {
        int s = secondOfDay(t);
        return plainYear(date(t)) ? two(hoursMinutes(new StringBuilder(8), s).append(':'), s % 60).toString()
                : Fallback.HH_MM_SS.format(t);
    }

    /** 1204 → "1,204" (what {@code String.format(Locale.ROOT, "%,d", n)} gives, without a Formatter per call). */
    public static String count(long n) {
        String digits = Long.toString(n);
        int sign = n < 0 ? 1 : 0;
        int length = digits.length() - sign;
        if (length <= 3) {
            return digits;
        }
        StringBuilder b = new StringBuilder(digits.length() + length / 3);
        int firstGroup = length % 3 == 0 ? 3 : length % 3;
        b.append(digits, 0, sign + firstGroup);
        for (int i = sign + firstGroup; i < digits.length(); i += 3) {
            b.append(',').append(digits, i, i + 3);
        }
        return b.toString();
    }

    /** A metric value, rounded to a whole device count: 1198.4 → "1,198". */
    public static String count(double n) {
        return count(Math.round(n));
    }

    /** A share in [0, 1] as a whole percentage: 0.4567 → "46 %"; never rounds a non-zero share to "0 %". */
    public static String percent(double share) {
        long p = Math.round(share * 100);
        if (p == 0 && share > 0) {
            return "<1 %";
        }
        if (p == 100 && share < 1) {
            return ">99 %";
        }
        return p + " %";
    }

    /**
     * A drop's share of what was there before: tenths below 10 %, cut rather than rounded ("4.9 %", "less than 0.1 %"),
     * so that a dip under the routine-churn rule's 5 % never reads as "5 %"; whole percentages above ("25 %"). The
     * headline and the metric's finding say the same dip the same way.
     */
    public static String dropPercent(double share) {
        long tenths = (long) Math.floor(share * 1_000);
        if (tenths >= 100) {
            return percent(share);
        }
        return (tenths == 0 ? "less than 0.1" : (tenths / 10) + "." + (tenths % 10)) + " %";
    }

    /**
     * "10:41 UTC" on the day of {@code day} (a window's start), else with its own date: "2026-03-11 00:05 UTC" (an
     * onset after midnight must not read as the window's first day).
     */
    public static String timeOnDayOf(Instant t, Instant day) {
        String d = day(t);
        return d.equals(day(day)) ? time(t) : d + " " + time(t);
    }

    /** "10:41 UTC". */
    public static String time(Instant t) {
        return clock(t) + " UTC";
    }

    /** "10:41" (for ranges, followed once by " UTC"). */
    public static String clock(Instant t) {
        return plainYear(date(t)) ? hoursMinutes(new StringBuilder(5), secondOfDay(t)).toString()
                : Fallback.HH_MM.format(t);
    }

    /** "2026-01-15". */
    public static String day(Instant t) {
        long d = date(t);
        return plainYear(d) ? date(new StringBuilder(10), d).toString() : Fallback.DAY.format(t);
    }

    /**
     * "10:11–10:46 UTC", with the day when the range is not within one UTC day: "2026-01-15 23:50–00:25 UTC"; a day
     * or more long, with both days ("2025-12-16 10:00–2026-01-15 10:00 UTC", never "10:00–10:00").
     */
    public static String range(Instant start, Instant end) {
        if (!end.isBefore(start.plus(Duration.ofDays(1)))) {
            return day(start) + " " + clock(start) + "–" + day(end) + " " + clock(end) + " UTC";
        }
        String s = clock(start) + "–" + clock(end) + " UTC";
        return day(start).equals(day(end.minusNanos(1))) ? s : day(start) + " " + s;
    }

    /** A ratio of rates: 46.2 → "46×", 3.46 → "3.5×". */
    public static String times(double ratio) {
        return ratio >= 10 ? count(Math.round(ratio)) + "×" : String.format(Locale.ROOT, "%.1f×", ratio);
    }

    /** "10 s", "300 ms", "2 min". */
    public static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000 || ms % 1000 != 0) {
            return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        return s % 60 == 0 && s >= 60 ? (s / 60) + " min" : s + " s";
    }

    /**
     * How often something repeats, in the unit a person would say it in, rounded: "300 ms", "10 s", "4 minutes",
     * "2 hours" (never "239.5 s": the period is a median or a mean, and its decimals are not news).
     */
    public static String period(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 1000) {
            return ms + " ms";
        }
        long s = Math.round(ms / 1000.0);
        if (s < 100) {
            return s + " s";
        }
        long min = Math.round(ms / 60_000.0);
        if (min < 100) {
            return min + (min == 1 ? " minute" : " minutes");
        }
        return Math.round(ms / 3_600_000.0) + " hours"; // 100 minutes and more: at least 2 hours
    }

    /** A sentence without its final full stop, to go on after a semicolon or colon: "Engineers are working on it". */
    public static String withoutFinalStop(String sentence) {
        String t = sentence.strip();
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    /** A window length: "24 h", "35 min", "90 s". */
    public static String span(Duration d) {
        long s = d.getSeconds();
        if (s >= 3600) {
            // whole minutes: a span measured from rows ("the previous 1 h 40 min") is not read to the second
            long minutes = s / 60 % 60;
            return (s / 3600) + " h" + (minutes == 0 ? "" : " " + minutes + " min");
        }
        if (s >= 60) {
            return (s / 60) + " min";
        }
        return duration(d);
    }

    /** "1 device" / "312 devices". */
    public static String devices(long n) {
        return count(n) + (n == 1 ? " device" : " devices");
    }

    /** Singular or plural noun with the count: plural(3, "event") → "3 events". */
    public static String plural(long n, String noun) {
        return count(n) + " " + noun + (n == 1 ? "" : "s");
    }
}
