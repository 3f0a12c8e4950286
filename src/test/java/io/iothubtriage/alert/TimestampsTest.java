package io.iothubtriage.alert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimestampsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2019-03-22T13:58:24.3713213Z      | 2019-03-22T13:58:24.3713213Z",
            "2019-06-24T15:42:54.074+00:00     | 2019-06-24T15:42:54.074Z",
            "2019-08-26T08:34:14+00:00         | 2019-08-26T08:34:14Z",
            "2026-01-15T11:41:00+01:00         | 2026-01-15T10:41:00Z",
            "2026-01-15T11:41:00+0100          | 2026-01-15T10:41:00Z",
            "2026-01-15T10:41Z                 | 2026-01-15T10:41:00Z",
            "2026-01-15T10:41:00               | 2026-01-15T10:41:00Z",
            "2026-01-15 10:41:00Z              | 2026-01-15T10:41:00Z",
            "2026-01-15t10:41:00z              | 2026-01-15T10:41:00Z",
            "3/22/2019 1:36:31 PM              | 2019-03-22T13:36:31Z",
            "3/22/2019 1:36:31 am              | 2019-03-22T01:36:31Z",
            "12/1/2019 12:05:00 AM             | 2019-12-01T00:05:00Z",
            "3/22/2019 13:36:31                | 2019-03-22T13:36:31Z",
            "3/22/2019 1:36:31.123 PM          | 2019-03-22T13:36:31.123Z",
    })
    void acceptedForms(String text, String expected) throws BadInputException {
        assertThat(Timestamps.parse("t", text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-13-01T00:00:00Z", "2026-02-30T10:41:00Z", "2026-02-30T10:41:00+0000",
            "2/30/2026 10:41:00 AM", "13/1/2026 1:00:00 PM", "1768473660", "2026-01-15T25:00:00Z"})
    void rejectedForms(String text) {
        assertThatThrownBy(() -> Timestamps.parse("--from", text))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--from: not a date-time: \"");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "2026-02-30T10:00:00Z|there is no 30 February in 2026",
            "2026-02-29 10:00|there is no 29 February in 2026",
            "2026-04-31T10:00:00+02:00|there is no 31 April in 2026",
            "2026-13-01T00:00:00Z|there is no month 13",
            "2026-01-15T25:00:00Z|hour 25 is out of range (0 to 23)",
            "2026-01-15T10:61Z|minute 61 is out of range (0 to 59)",
            "2026-01-15t10:00:60z|second 60 is out of range (0 to 59)"})
    void anImpossibleDateOrTimeSaysWhichFieldAndTheFormsAccepted(String text, String why) {
        assertThatThrownBy(() -> Timestamps.parse("data.essentials.firedDateTime", text))
                .hasMessage("data.essentials.firedDateTime: not a date-time: \"" + text + "\": " + why
                        + " (expected ISO-8601 such as 2026-01-15T10:41:00Z)");
        assertThatThrownBy(() -> Timestamps.parse("--from", text, Timestamps.CLI_FORMS))
                .hasMessage("--from: not a date-time: \"" + text + "\": " + why + " (expected ISO-8601 in UTC or with "
                        + "an offset, such as 2026-01-15T10:00:00Z or 2026-01-15T11:00+01:00, or 2026-01-15 10:00 "
                        + "taken as UTC)");
    }

    @Test
    void aLeapDayIsADate() throws BadInputException {
        assertThat(Timestamps.parse("--from", "2028-02-29T10:00:00Z")).isEqualTo("2028-02-29T10:00:00Z");
        assertThatThrownBy(() -> Timestamps.parse("--from", "yesterday", Timestamps.CLI_FORMS))
                .hasMessage("--from: not a date-time: \"yesterday\" (expected ISO-8601 in UTC or with an offset, such "
                        + "as 2026-01-15T10:00:00Z or 2026-01-15T11:00+01:00, or 2026-01-15 10:00 taken as UTC)");
    }

    @Test
    void theRangeEndsAreTheDatesTheySay() {
        assertThat(Timestamps.EARLIEST).isEqualTo(java.time.Instant.parse("2000-01-01T00:00:00Z"));
        assertThat(Timestamps.LATEST).isEqualTo(java.time.Instant.parse("2200-01-01T00:00:00Z"));
    }

    /**
     * The usual UTC form is read field by field ({@link Timestamps#utcIso}); whatever it accepts, java.time's
     * formatters ({@link Timestamps#tryParseForms}) read the same, over texts made near that form: every field at and
     * past its limits, leap days, fraction lengths 0 to 10, letter case, stray characters.
     */
    @Test
    void theUsualFormReadsAsJavaTimeReadsIt() {
        java.util.Random random = new java.util.Random(20261205);
        String[] years = {"2000", "2024", "2100", "1900", "2400", "0000", "9999", "2026", "20x6"};
        String[] months = {"01", "02", "12", "13", "00", "1a", "06", "09"};
        String[] days = {"01", "28", "29", "30", "31", "32", "00", "15"};
        String[] hours = {"00", "23", "24", "12", "9 "};
        String[] minutes = {"00", "59", "60", "41"};
        String[] seconds = {"00", "59", "60", "61", "05"};
        String[] fractions = {"", ".", ".1", ".123", ".123456789", ".1234567891", ".12a", ",5"};
        String[] ends = {"Z", "z", "", "+00:00", "ZZ", " Z"};
        String[] ts = {"T", "t", " ", "X"};
        int accepted = 0;
        for (int i = 0; i < 60_000; i++) {
            String text = pick(random, years) + "-" + pick(random, months) + "-" + pick(random, days) + pick(random, ts)
                    + pick(random, hours) + ":" + pick(random, minutes) + ":" + pick(random, seconds)
                    + pick(random, fractions) + pick(random, ends);
            java.time.Instant fast = Timestamps.utcIso(text);
            if (fast != null) {
                accepted++;
                assertThat(Timestamps.tryParseForms(text)).as(text).contains(fast);
            }
            assertThat(Timestamps.tryParse(text)).as(text).isEqualTo(Timestamps.tryParseForms(text));
        }
        assertThat(accepted).isGreaterThan(300); // about 470: enough texts of the usual form to compare
    }

    private static String pick(java.util.Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }

    @Test
    void blankIsMissing() {
        assertThatThrownBy(() -> Timestamps.parse("--to", " ")).hasMessage("--to: missing date-time");
    }

    @Test
    void outOfRange() {
        assertThatThrownBy(() -> Timestamps.parse("t", "2200-01-01T00:00:00Z"))
                .hasMessage("t: date-time 2200-01-01T00:00:00Z is out of range (2000 to 2199)");
        assertThatThrownBy(() -> Timestamps.parse("t", "1999-12-31T23:59:59Z"))
                .hasMessage("t: date-time 1999-12-31T23:59:59Z is out of range (2000 to 2199)");
    }
}
