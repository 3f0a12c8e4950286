package io.iothubtriage.evidence;

import io.iothubtriage.alert.BadInputException;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns the values one format reader collected for a row into a {@link ConnectionLogRow}, the same way for every
 * format: skip other categories, parse the time, lift {@code properties_s}, skip rows without a device, count.
 * One instance per file, reused for every row, so reading allocates only what the row keeps.
 */
final class RowAssembler {

    /** Says where the reader is, for messages: "line 12" or "line 1, column 4803". */
    interface Locator {
        String position();
    }

    /** Default offset meaning "the export does not say which zone its zone-less times are in". */
    static final int UNKNOWN_OFFSET = Integer.MIN_VALUE;

    private static final int MAX_VALUE_IN_MESSAGE = 60;

    private final String where;
    private final Consumer<ConnectionLogRow> sink;
    private final Locator locator;
    private final String[] cols = new String[LogField.COUNT];
    private final String[] props = new String[LogField.COUNT];
    private final PropertiesScanner scanner = new PropertiesScanner();
    private final char[][] lastText = new char[LogField.COUNT][];
    private final String[] lastValue = new String[LogField.COUNT];
    /** properties_s text of the current row, copied out of the reader's buffer; length -1 when none. */
    private char[] propertiesText = new char[1024];
    private int propertiesLength = -1;
    private String timeName = LogField.TIME.display;
    private String timeZoneLabel = "";
    private int defaultOffsetSeconds;

    private long rowNumber;
    private long accepted;
    private long skippedOtherCategories;
    private long skippedWithoutDevice;

    RowAssembler(String where, Consumer<ConnectionLogRow> sink, Locator locator) {
        this.where = where;
        this.sink = sink;
        this.locator = locator;
    }

    /** The name of the time column as the file spells it, for messages. */
    void timeName(String name) {
        this.timeName = name;
    }

    /**
     * Offset of zone-less times, or {@link #UNKNOWN_OFFSET} with the label the file gave its zone (then a
     * zone-less time is refused rather than guessed).
     */
    void defaultOffset(int offsetSeconds, String zoneLabel) {
        this.defaultOffsetSeconds = offsetSeconds;
        this.timeZoneLabel = zoneLabel;
    }

    void reset() {
        Arrays.fill(cols, null);
        Arrays.fill(props, null);
        propertiesLength = -1;
    }

    void set(LogField field, String value) {
        if (field == LogField.PROPERTIES) {
            if (value != null) {
                propertiesText(value);
            }
            return;
        }
        cols[field.ordinal()] = value;
    }

    /**
     * A value from a reader's character buffer. A column whose value is the same as on the previous row (category,
     * level, operation, often the code) reuses that row's String; others get a new one.
     */
    void set(LogField field, char[] text, int offset, int length) {
        if (field == LogField.PROPERTIES) {
            propertiesText(text, offset, length);
            return;
        }
        int f = field.ordinal();
        char[] last = lastText[f];
        if (last != null && last.length == length && Arrays.equals(last, 0, length, text, offset, offset + length)) {
            cols[f] = lastValue[f];
            return;
        }
        String value = new String(text, offset, length);
        cols[f] = value;
        if (length <= 64) {
            lastText[f] = Arrays.copyOfRange(text, offset, offset + length);
            lastValue[f] = value;
        }
    }

    /** The properties_s JSON text, from a reader's buffer (copied: the buffer is reused for the next value). */
    void propertiesText(char[] text, int offset, int length) {
        if (length > propertiesText.length) {
            propertiesText = new char[Math.max(length, propertiesText.length * 2)];
        }
        System.arraycopy(text, offset, propertiesText, 0, length);
        propertiesLength = length;
    }

    void propertiesText(String text) {
        int length = text.length();
        if (length > propertiesText.length) {
            propertiesText = new char[Math.max(length, propertiesText.length * 2)];
        }
        text.getChars(0, length, propertiesText, 0);
        propertiesLength = length;
    }

    /** A {@code properties_s} field that arrived as part of a JSON object rather than as text. */
    void setProperty(LogField field, String value) {
        props[field.ordinal()] = value;
    }

    boolean has(LogField field) {
        return field == LogField.PROPERTIES ? propertiesLength >= 0 : cols[field.ordinal()] != null;
    }

    long rowNumber() {
        return rowNumber;
    }

    /** Builds the row from the values set since {@link #reset()} and hands it to the sink, or counts the skip. */
    void finish() throws BadInputException {
        rowNumber++;
        String category = cols[LogField.CATEGORY.ordinal()];
        if (category != null && !category.equals("Connections") && !category.isEmpty()
                && !category.equalsIgnoreCase("Connections")) {
            skippedOtherCategories++;
            return;
        }
        String timeText = cols[LogField.TIME.ordinal()];
        if (timeText == null || timeText.isBlank()) {
            throw fault("no " + timeName + " value");
        }
        Instant time = parseTime(timeText);
        String operation = cols[LogField.OPERATION.ordinal()];
        if (operation == null || operation.isBlank()) {
            throw fault("no OperationName value");
        }
        if (propertiesLength > 0) {
            scanner.scan(propertiesText, 0, propertiesLength, props);
        }
        String deviceId = pick(LogField.DEVICE_ID);
        if (deviceId.isEmpty()) {
            skippedWithoutDevice++;
            return;
        }
        String authColumn = cols[LogField.AUTH_TYPE.ordinal()];
        String authType = authColumn != null && !authColumn.isEmpty()
                ? PropertiesScanner.reduceAuthType(authColumn)
                : orEmpty(props[LogField.AUTH_TYPE.ordinal()]);
        sink.accept(new ConnectionLogRow(time, operation,
                cols[LogField.LEVEL.ordinal()],
                cols[LogField.RESULT_TYPE.ordinal()],
                cols[LogField.RESULT_DESCRIPTION.ordinal()],
                deviceId,
                pick(LogField.PROTOCOL),
                authType,
                pick(LogField.MASKED_IP),
                pick(LogField.SDK_VERSION),
                pick(LogField.STATUS_CODE),
                pick(LogField.ERROR_MESSAGE)));
        accepted++;
    }

    ReadStats stats(LogFormat format, List<String> warnings) {
        return new ReadStats(format, accepted, skippedOtherCategories, skippedWithoutDevice, warnings);
    }

    private Instant parseTime(String text) throws BadInputException {
        if (defaultOffsetSeconds != UNKNOWN_OFFSET) {
            Instant t = Timestamps.parse(text, defaultOffsetSeconds);
            if (t != null) {
                return t;
            }
        } else {
            // Only times that carry their own zone are usable; a zone-less one parses at UTC only to tell the cases apart.
            Instant zoned = Timestamps.parse(text, 3600);
            Instant utc = Timestamps.parse(text, 0);
            if (zoned != null && zoned.equals(utc)) {
                return utc;
            }
            if (utc != null) {
                throw fault(timeName + " " + quote(text) + " has no time zone and the column is in '" + timeZoneLabel
                        + "' time: set the portal's time zone to UTC and export again");
            }
        }
        throw fault(timeName + " " + quote(text) + " is not a timestamp (expected e.g. 2026-11-26T10:41:02.123Z"
                + " or 11/26/2026, 10:41:02.123 AM)");
    }

    private String pick(LogField field) {
        String column = cols[field.ordinal()];
        if (column != null && !column.isEmpty()) {
            return column;
        }
        return orEmpty(props[field.ordinal()]);
    }

    private BadInputException fault(String problem) {
        return new BadInputException(where, "row " + rowNumber + " (" + locator.position() + "): " + problem);
    }

    /** A value for a one-line message: quoted, shortened, control characters made visible. */
    static String quote(String value) {
        String v = value.length() > MAX_VALUE_IN_MESSAGE ? value.substring(0, MAX_VALUE_IN_MESSAGE) + "..." : value;
        StringBuilder b = new StringBuilder(v.length() + 2).append('\'');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < ' ') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('\'').toString();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
