package io.iothubtriage.alert;

/**
 * The fields of a date-time read by hand, for the two readers that skip java.time's formatters: the usual UTC form of
 * alert and command-line times ({@link Timestamps#utcIso}) and every timestamp of an exported log (the evidence
 * package's reader, once per row). Dates are proleptic Gregorian, as java.time's ISO calendar counts them.
 */
public final class DateFields {

    private DateFields() {
    }

    /** The value of exactly {@code count} ASCII digits at {@code i}, or -1 (also when the text ends before). */
    public static int digits(String s, int i, int count) {
        if (i + count > s.length()) {
            return -1;
        }
        int v = 0;
        for (int k = 0; k < count; k++) {
            char c = s.charAt(i + k);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Days in {@code month} (1 to 12) of {@code year}. */
    public static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a valid date (H. Hinnant's days_from_civil). */
    public static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
