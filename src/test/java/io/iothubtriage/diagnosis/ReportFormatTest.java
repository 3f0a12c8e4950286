package io.iothubtriage.diagnosis;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ReportFormatTest {

    /** A span measured from rows reads in hours and whole minutes, never "6059.1 s". */
    @Test
    void spansReadInHoursAndWholeMinutes() {
        assertThat(ReportFormat.span(java.time.Duration.ofMillis(6_059_100))).isEqualTo("1 h 40 min");
        assertThat(ReportFormat.span(java.time.Duration.ofMillis(1_802_500))).isEqualTo("30 min");
        assertThat(ReportFormat.span(java.time.Duration.ofHours(24))).isEqualTo("24 h");
        assertThat(ReportFormat.span(java.time.Duration.ofMinutes(90))).isEqualTo("1 h 30 min");
        assertThat(ReportFormat.span(java.time.Duration.ofSeconds(45))).isEqualTo("45 s");
    }

    @Test
    void aRangeOfADayOrMoreCarriesBothDays() {
        Instant start = Instant.parse("2025-12-16T10:00:00Z");
        assertThat(ReportFormat.range(start, Instant.parse("2026-01-15T10:00:00Z")))
                .isEqualTo("2025-12-16 10:00–2026-01-15 10:00 UTC");
        assertThat(ReportFormat.range(Instant.parse("2027-01-01T00:00:00Z"), Instant.parse("2027-01-02T00:00:00Z")))
                .isEqualTo("2027-01-01 00:00–2027-01-02 00:00 UTC");
        // shorter ranges as before: within a day without it, across midnight with the start's
        assertThat(ReportFormat.range(start, Instant.parse("2025-12-16T10:35:00Z"))).isEqualTo("10:00–10:35 UTC");
        assertThat(ReportFormat.range(Instant.parse("2026-01-15T23:50:00Z"), Instant.parse("2026-01-16T00:25:00Z")))
                .isEqualTo("2026-01-15 23:50–00:25 UTC");
        assertThat(ReportFormat.range(Instant.parse("2026-01-15T23:25:00Z"), Instant.parse("2026-01-16T00:00:00Z")))
                .isEqualTo("23:25–00:00 UTC");
    }

    @Test
    void aTimeAfterMidnightOfTheWindowsFirstDayCarriesItsDate() {
        Instant start = Instant.parse("2026-03-10T23:50:00Z");
        assertThat(ReportFormat.timeOnDayOf(Instant.parse("2026-03-10T23:58:00Z"), start)).isEqualTo("23:58 UTC");
        assertThat(ReportFormat.timeOnDayOf(Instant.parse("2026-03-11T00:05:00Z"), start))
                .isEqualTo("2026-03-11 00:05 UTC");
    }

    @Test
    void countsGroupThousandsWithCommas() {
        assertThat(ReportFormat.count(0)).isEqualTo("0");
        assertThat(ReportFormat.count(999)).isEqualTo("999");
        assertThat(ReportFormat.count(1000)).isEqualTo("1,000");
        assertThat(ReportFormat.count(1204)).isEqualTo("1,204");
        assertThat(ReportFormat.count(11_537)).isEqualTo("11,537");
        assertThat(ReportFormat.count(1_234_567)).isEqualTo("1,234,567");
        assertThat(ReportFormat.count(-1234)).isEqualTo("-1,234");
        assertThat(ReportFormat.count(-999)).isEqualTo("-999");
        assertThat(ReportFormat.count(1198.4)).isEqualTo("1,198");
    }

    @Test
    void countsReadAsTheLocaleIndependentFormatterWrites() {
        long[] edges = {Long.MIN_VALUE, Long.MAX_VALUE, -1, 1, 100, 100_000, 999_999, 1_000_000, -100_000};
        for (long n : edges) {
            assertThat(ReportFormat.count(n)).as("%d", n).isEqualTo(String.format(Locale.ROOT, "%,d", n));
        }
        for (long n = -20_000; n <= 20_000; n += 7) {
            assertThat(ReportFormat.count(n * 1_013)).isEqualTo(String.format(Locale.ROOT, "%,d", n * 1_013));
        }
    }

    @Test
    void timesAreExactlyWhatTheJdkFormattersWrite() {
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
        DateTimeFormatter hhmmss = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
        DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
        Random random = new Random(42);
        List<Instant> samples = new ArrayList<>(List.of(Instant.parse("2026-01-15T10:41:00Z"),
                Instant.parse("2026-01-15T10:41:00.048Z"), Instant.parse("2026-01-15T10:41:00.000100Z"),
                Instant.parse("2026-01-15T10:41:00.000000001Z"), Instant.parse("1999-12-31T23:59:59.999999999Z"),
                Instant.parse("1000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.5Z"),
                Instant.parse("0999-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z"), Instant.EPOCH,
                Instant.parse("-0001-06-01T12:00:00.120Z")));
        for (int i = 0; i < 2000; i++) {
            long seconds = random.nextLong() % 400_000_000_000L;
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            samples.add(Instant.ofEpochSecond(seconds, nanos));
        }
        // every day from 1582 to 2600 (calendar reform, leap centuries), at a second before midnight
        for (long d = java.time.LocalDate.of(1582, 1, 1).toEpochDay(); d < java.time.LocalDate.of(2600, 1, 1).toEpochDay(); d++) {
            samples.add(Instant.ofEpochSecond(d * 86_400 + 86_399));
        }
        for (Instant t : samples) {
            assertThat(ReportFormat.iso(t)).as(t.toString()).isEqualTo(t.toString());
            assertThat(ReportFormat.clock(t)).as(t.toString()).isEqualTo(hhmm.format(t));
            assertThat(ReportFormat.clockSeconds(t)).as(t.toString()).isEqualTo(hhmmss.format(t));
            assertThat(ReportFormat.day(t)).as(t.toString()).isEqualTo(day.format(t));
        }
    }

    @Test
    void periodsReadInWholeHumanUnits() {
        assertThat(ReportFormat.period(java.time.Duration.ofMillis(300))).isEqualTo("300 ms");
        assertThat(ReportFormat.period(java.time.Duration.ofMillis(10_400))).isEqualTo("10 s");
        assertThat(ReportFormat.period(java.time.Duration.ofMillis(40_600))).isEqualTo("41 s");
        assertThat(ReportFormat.period(java.time.Duration.ofMillis(99_000))).isEqualTo("99 s");
        assertThat(ReportFormat.period(java.time.Duration.ofMillis(239_500))).isEqualTo("4 minutes");
        assertThat(ReportFormat.period(java.time.Duration.ofMillis(534_900))).isEqualTo("9 minutes");
        assertThat(ReportFormat.period(java.time.Duration.ofMinutes(99))).isEqualTo("99 minutes");
        assertThat(ReportFormat.period(java.time.Duration.ofMinutes(100))).isEqualTo("2 hours");
        assertThat(ReportFormat.period(java.time.Duration.ofHours(6).plusMinutes(10))).isEqualTo("6 hours");
    }
}
