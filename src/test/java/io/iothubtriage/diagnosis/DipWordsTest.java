package io.iothubtriage.diagnosis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The dip's share is cut to tenths, not rounded, so a dip under the routine-churn rule's 5 % never reads "5 %". */
class DipWordsTest {

    @Test
    void theDipIsCutToTenthsBelowTenPercent() {
        assertThat(Headline.dipWords(0.0496)).isEqualTo("a dip of 4.9 % of the devices connected");
        assertThat(Headline.dipWords(0.046)).isEqualTo("a dip of 4.6 % of the devices connected");
        assertThat(Headline.dipWords(0.005)).isEqualTo("a dip of 0.5 % of the devices connected");
        assertThat(Headline.dipWords(0.0004)).isEqualTo("a dip of less than 0.1 % of the devices connected");
        assertThat(Headline.dipWords(0.25)).isEqualTo("a dip of 25 % of the devices connected");
    }

    @Test
    void theMetricFindingsDropIsTheSameFigure() {
        assertThat(ReportFormat.dropPercent(0.0132)).isEqualTo("1.3 %");
        assertThat(ReportFormat.dropPercent(0.0999)).isEqualTo("9.9 %");
        assertThat(ReportFormat.dropPercent(0.1)).isEqualTo("10 %");
        assertThat(ReportFormat.dropPercent(0.0009)).isEqualTo("less than 0.1 %");
        assertThat(ReportFormat.dropPercent(0.487)).isEqualTo("49 %");
    }
}
