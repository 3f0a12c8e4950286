package io.iothubtriage.alert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"PT1H,60", "pt1h,60", "90m,90", "6h,360", "2d,2880", "1h30m,90", "P1DT6H,1800", " 45m ,45",
            "1d 12h,2160"})
    void theFormsPeopleTypeAllParse(String text, long minutes) throws BadInputException {
        assertThat(Durations.parse("--lookback", text)).isEqualTo(Duration.ofMinutes(minutes));
    }

    @Test
    void secondsParseToo() throws BadInputException {
        assertThat(Durations.parse("LOGS_TIMEOUT", "45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(Durations.parse("LOGS_TIMEOUT", "PT60S")).isEqualTo(Duration.ofSeconds(60));
    }

    @ParameterizedTest
    @CsvSource({"90q", "60", "h", "forever", "1.5h", "''", "m90"})
    void anythingElseNamesTheOptionAndTheForms(String text) {
        assertThatThrownBy(() -> Durations.parse("--lookback", text)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--lookback: is not a duration such as PT1H, 90m, 6h, 2d or 1h30m: '");
    }

    @Test
    void zeroAndNegativeAreRefused() {
        assertThatThrownBy(() -> Durations.parse("lookback", "0m")).hasMessage("lookback: must be longer than zero, was '0m'");
        assertThatThrownBy(() -> Durations.parse("lookback", "-PT1H")).hasMessageContaining("longer than zero");
    }

    @Test
    void theLimitIsSaidInWords() {
        assertThatThrownBy(() -> Durations.parse("--lookback", "10d", Duration.ofDays(7)))
                .hasMessage("--lookback: may be at most 7 days, was 10 days");
    }

    @Test
    void readTakesTheSameFormsAndZeroForCallersWithTheirOwnRange() {
        assertThat(Durations.read("0m")).contains(Duration.ZERO);
        assertThat(Durations.read("PT0S")).contains(Duration.ZERO);
        assertThat(Durations.read("2d")).contains(Duration.ofDays(2));
        assertThat(Durations.read("60s")).contains(Duration.ofSeconds(60));
        assertThat(Durations.read("P1DT6H")).contains(Duration.ofHours(30));
        assertThat(Durations.read("soon")).isEmpty();
        assertThat(Durations.read("60")).isEmpty();
    }

    @Test
    void aValueJustOverTheLimitDoesNotReadAsTheLimit() {
        Duration week = Duration.ofDays(7);
        assertThat(Durations.wordsOver(week.plusSeconds(1), week)).isEqualTo("just over 7 days");
        assertThat(Durations.wordsOver(week.plusHours(1), week)).isEqualTo("7 days 1 hour");
        assertThatThrownBy(() -> Durations.parse("--lookback", "604801s", week))
                .hasMessage("--lookback: may be at most 7 days, was just over 7 days");
    }

    @Test
    void wordsUseTheTwoLargestUnits() {
        assertThat(Durations.words(Duration.ofDays(30))).isEqualTo("30 days");
        assertThat(Durations.words(Duration.ofHours(1))).isEqualTo("1 hour");
        assertThat(Durations.words(Duration.ofMinutes(90))).isEqualTo("1 hour 30 minutes");
        assertThat(Durations.words(Duration.ofHours(30))).isEqualTo("1 day 6 hours");
        assertThat(Durations.words(Duration.ofSeconds(45))).isEqualTo("45 seconds");
        assertThat(Durations.words(Duration.ZERO)).isEqualTo("0 seconds");
        // The 10-year window: PT87672H35M.
        assertThat(Durations.words(Duration.parse("PT87672H35M"))).isEqualTo("3,653 days (about 10 years)");
    }
}
