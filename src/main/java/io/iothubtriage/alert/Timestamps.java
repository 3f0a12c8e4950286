package io.iothubtriage.alert;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the date-times that appear in alert payloads and on command lines, all as UTC instants:
 * ISO-8601 with {@code Z} or an offset and up to 9 fraction digits ({@code 2019-03-22T13:58:24.3713213Z},
 * {@code 2019-06-24T15:42:54.074+00:00}), ISO without a zone (taken as UTC), a space instead of the {@code T},
 * and the legacy log-alert form {@code 3/22/2019 1:36:31 PM} (US order, UTC).
 */
public final class Timestamps {
    /** Instants outside [2000, 2200) are rejected: they are typos or placeholders, and would break window math. */
    static final Instant EARLIEST = Instant.ofEpochSecond(946_684_800L); // 2000-01-01T00:00:00Z
    static final Instant LATEST = Instant.ofEpochSecond(7_258_118_400L); // 2200-01-01T00:00:00Z

    /**
     * The patterns and formatters of the forms other than {@link #utcIso}'s, in a holder: building them loads and
     * initialises java.time's formatting and the regex engine, about 5 ms of a CLI run's start, which the usual
     * {@code 2026-01-15T10:41:00Z} never needs.
     */
    private static final class Formats {
        static final Pattern SPACE_SEPARATED = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d.*");

        /** yyyy-MM-dd, then optionally [T or space]HH:mm[:ss]: the fields of a text that failed, to say which. */
        static final Pattern DATE_TIME_FIELDS = Pattern.compile(
                "(\\d{4})-(\\d{2})-(\\d{2})(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2}))?)?");

        static final DateTimeFormatter ISO_COMPACT_OFFSET = new DateTimeFormatterBuilder()
                .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                .appendOffset("+HHmm", "Z")
                .toFormatter(Locale.ROOT)
                .withResolverStyle(ResolverStyle.STRICT);

        static final List<DateTimeFormatter> LEGACY = List.of(legacy("h", " a"), legacy("H", ""));
    }

    private Timestamps() {
    }

    /**
     * Parses a date-time.
     *
     * @param where the field, file or parameter named in the error
     * @throws BadInputException when the text is not a date-time in one of the accepted forms or is out of range
     */
    public static Instant parse(String where, String text) throws BadInputException {
        return parse(where, text, "expected ISO-8601 such as 2026-01-15T10:41:00Z");
    }

    /**
     * As {@link #parse(String, String)}, saying {@code expected} (the forms a caller's users are told of, e.g. the
     * CLI's {@link #CLI_FORMS}) when the text is no date-time.
     */
    public static Instant parse(String where, String text, String expected) throws BadInputException {
        if (text == null || text.isBlank()) {
            throw new BadInputException(where, "missing date-time");
        }
        Optional<Instant> parsed = tryParse(text);
        if (parsed.isEmpty()) {
            throw new BadInputException(where, "not a date-time: " + Snippet.quote(text)
                    + impossibleField(text.trim()).map(why -> ": " + why).orElse("") + " (" + expected + ")");
        }
        Instant instant = parsed.get();
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw new BadInputException(where, "date-time " + instant + " is out of range (2000 to 2199)");
        }
        return instant;
    }

    /** The forms {@link #parse} takes, as the CLI's help gives them, for its error message. */
    public static final String CLI_FORMS = "expected ISO-8601 in UTC or with an offset, such as 2026-01-15T10:00:00Z or "
            + "2026-01-15T11:00+01:00, or 2026-01-15 10:00 taken as UTC";

    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"};

    /**
     * Why a text shaped like a date-time is none: a field out of its range ("there is no 30 February in 2026",
     * "there is no month 13", "hour 24 is out of range (0 to 23)"); empty when its shape is the problem.
     */
    static Optional<String> impossibleField(String t) {
        Matcher m = Formats.DATE_TIME_FIELDS.matcher(t);
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        if (month < 1 || month > 12) {
            return Optional.of("there is no month " + month);
        }
        if (day < 1 || day > DateFields.daysInMonth(year, month)) {
            return Optional.of("there is no " + day + " " + MONTHS[month - 1] + " in " + year);
        }
        String[] names = {"hour", "minute", "second"};
        int[] max = {23, 59, 59};
        for (int i = 0; i < 3; i++) {
            String v = m.group(4 + i);
            if (v != null && Integer.parseInt(v) > max[i]) {
                return Optional.of(names[i] + " " + Integer.parseInt(v) + " is out of range (0 to " + max[i] + ")");
            }
        }
        return Optional.empty();
    }

    static Optional<Instant> tryParse(String text) {
        Instant utc = utcIso(text.trim());
        return utc != null ? Optional.of(utc) : tryParseForms(text);
    }

    /**
     * The usual form, {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} (T and Z in either case, 1 to 9 fraction digits), read
     * field by field; null for anything else, or a value out of its field's range, which {@link #tryParseForms}
     * then judges as before. Same result as {@code OffsetDateTime.parse} with {@code ISO_OFFSET_DATE_TIME} for
     * every text it accepts (TimestampsTest compares the two over generated texts).
     */
    static Instant utcIso(String t) {
        int n = t.length();
        if (n < 20 || n > 30 || t.charAt(4) != '-' || t.charAt(7) != '-' || (t.charAt(10) != 'T'
                && t.charAt(10) != 't') || t.charAt(13) != ':' || t.charAt(16) != ':'
                || (t.charAt(n - 1) != 'Z' && t.charAt(n - 1) != 'z')) {
            return null;
        }
        int year = DateFields.digits(t, 0, 4);
        int month = DateFields.digits(t, 5, 2);
        int day = DateFields.digits(t, 8, 2);
        int hour = DateFields.digits(t, 11, 2);
        int minute = DateFields.digits(t, 14, 2);
        int second = DateFields.digits(t, 17, 2);
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21; // between the '.' and the 'Z'
            if (t.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nanos = DateFields.digits(t, 20, fraction);
            for (int k = fraction; k < 9 && nanos >= 0; k++) {
                nanos *= 10;
            }
        }
        if ((year | month | day | hour | minute | second | nanos) < 0 || month < 1 || month > 12 || day < 1
                || day > DateFields.daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        return Instant.ofEpochSecond(DateFields.epochDay(year, month, day) * 86_400L + hour * 3_600L + minute * 60L
                + second, nanos);
    }

    /** Every accepted form, through java.time's formatters. */
    static Optional<Instant> tryParseForms(String text) {
        String t = text.trim();
        if (t.length() > 64) {
            return Optional.empty();
        }
        if (t.indexOf('/') >= 0) {
            for (DateTimeFormatter f : Formats.LEGACY) {
                try {
                    return Optional.of(LocalDateTime.parse(t, f).toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException ignored) {
                    // try the next form
                }
            }
            return Optional.empty();
        }
        String iso = t.toUpperCase(Locale.ROOT);
        if (Formats.SPACE_SEPARATED.matcher(iso).matches()) {
            iso = iso.substring(0, 10) + 'T' + iso.substring(11);
        }
        try {
            return Optional.of(OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeException ignored) {
            // no offset, or an offset without a colon
        }
        try {
            return Optional.of(OffsetDateTime.parse(iso, Formats.ISO_COMPACT_OFFSET).toInstant());
        } catch (DateTimeException ignored) {
            // no offset at all
        }
        try {
            return Optional.of(LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** {@code M/d/yyyy h:mm:ss[.fff] AM} (12-hour) or {@code M/d/yyyy H:mm:ss[.fff]} (24-hour). */
    private static DateTimeFormatter legacy(String hour, String amPm) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive()
                .appendPattern("M/d/uuuu " + hour + ":mm:ss")
                .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
                .appendPattern(amPm.isEmpty() ? "" : "' 'a")
                .toFormatter(Locale.US)
                .withResolverStyle(ResolverStyle.STRICT);
    }
}
