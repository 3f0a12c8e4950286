package io.iothubtriage.testing;

import io.iothubtriage.alert.HubId;
import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.simulation.FleetScenario;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Writes Connections rows as the real tools export them, for tests and benchmarks of the readers and of
 * everything built on them:
 * <ul>
 *   <li>{@link Format#LOG_ANALYTICS_RESPONSE}: the query API response, one line, {@code AzureDiagnostics} columns
 *       with {@code properties_s} as JSON text (or a {@code dynamic} object);</li>
 *   <li>{@link Format#CLI_JSON_ARRAY}: {@code az monitor log-analytics query} output, indented, keys sorted, with
 *       {@code TableName};</li>
 *   <li>{@link Format#PORTAL_CSV}: the portal's CSV, {@code TimeGenerated [UTC]} header, {@code properties_s} with
 *       doubled quotes, optional BOM, CRLF, times as ISO or {@code 11/26/2026, 10:41:02.123 AM};</li>
 *   <li>{@link Format#RESOURCE_LOG_RECORDS} and {@link Format#RESOURCE_LOG_LINES}: raw resource logs as archived to
 *       storage ({@code {"records":[...]}} or one record per line).</li>
 * </ul>
 * Rows are written in the order given (newest-first comes from the row source, e.g.
 * {@link SyntheticRows.Spec#newestFirst(boolean)}). Times carry as many fraction digits as they need, none on whole
 * seconds; an empty authType is written as null, any "scope/type" as the embedded JSON the hub writes. Nothing is
 * held in memory: a million rows stream straight to the file.
 */
public final class ExportWriter {

    public enum Format { LOG_ANALYTICS_RESPONSE, CLI_JSON_ARRAY, PORTAL_CSV, RESOURCE_LOG_RECORDS, RESOURCE_LOG_LINES }

    public enum CsvTimeStyle { ISO, PORTAL }

    /**
     * @param otherCategoryEvery after every n-th Connections row, also write a Routes row (0: never)
     * @param extraColumns       all AzureDiagnostics columns (TenantId, _ResourceId, SourceSystem, ...), else only
     *                           the ones the readers use
     * @param reverseColumns     write the columns in reverse order (readers must not depend on the order)
     * @param projected          instead of properties_s, separate DeviceId, Protocol, AuthType, ... columns (a query
     *                           that projected them); no Category column, so no other-category rows
     * @param propertiesAsObject properties_s as a JSON object rather than text (a dynamic column; JSON formats)
     * @param numbersAsStrings   numeric columns as strings, as the API examples show them
     * @param multilineCells     an extra text column whose value spans lines on some rows
     * @param csvTimeStyle       how the CSV writes TimeGenerated
     * @param byteOrderMark      start the file with a UTF-8 BOM
     * @param crlf               CSV records end with CRLF (else LF)
     */
    public record Options(int otherCategoryEvery, boolean extraColumns, boolean reverseColumns, boolean projected,
                          boolean propertiesAsObject, boolean numbersAsStrings, boolean multilineCells,
                          CsvTimeStyle csvTimeStyle, boolean byteOrderMark, boolean crlf, HubId hub,
                          java.util.Set<String> blankPropertiesCodes) {

        /** Only the columns the readers need, no noise. */
        public static Options plain() {
            return new Options(0, false, false, false, false, false, false, CsvTimeStyle.ISO, false, false, DEFAULT_HUB,
                    java.util.Set.of());
        }

        /** What a real export looks like: every column, Routes rows mixed in, BOM and portal times in the CSV. */
        public static Options realistic() {
            return new Options(7, true, false, false, false, true, false, CsvTimeStyle.PORTAL, true, true, DEFAULT_HUB,
                    java.util.Set.of());
        }

        public Options otherCategoryEvery(int v) {
            return new Options(v, extraColumns, reverseColumns, projected, propertiesAsObject, numbersAsStrings,
                    multilineCells, csvTimeStyle, byteOrderMark, crlf, hub,
                    blankPropertiesCodes);
        }

        public Options reverseColumns(boolean v) {
            return new Options(otherCategoryEvery, extraColumns, v, projected, propertiesAsObject, numbersAsStrings,
                    multilineCells, csvTimeStyle, byteOrderMark, crlf, hub,
                    blankPropertiesCodes);
        }

        public Options projected(boolean v) {
            return new Options(otherCategoryEvery, extraColumns, reverseColumns, v, propertiesAsObject,
                    numbersAsStrings, multilineCells, csvTimeStyle, byteOrderMark, crlf, hub,
                    blankPropertiesCodes);
        }

        public Options propertiesAsObject(boolean v) {
            return new Options(otherCategoryEvery, extraColumns, reverseColumns, projected, v, numbersAsStrings,
                    multilineCells, csvTimeStyle, byteOrderMark, crlf, hub,
                    blankPropertiesCodes);
        }

        public Options multilineCells(boolean v) {
            return new Options(otherCategoryEvery, extraColumns, reverseColumns, projected, propertiesAsObject,
                    numbersAsStrings, v, csvTimeStyle, byteOrderMark, crlf, hub,
                    blankPropertiesCodes);
        }

        public Options csvTimeStyle(CsvTimeStyle v) {
            return new Options(otherCategoryEvery, extraColumns, reverseColumns, projected, propertiesAsObject,
                    numbersAsStrings, multilineCells, v, byteOrderMark, crlf, hub,
                    blankPropertiesCodes);
        }

        /** Rows of another resource: a second hub in the same workspace. */
        public Options hub(HubId v) {
            return new Options(otherCategoryEvery, extraColumns, reverseColumns, projected, propertiesAsObject,
                    numbersAsStrings, multilineCells, csvTimeStyle, byteOrderMark, crlf, v,
                    blankPropertiesCodes);
        }

        /** Blank properties_s on the rows with these codes ("*": every row; "device:ID": that device's rows). */
        public Options blankProperties(java.util.Set<String> codes) {
            return new Options(otherCategoryEvery, extraColumns, reverseColumns, projected, propertiesAsObject,
                    numbersAsStrings, multilineCells, csvTimeStyle, byteOrderMark, crlf, hub, codes);
        }

        boolean blank(ConnectionLogRow r) {
            return !blankPropertiesCodes.isEmpty()
                    && (blankPropertiesCodes.contains("*") || blankPropertiesCodes.contains(r.resultType())
                    || blankPropertiesCodes.contains("device:" + r.deviceId()));
        }

        public Options byteOrderMark(boolean v) {
            return new Options(otherCategoryEvery, extraColumns, reverseColumns, projected, propertiesAsObject,
                    numbersAsStrings, multilineCells, csvTimeStyle, v, crlf, hub,
                    blankPropertiesCodes);
        }
    }

    /** What was written: Connections rows, rows of other categories, bytes. */
    public record Written(long connectionRows, long otherCategoryRows, long bytes) {
    }

    static final String TENANT = "b438b4f6-912a-46d5-9cb1-b44069212abc";
    /** The simulator's hub, which the rows name unless told otherwise. */
    public static final HubId DEFAULT_HUB = FleetScenario.builder().build().hub();
    private static final String ROUTES_PROPERTIES = "{\"deviceId\":null,\"endpointName\":\"anon-sb-1\","
            + "\"messageId\":null,\"details\":\"DeviceMaximumQueueDepthExceeded\",\"routeName\":null,"
            + "\"statusCode\":\"403\"}";

    private static final List<String> PLAIN_COLUMNS = List.of("TimeGenerated", "Category", "OperationName", "Level",
            "ResultType", "ResultDescription", "properties_s");
    private static final List<String> ALL_COLUMNS = List.of("TenantId", "TimeGenerated", "ResourceId", "Category",
            "ResourceGroup", "SubscriptionId", "ResourceProvider", "Resource", "ResourceType", "OperationName",
            "ResultType", "CorrelationId", "ResultDescription", "Level", "DurationMs", "properties_s", "Location",
            "SourceSystem", "Type", "_ResourceId");
    private static final List<String> PROJECTED_COLUMNS = List.of("TimeGenerated", "OperationName", "Level",
            "ResultType", "ResultDescription", "DeviceId", "Protocol", "AuthType", "MaskedIpAddress", "SDKVersion",
            "StatusCode", "ErrorMessage");

    private ExportWriter() {
    }

    public static Written write(Path file, Format format, Iterable<ConnectionLogRow> rows, Options options)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            Written w = write(out, format, rows, options);
            return new Written(w.connectionRows(), w.otherCategoryRows(), Files.size(file));
        }
    }

    /**
     * Rows that are pushed rather than pulled: a producer such as {@code FleetScenario.rows(sink, order)} that hands
     * its rows to a sink and cannot offer an {@link Iterable} without holding them all.
     */
    @FunctionalInterface
    public interface RowProducer {
        void produce(Consumer<ConnectionLogRow> sink);
    }

    /** Writes the rows a producer pushes, streamed: nothing is held, whatever their number. */
    public static Written write(Path file, Format format, RowProducer rows, Options options) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            if (options.byteOrderMark()) {
                out.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            Session session = new Session(w, format, options);
            session.begin();
            try {
                rows.produce(r -> {
                    try {
                        session.add(r);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            session.end();
            w.flush();
            return new Written(session.connections, session.others, Files.size(file));
        }
    }

    /** Writes to a stream (left open); {@link Written#bytes()} is -1 here. */
    public static Written write(OutputStream out, Format format, Iterable<ConnectionLogRow> rows, Options options)
            throws IOException {
        if (options.byteOrderMark()) {
            out.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        Written written = new Session(w, format, options).run(rows);
        w.flush();
        return written;
    }

    /** The JSON text the hub writes into properties_s for a row. */
    public static String propertiesJson(ConnectionLogRow r) {
        StringBuilder b = new StringBuilder(320);
        b.append("{\"deviceId\":");
        jsonString(b, r.deviceId());
        if (!r.sdkVersion().isEmpty()) {
            b.append(",\"sdkVersion\":");
            jsonString(b, r.sdkVersion());
        }
        b.append(",\"protocol\":");
        jsonString(b, r.protocol());
        b.append(",\"authType\":");
        if (r.authType().isEmpty()) {
            b.append("null");
        } else {
            jsonString(b, authTypeJson(r.authType()));
        }
        b.append(",\"maskedIpAddress\":");
        jsonString(b, r.maskedIpAddress());
        b.append(",\"statusCode\":");
        if (r.statusCode().isEmpty()) {
            b.append("null");
        } else {
            jsonString(b, r.statusCode());
        }
        b.append(",\"errorMessage\":");
        jsonString(b, r.errorMessage());
        return b.append('}').toString();
    }

    /** "device/sas" as the hub encodes it: {"scope":"device","type":"sas","issuer":"iothub",...}. */
    public static String authTypeJson(String authType) {
        int slash = authType.indexOf('/');
        if (slash < 0) {
            return authType;
        }
        StringBuilder b = new StringBuilder("{\"scope\":");
        jsonString(b, authType.substring(0, slash));
        b.append(",\"type\":");
        jsonString(b, authType.substring(slash + 1));
        return b.append(",\"issuer\":\"iothub\",\"acceptingIpFilterRule\":null}").toString();
    }

    /** ISO 8601 UTC with only the fraction digits needed (none on a whole second). */
    public static String iso(Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(30);
        pad(b, d.getYear(), 4).append('-');
        pad(b, d.getMonthValue(), 2).append('-');
        pad(b, d.getDayOfMonth(), 2).append('T');
        pad(b, d.getHour(), 2).append(':');
        pad(b, d.getMinute(), 2).append(':');
        pad(b, d.getSecond(), 2);
        fraction(b, t.getNano(), 1);
        return b.append('Z').toString();
    }

    /** The portal's display form: {@code 11/26/2026, 10:41:02.123 AM} (milliseconds, or more digits if needed). */
    public static String portalTime(Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(30);
        b.append(d.getMonthValue()).append('/').append(d.getDayOfMonth()).append('/').append(d.getYear())
                .append(", ");
        int h12 = d.getHour() % 12 == 0 ? 12 : d.getHour() % 12;
        b.append(h12).append(':');
        pad(b, d.getMinute(), 2).append(':');
        pad(b, d.getSecond(), 2);
        fraction(b, t.getNano(), 3);
        return b.append(d.getHour() < 12 ? " AM" : " PM").toString();
    }

    private static void fraction(StringBuilder b, int nanos, int minDigits) {
        if (nanos == 0) {
            return;
        }
        String digits = String.format("%09d", nanos);
        int end = 9;
        while (end > minDigits && digits.charAt(end - 1) == '0') {
            end--;
        }
        b.append('.').append(digits, 0, end);
    }

    private static StringBuilder pad(StringBuilder b, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }

    static void jsonString(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    /** A JSON object written as such (a dynamic column), not as a string. */
    private record RawJson(String json) {
    }

    /** One file being written. */
    private static final class Session {
        private final Writer w;
        private final Format format;
        private final Options o;
        private final List<String> columns;
        private final StringBuilder b = new StringBuilder(2048);
        private final String eol;
        private long connections;
        private long others;
        private boolean firstItem = true;

        Session(Writer w, Format format, Options o) {
            this.w = w;
            this.format = format;
            this.o = o;
            List<String> cols = new ArrayList<>(o.projected() ? PROJECTED_COLUMNS
                    : o.extraColumns() ? ALL_COLUMNS : PLAIN_COLUMNS);
            if (o.multilineCells()) {
                cols.add("AdditionalFields");
            }
            if (o.reverseColumns()) {
                Collections.reverse(cols);
            }
            this.columns = List.copyOf(cols);
            this.eol = o.crlf() ? "\r\n" : "\n";
        }

        Written run(Iterable<ConnectionLogRow> rows) throws IOException {
            begin();
            for (ConnectionLogRow r : rows) {
                add(r);
            }
            end();
            return new Written(connections, others, -1);
        }

        /** One Connections row, and a row of another category after every n-th when the options ask for it. */
        void add(ConnectionLogRow r) throws IOException {
            item(r, false, connections);
            connections++;
            if (o.otherCategoryEvery() > 0 && !o.projected() && connections % o.otherCategoryEvery() == 0) {
                item(r, true, connections);
                others++;
            }
        }

        private void begin() throws IOException {
            switch (format) {
                case LOG_ANALYTICS_RESPONSE -> {
                    b.setLength(0);
                    b.append("{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[");
                    for (int i = 0; i < columns.size(); i++) {
                        if (i > 0) {
                            b.append(',');
                        }
                        b.append("{\"name\":");
                        jsonString(b, columns.get(i));
                        b.append(",\"type\":\"").append(laType(columns.get(i))).append("\"}");
                    }
                    b.append("],\"rows\":[");
                    w.append(b);
                }
                case CLI_JSON_ARRAY -> w.write("[");
                case PORTAL_CSV -> {
                    b.setLength(0);
                    for (int i = 0; i < columns.size(); i++) {
                        if (i > 0) {
                            b.append(',');
                        }
                        String c = columns.get(i);
                        csvCell(b, c.equals("TimeGenerated") ? "TimeGenerated [UTC]" : c);
                    }
                    w.append(b).write(eol);
                }
                case RESOURCE_LOG_RECORDS -> w.write("{\"records\":[");
                case RESOURCE_LOG_LINES -> {
                }
            }
        }

        private void end() throws IOException {
            switch (format) {
                case LOG_ANALYTICS_RESPONSE -> w.write("]}]}");
                case CLI_JSON_ARRAY -> w.write(firstItem ? "]\n" : "\n]\n");
                case RESOURCE_LOG_RECORDS -> w.write(firstItem ? "]}\n" : "\n]}\n");
                default -> {
                }
            }
        }

        private void item(ConnectionLogRow r, boolean other, long n) throws IOException {
            b.setLength(0);
            switch (format) {
                case LOG_ANALYTICS_RESPONSE -> {
                    if (!firstItem) {
                        b.append(',');
                    }
                    b.append('[');
                    for (int i = 0; i < columns.size(); i++) {
                        if (i > 0) {
                            b.append(',');
                        }
                        jsonValue(value(columns.get(i), r, other, n));
                    }
                    b.append(']');
                }
                case CLI_JSON_ARRAY -> {
                    TreeMap<String, Object> sorted = new TreeMap<>();
                    for (String c : columns) {
                        sorted.put(c, value(c, r, other, n));
                    }
                    sorted.put("TableName", "PrimaryResult");
                    b.append(firstItem ? "\n  {" : ",\n  {");
                    boolean first = true;
                    for (var e : sorted.entrySet()) {
                        b.append(first ? "\n    " : ",\n    ");
                        first = false;
                        jsonString(b, e.getKey());
                        b.append(": ");
                        jsonValue(e.getValue());
                    }
                    b.append("\n  }");
                }
                case PORTAL_CSV -> {
                    for (int i = 0; i < columns.size(); i++) {
                        if (i > 0) {
                            b.append(',');
                        }
                        String c = columns.get(i);
                        Object v = c.equals("TimeGenerated") && o.csvTimeStyle() == CsvTimeStyle.PORTAL
                                ? portalTime(r.time()) : value(c, r, other, n);
                        csvCell(b, v == null ? "" : v instanceof RawJson raw ? raw.json() : v.toString());
                    }
                    b.append(eol);
                }
                case RESOURCE_LOG_RECORDS, RESOURCE_LOG_LINES -> {
                    if (format == Format.RESOURCE_LOG_RECORDS) {
                        b.append(firstItem ? "\n" : ",\n");
                    }
                    record(r, other);
                    if (format == Format.RESOURCE_LOG_LINES) {
                        b.append('\n');
                    }
                }
            }
            firstItem = false;
            w.append(b);
        }

        /** A raw resource-log record: lower-case keys, upper-case resource id, result fields only on errors. */
        private void record(ConnectionLogRow r, boolean other) {
            b.append("{\"time\":");
            jsonString(b, iso(r.time()));
            b.append(",\"resourceId\":");
            jsonString(b, o.hub().resourceId().toUpperCase(java.util.Locale.ROOT));
            b.append(",\"operationName\":");
            jsonString(b, other ? "endpointUnhealthy" : r.operationName());
            b.append(",\"category\":");
            jsonString(b, other ? "Routes" : "Connections");
            b.append(",\"level\":");
            jsonString(b, other ? "Error" : r.level());
            String resultType = other ? "403004" : r.resultType();
            if (!resultType.isEmpty()) {
                b.append(",\"resultType\":");
                jsonString(b, resultType);
                b.append(",\"resultDescription\":");
                jsonString(b, other ? "DeviceMaximumQueueDepthExceeded" : r.resultDescription());
            }
            b.append(",\"properties\":");
            if (!other && o.blank(r)) {
                jsonString(b, "");
            } else if (o.propertiesAsObject()) {
                b.append(other ? ROUTES_PROPERTIES : propertiesJson(r));
            } else {
                jsonString(b, other ? ROUTES_PROPERTIES : propertiesJson(r));
            }
            b.append(",\"location\":\"westeurope\"}");
        }

        private Object value(String column, ConnectionLogRow r, boolean other, long n) {
            return switch (column) {
                case "TenantId" -> TENANT;
                case "TimeGenerated" -> iso(r.time());
                case "ResourceId" -> o.hub().resourceId().toUpperCase(java.util.Locale.ROOT);
                case "Category" -> other ? "Routes" : "Connections";
                case "ResourceGroup" -> o.hub().resourceGroup().toUpperCase(java.util.Locale.ROOT);
                case "SubscriptionId" -> o.hub().subscriptionId();
                case "ResourceProvider" -> "MICROSOFT.DEVICES";
                case "Resource" -> o.hub().name().toUpperCase(java.util.Locale.ROOT);
                case "ResourceType" -> "IOTHUBS";
                case "OperationName" -> other ? "endpointUnhealthy" : r.operationName();
                case "ResultType" -> other ? "403004" : r.resultType();
                case "CorrelationId" -> "";
                case "ResultDescription" -> other ? "DeviceMaximumQueueDepthExceeded" : r.resultDescription();
                case "Level" -> other ? "Error" : r.level();
                case "DurationMs" -> 0L;
                case "properties_s" -> {
                    if (!other && o.blank(r)) {
                        yield "";
                    }
                    String json = other ? ROUTES_PROPERTIES : propertiesJson(r);
                    yield o.propertiesAsObject() ? new RawJson(json) : json;
                }
                case "Location" -> "westeurope";
                case "SourceSystem" -> "Azure";
                case "Type" -> "AzureDiagnostics";
                case "_ResourceId" -> o.hub().resourceId().toLowerCase(java.util.Locale.ROOT);
                case "DeviceId" -> r.deviceId();
                case "Protocol" -> r.protocol();
                case "AuthType" -> r.authType().isEmpty() ? null : authTypeJson(r.authType());
                case "MaskedIpAddress" -> r.maskedIpAddress();
                case "SDKVersion" -> r.sdkVersion();
                case "StatusCode" -> r.statusCode().isEmpty() ? null : r.statusCode();
                case "ErrorMessage" -> r.errorMessage();
                case "AdditionalFields" -> n % 3 == 0 ? "first line, with a comma\nsecond \"quoted\" line" : "";
                default -> throw new IllegalStateException(column);
            };
        }

        private static String laType(String column) {
            return switch (column) {
                case "TimeGenerated" -> "datetime";
                case "DurationMs" -> "long";
                default -> "string";
            };
        }

        private void jsonValue(Object v) {
            if (v == null) {
                b.append("null");
            } else if (v instanceof RawJson raw) {
                b.append(raw.json());
            } else if (v instanceof Long l) {
                if (o.numbersAsStrings()) {
                    b.append('"').append(l).append('"');
                } else {
                    b.append(l);
                }
            } else {
                jsonString(b, v.toString());
            }
        }

        private static void csvCell(StringBuilder b, String s) {
            boolean quote = false;
            for (int i = 0; i < s.length() && !quote; i++) {
                char c = s.charAt(i);
                quote = c == ',' || c == '"' || c == '\n' || c == '\r';
            }
            if (!quote) {
                b.append(s);
                return;
            }
            b.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    b.append('"');
                }
                b.append(c);
            }
            b.append('"');
        }
    }
}
