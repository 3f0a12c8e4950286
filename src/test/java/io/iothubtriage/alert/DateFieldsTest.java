package io.iothubtriage.alert;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;

class DateFieldsTest {

    @Test
    void epochDayAndMonthLengthsAreJavaTimes() {
        for (LocalDate d = LocalDate.of(1899, 12, 1); d.isBefore(LocalDate.of(2101, 3, 1)); d = d.plusDays(1)) {
            assertThat(DateFields.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth())).isEqualTo(d.toEpochDay());
        }
        for (int year : new int[] {0, 1600, 1900, 2000, 2024, 2026, 2100, 2400, 9999}) {
            for (int month = 1; month <= 12; month++) {
                assertThat(DateFields.daysInMonth(year, month)).as("%d-%d", year, month)
                        .isEqualTo(YearMonth.of(year, month).lengthOfMonth());
            }
        }
    }

    @Test
    void digitsAreExactlyThatManyAsciiDigits() {
        assertThat(DateFields.digits("x2026-", 1, 4)).isEqualTo(2026);
        assertThat(DateFields.digits("0907", 0, 2)).isEqualTo(9);
        assertThat(DateFields.digits("20a6", 0, 4)).isEqualTo(-1);
        assertThat(DateFields.digits("202", 0, 4)).isEqualTo(-1); // the text ends first
        assertThat(DateFields.digits("２０２６", 0, 4)).isEqualTo(-1); // digits, but not ASCII
    }
}
