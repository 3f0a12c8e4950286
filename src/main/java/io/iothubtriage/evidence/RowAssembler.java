package io.iothubtriage.evidence;

import io.iothubtriage.alert.BadInputException;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns the values one format reader collected for a row ({@link RawRow}) into a {@link ConnectionLogRow}, the same
 * way for every format: skip other categories, parse the time, lift {@code properties_s}, skip rows without a
 * device, count, hand the row to the sink. One instance per file, used by one thread.
 */
final class RowAssembler {

    private static final int MAX_VALUE_IN_MESSAGE = 60;

    private final String where;
    private final Consumer<ConnectionLogRow> sink;
    private final PropertiesScanner scanner = new PropertiesScanner();

    private long accepted;
    private long skippedOtherCategories;
    private long skippedWithoutDevice;

    RowAssembler(String where, Consumer<ConnectionLogRow> sink) {
        this.where = where;
        this.sink = sink;
    }

    /**
     * Builds the row and hands it to the sink, or counts the skip. Fills {@code r.props} from its properties_s
     * text.
     */
    void accept(RawRow r) throws BadInputException {
        String[] cols = r.cols;
        String category = cols[LogField.CATEGORY.ordinal()];
        if (category != null && !category.equals("Connections") && !category.isEmpty()
                && !category.equalsIgnoreCase("Connections")) {
            skippedOtherCategories++;
            return;
        }
        String timeText = cols[LogField.TIME.ordinal()];
        if (timeText == null || timeText.isBlank()) {
            throw fault(r, "no " + r.timeName + " value");
        }
        Instant time = parseTime(r, timeText);
        String operation = cols[LogField.OPERATION.ordinal()];
        if (operation == null || operation.isBlank()) {
            throw fault(r, "no OperationName value");
        }
        if (r.propertiesLength > 0) {
            scanner.scan(r.properties, 0, r.propertiesLength, r.props);
        }
        String deviceId = pick(r, LogField.DEVICE_ID);
        if (deviceId.isEmpty()) {
            skippedWithoutDevice++;
            return;
        }
        String authColumn = cols[LogField.AUTH_TYPE.ordinal()];
        String authType = authColumn != null && !authColumn.isEmpty()
                ? PropertiesScanner.reduceAuthType(authColumn)
                : orEmpty(r.props[LogField.AUTH_TYPE.ordinal()]);
        sink.accept(new ConnectionLogRow(time, operation,
                cols[LogField.LEVEL.ordinal()],
                cols[LogField.RESULT_TYPE.ordinal()],
                cols[LogField.RESULT_DESCRIPTION.ordinal()],
                deviceId,
                pick(r, LogField.PROTOCOL),
                authType,
                pick(r, LogField.MASKED_IP),
                pick(r, LogField.SDK_VERSION),
                pick(r, LogField.STATUS_CODE),
                pick(r, LogField.ERROR_MESSAGE)));
        accepted++;
    }

    ReadStats stats(LogFormat format, List<String> warnings) {
        return new ReadStats(format, accepted, skippedOtherCategories, skippedWithoutDevice, warnings);
    }

    private Instant parseTime(RawRow r, String text) throws BadInputException {
        if (r.defaultOffsetSeconds != RowCollector.UNKNOWN_OFFSET) {
            Instant t = Timestamps.parse(text, r.defaultOffsetSeconds);
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
                throw fault(r, r.timeName + " " + quote(text) + " has no time zone and the column is in '"
                        + r.timeZoneLabel
                        + "' time: set the portal's time zone to UTC and export again");
            }
        }
        throw fault(r, r.timeName + " " + quote(text) + " is not a timestamp (expected e.g. 2026-11-26T10:41:02.123Z"
                + " or 11/26/2026, 10:41:02.123 AM)");
    }

    private static String pick(RawRow r, LogField field) {
        String column = r.cols[field.ordinal()];
        if (column != null && !column.isEmpty()) {
            return column;
        }
        return orEmpty(r.props[field.ordinal()]);
    }

    private BadInputException fault(RawRow r, String problem) {
        return new BadInputException(where, "row " + r.number + " (" + r.position() + "): " + problem);
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
