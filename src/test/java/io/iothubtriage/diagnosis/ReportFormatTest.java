package io.iothubtriage.diagnosis;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class ReportFormatTest {

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
}
