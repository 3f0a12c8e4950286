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
import java.util.regex.Pattern;

/**
 * Reads the date-times that appear in alert payloads and on command lines, all as UTC instants:
 * ISO-8601 with {@code Z} or an offset and up to 9 fraction digits ({@code 2019-03-22T13:58:24.3713213Z},
 * {@code 2019-06-24T15:42:54.074+00:00}), ISO without a zone (taken as UTC), a space instead of the {@code T},
 * and the legacy log-alert form {@code 3/22/2019 1:36:31 PM} (US order, UTC).
 */
public final class Timestamps {
    /** Instants outside [2000, 2200) are rejected: they are typos or placeholders, and would break window math. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private static final Pattern SPACE_SEPARATED = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d.*");

    private static final DateTimeFormatter ISO_COMPACT_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendOffset("+HHmm", "Z")
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private static final List<DateTimeFormatter> LEGACY = List.of(legacy("h", " a"), legacy("H", ""));

    private Timestamps() {
    }

    /**
     * Parses a date-time.
     *
     * @param where the field, file or parameter named in the error
     * @throws BadInputException when the text is not a date-time in one of the accepted forms or is out of range
     */
    public static Instant parse(String where, String text) throws BadInputException {
        if (text == null || text.isBlank()) {
            throw new BadInputException(where, "missing date-time");
        }
        Instant instant = tryParse(text).orElseThrow(() -> new BadInputException(where,
                "not a date-time: " + Snippet.quote(text) + " (expected ISO-8601 such as 2026-01-15T10:41:00Z)"));
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw new BadInputException(where, "date-time " + instant + " is out of range (2000 to 2199)");
        }
        return instant;
    }

    static Optional<Instant> tryParse(String text) {
        String t = text.trim();
        if (t.length() > 64) {
            return Optional.empty();
        }
        if (t.indexOf('/') >= 0) {
            for (DateTimeFormatter f : LEGACY) {
                try {
                    return Optional.of(LocalDateTime.parse(t, f).toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException ignored) {
                    // try the next form
                }
            }
            return Optional.empty();
        }
        String iso = t.toUpperCase(Locale.ROOT);
        if (SPACE_SEPARATED.matcher(iso).matches()) {
            iso = iso.substring(0, 10) + 'T' + iso.substring(11);
        }
        try {
            return Optional.of(OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeException ignored) {
            // no offset, or an offset without a colon
        }
        try {
            return Optional.of(OffsetDateTime.parse(iso, ISO_COMPACT_OFFSET).toInstant());
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
