package io.iothubtriage.evidence;

import io.iothubtriage.alert.BadInputException;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the values one format reader collected for a row ({@link RawRow}) into a {@link ConnectionLogRow}, the same
 * way for every format, and sorts out the rows that do not count (the contract's "Which rows count"): rows of
 * another resource, rows of another log category, and rows that cannot be attributed (no or broken
 * {@code properties_s}, no deviceId, columns evidently misaligned) go to the {@link RowIntake} as such; the rest are
 * parsed (time, {@code properties_s}) and handed to it as rows. One instance per file, used by one thread.
 */
final class RowAssembler {

    private static final int MAX_VALUE_IN_MESSAGE = 60;
    /** IoT Hub's resource-log categories (lower case): a Category outside them means the columns are misaligned. */
    static final Set<String> HUB_CATEGORIES = Set.of("connections", "devicetelemetry", "c2dcommands",
            "deviceidentityoperations", "fileuploadoperations", "routes", "d2ctwinoperations", "c2dtwinoperations",
            "twinqueries", "jobsoperations", "directmethods", "distributedtracing", "configurations", "devicestreams");
    private static final Set<String> LEVELS = Set.of("information", "informational", "error", "warning", "critical",
            "verbose");

    static final String NO_PROPERTIES = "properties_s missing or blank";
    static final String BROKEN_PROPERTIES = "properties_s not JSON";
    static final String NO_DEVICE = "no deviceId";
    static final String MISALIGNED = "columns misaligned";

    private final String where;
    private final RowIntake intake;
    private final PropertiesScanner scanner = new PropertiesScanner();
    /** The row handed to the intake, refilled for each row (the intake and the aggregator keep nothing of it). */
    private final RowFields fields = new RowFields();

    private long rows;
    private long accepted;
    private long skippedOtherCategories;
    private long skippedWithoutDevice;
    private long otherResources;
    private long unreadable;
    private long withoutResource;
    private String lastCategory;
    /** See {@link #findDevices}. */
    @SuppressWarnings("unused")
    private int touched;

    RowAssembler(String where, RowIntake intake) {
        this.where = where;
        this.intake = intake;
    }

    /**
     * Builds the row and hands it to the intake, or tells the intake why it does not count. Fills {@code r.props}
     * from its properties_s text; a deviceId found there as plain ASCII goes on as its bytes (see
     * {@link RowFields}).
     */
    void accept(RawRow r) throws BadInputException {
        rows++;
        String[] cols = r.cols;
        String resourceId = cols[LogField.RESOURCE_ID.ordinal()];
        String resource = cols[LogField.RESOURCE.ordinal()];
        HubMatcher.Match match = intake.hub().match(resourceId, cols[LogField.SUBSCRIPTION_ID.ordinal()],
                cols[LogField.RESOURCE_GROUP.ordinal()], resource);
        if (match == HubMatcher.Match.OTHER) {
            otherResources++;
            intake.otherResource(intake.hub().otherKey(resourceId, cols[LogField.SUBSCRIPTION_ID.ordinal()],
                    cols[LogField.RESOURCE_GROUP.ordinal()], resource), rawFingerprint(r, null));
            return;
        }
        if (match == HubMatcher.Match.UNKNOWN) {
            withoutResource++;
            intake.withoutResource();
        }
        String category = cols[LogField.CATEGORY.ordinal()];
        if (category != null && !category.equals("Connections") && !category.isEmpty()
                && !category.equalsIgnoreCase("Connections")) {
            Instant time = lenientTime(r);
            if (category == lastCategory || HUB_CATEGORIES.contains(category.toLowerCase(Locale.ROOT))) {
                lastCategory = category;
                skippedOtherCategories++;
                intake.otherCategory(category, time, rawFingerprint(r, time));
            } else {
                unreadable(r, time, MISALIGNED);
            }
            return;
        }
        String level = cols[LogField.LEVEL.ordinal()];
        String resultType = cols[LogField.RESULT_TYPE.ordinal()];
        if ((level != null && !level.isEmpty() && !isLevel(level))
                || (resultType != null && !resultType.isEmpty() && !isNumber(resultType))) {
            unreadable(r, lenientTime(r), MISALIGNED);
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
        String deviceColumn = cols[LogField.DEVICE_ID.ordinal()];
        boolean deviceFromColumn = deviceColumn != null && !deviceColumn.isEmpty();
        // properties_s as text is scanned; as an object (records, dynamic columns) its fields are already in props
        boolean wellFormed = r.scanned ? r.wellFormed
                : r.propertiesLength > 0 ? scanner.scan(r)
                : r.props[LogField.DEVICE_ID.ordinal()] != null;
        if (!wellFormed && !deviceFromColumn) {
            unreadable(r, time, r.propertiesLength <= 0 || isBlank(r) ? NO_PROPERTIES : BROKEN_PROPERTIES);
            return;
        }
        RowFields f = fields;
        if (deviceFromColumn) {
            f.deviceId(deviceColumn);
        } else if (r.idStart >= 0) {
            f.deviceId(r.properties, r.idStart, r.idLength, r.idHash, r.device);
        } else {
            f.deviceId(orEmpty(r.props[LogField.DEVICE_ID.ordinal()]));
        }
        if (!f.hasDevice()) {
            skippedWithoutDevice++;
            unreadable(r, time, NO_DEVICE);
            return;
        }
        String authColumn = cols[LogField.AUTH_TYPE.ordinal()];
        f.authType = authColumn != null && !authColumn.isEmpty()
                ? PropertiesScanner.reduceAuthType(authColumn)
                : orEmpty(r.props[LogField.AUTH_TYPE.ordinal()]);
        f.time = time;
        f.operationName = operation;
        f.level = orEmpty(cols[LogField.LEVEL.ordinal()]);
        f.resultType = orEmpty(cols[LogField.RESULT_TYPE.ordinal()]);
        f.resultDescription = orEmpty(cols[LogField.RESULT_DESCRIPTION.ordinal()]);
        f.protocol = pick(r, LogField.PROTOCOL);
        f.maskedIpAddress = pick(r, LogField.MASKED_IP);
        f.sdkVersion = pick(r, LogField.SDK_VERSION);
        f.statusCode = pick(r, LogField.STATUS_CODE);
        f.errorMessage = pick(r, LogField.ERROR_MESSAGE);
        intake.accept(f);
        accepted++;
    }

    /**
     * Looks up the devices of rows {@code [0, n)} by their id hash before any of them is assembled, for the rows
     * whose deviceId the reading thread found as bytes, and reads a byte of each state's id and of the row's: each
     * row then finds its device's state (checked against the id, {@link DeviceTable#get}) in the cache. Why: a big
     * fleet's states do not fit the cache, and a row stalled on its device's state (a fifth of this thread's time)
     * while nothing else of the row could go on; here the lookups of successive rows depend neither on each other
     * nor on a compare of what they load, so the processor runs several of them at once and their cache misses
     * overlap (comparing the ids here, a branch on each loaded value, was tried first: the misses stayed one after
     * the other). Nothing is created: a device not seen yet is left to the row (rows that do not count add none).
     */
    void findDevices(RawRow[] rows, int n) {
        DeviceTable devices = intake.devices();
        if (devices == null) {
            return;
        }
        for (int i = 0; i < n; i++) {
            RawRow r = rows[i];
            if (r.idStart >= 0) {
                r.device = devices.candidate(r.idHash);
            }
        }
        // A second pass for what the states hold: in one pass, each row's chain of dependent misses (its row, the
        // table's slot, the state, the state's id) was as long as the two passes together, and fewer rows fitted
        // in what the processor keeps in flight.
        int touched = 0;
        for (int i = 0; i < n; i++) {
            RawRow r = rows[i];
            DeviceState d = r.device;
            if (d != null) {
                touched += d.idLength() + r.properties[r.idStart];
            }
        }
        this.touched = touched; // used, so the loads above are made
    }

    ReadStats stats(LogFormat format, List<String> warnings) {
        return new ReadStats(format, accepted, skippedOtherCategories, skippedWithoutDevice, warnings, rows,
                otherResources, unreadable, withoutResource);
    }

    private void unreadable(RawRow r, Instant time, String reason) {
        unreadable++;
        String code = r.cols[LogField.RESULT_TYPE.ordinal()];
        String level = r.cols[LogField.LEVEL.ordinal()];
        boolean error = (code != null && !code.isEmpty()) || "Error".equalsIgnoreCase(level);
        intake.unreadable(time, code, error, reason, rawFingerprint(r, time));
    }

    /** The row's time, or null when it cannot be read (a misaligned row's time column may hold anything). */
    private static Instant lenientTime(RawRow r) {
        String text = r.cols[LogField.TIME.ordinal()];
        if (text == null || text.isBlank()) {
            return null;
        }
        int offset = r.defaultOffsetSeconds == RowCollector.UNKNOWN_OFFSET ? 0 : r.defaultOffsetSeconds;
        return Timestamps.parse(text, offset);
    }

    /**
     * The identity of a row that is not used (so a duplicate of it counts once as well): its time, operation,
     * category, code, resource and properties_s text as read.
     */
    private static long rawFingerprint(RawRow r, Instant time) {
        String[] c = r.cols;
        long h = time != null ? time.toEpochMilli() : 0x5bd1e995L;
        if (time == null) {
            h = RowHasher.mix(h, c[LogField.TIME.ordinal()]);
        }
        h = RowHasher.mix(h, c[LogField.OPERATION.ordinal()]);
        h = RowHasher.mix(h, c[LogField.CATEGORY.ordinal()]);
        h = RowHasher.mix(h, c[LogField.RESULT_TYPE.ordinal()]);
        h = RowHasher.mix(h, c[LogField.RESOURCE_ID.ordinal()]);
        h = RowHasher.mix(h, c[LogField.RESOURCE.ordinal()]);
        h = RowHasher.mix(h, c[LogField.DEVICE_ID.ordinal()]);
        r.unquote(); // the text itself, as every format gives it: a row exported twice counts once
        return RowHasher.finish(RowHasher.mix(h, r.properties, Math.max(0, r.propertiesLength)));
    }

    private static boolean isBlank(RawRow r) {
        for (int i = 0; i < r.propertiesLength; i++) {
            byte ch = r.properties[i];
            if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLevel(String level) {
        return level == "Error" || level == "Information" || level == "Warning" // canonical instances
                || LEVELS.contains(level.toLowerCase(Locale.ROOT));
    }

    private static boolean isNumber(String s) {
        int i = s.charAt(0) == '-' ? 1 : 0;
        if (i == s.length()) {
            return false;
        }
        for (; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
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
        return orEmpty(r.prop(field));
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
