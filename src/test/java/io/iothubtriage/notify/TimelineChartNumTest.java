package io.iothubtriage.notify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** num writes every coordinate exactly as String.valueOf(double) did before it was written by hand. */
class TimelineChartNumTest {

    @Test
    void everyHundredthIsWrittenAsDoubleToStringWroteIt() {
        for (long h = -TimelineChart.NUM_EXACT_BELOW - 5; h <= TimelineChart.NUM_EXACT_BELOW + 5; h++) {
            String expected = h % 100 == 0 ? String.valueOf(h / 100) : String.valueOf(h / 100.0);
            String actual = TimelineChart.num(h / 100.0);
            if (!actual.equals(expected)) {
                assertThat(actual).as("hundredths " + h).isEqualTo(expected);
            }
        }
        assertThat(TimelineChart.num(12.345)).isEqualTo("12.35");
        assertThat(TimelineChart.num(-0.05)).isEqualTo("-0.05");
        assertThat(TimelineChart.num(3.1)).isEqualTo("3.1");
    }
}
