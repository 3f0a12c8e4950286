package io.iothubtriage.evidence.azure;

import com.azure.monitor.query.models.LogsTable;
import com.azure.monitor.query.models.LogsTableCell;
import com.azure.monitor.query.models.LogsTableRow;
import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.ConnectionEvidence.CodeStats;
import io.iothubtriage.evidence.ConnectionEvidence.DeviceStats;
import io.iothubtriage.evidence.ConnectionEvidence.DimensionBreakdown;
import io.iothubtriage.evidence.ConnectionEvidence.FamilyStats;
import io.iothubtriage.evidence.ConnectionEvidence.MinuteBucket;
import io.iothubtriage.evidence.ConnectionEvidence.Noise;
import io.iothubtriage.evidence.ConnectionEvidence.ValueCount;
import io.iothubtriage.evidence.Dimension;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the sectioned result of connections-summary.kql (and the rows of connections-timeline.kql) into
 * {@link ConnectionEvidence}. The query already did the counting; this only sorts, bounds and types.
 */
final class ConnectionSummaryReader {

    private ConnectionSummaryReader() {
    }

    /**
     * @throws MalformedResponseException when the table is not the query's (no "section" column, no totals row,
     *                                    a value of the wrong type)
     */
    static ConnectionEvidence read(TimeWindow window, List<LogsTable> summaryTables, List<MinuteBucket> timeline) {
        if (summaryTables == null || summaryTables.isEmpty()) {
            // 204 No Content: the workspace holds no data at all, so no Connections rows either.
            return new ConnectionEvidence(window, 0, 0, Optional.empty(), 0, 0, List.of(), List.of(), Noise.none(),
                    allDimensions(Map.of()), List.of(), timeline);
        }
        LogsTable table = summaryTables.get(0);
        // azure-monitor-query 1.5.2 leaves LogsTable.getColumns() empty: look at the cells instead.
        if (table.getRows().stream().anyMatch(r -> r.getColumnValue("section").isEmpty())) {
            throw new MalformedResponseException("the summary table has no 'section' column");
        }
        Map<String, List<Row>> sections = new HashMap<>();
        for (LogsTableRow row : table.getRows()) {
            Row r = new Row(row);
            sections.computeIfAbsent(r.text("section"), k -> new ArrayList<>()).add(r);
        }
        List<Row> totalsRows = sections.getOrDefault("totals", List.of());
        if (totalsRows.size() != 1) {
            throw new MalformedResponseException("the summary has " + totalsRows.size() + " totals rows, expected 1");
        }
        Row totals = totalsRows.get(0);

        Map<String, Map<Dimension, DimensionBreakdown>> familyDimensions = breakdowns(
                sections.getOrDefault("familyDimension", List.of()), sections.getOrDefault("familyValue", List.of()),
                r -> r.text("family"));
        Map<Dimension, DimensionBreakdown> fleet = breakdowns(
                sections.getOrDefault("fleetDimension", List.of()), sections.getOrDefault("fleetValue", List.of()),
                r -> "").getOrDefault("", allDimensions(Map.of()));

        return new ConnectionEvidence(window, totals.count("analysisRows"), totals.count("baselineRows"),
                totals.instant("lastRowTime"), totals.integer("activeDevices"), totals.integer("disconnectedDevices"),
                codes(sections.getOrDefault("code", List.of())),
                families(sections.getOrDefault("family", List.of()), familyDimensions),
                noise(sections.getOrDefault("noise", List.of())), fleet,
                devices(sections.getOrDefault("device", List.of()), sections.getOrDefault("deviceCode", List.of())),
                timeline);
    }

    /** One bucket per minute of the window, oldest first; minutes the query returned no row for are zero. */
    static List<MinuteBucket> timeline(TimeWindow window, List<LogsTable> tables) {
        Map<Instant, MinuteBucket> byMinute = new HashMap<>();
        List<LogsTableRow> rows = tables == null || tables.isEmpty() ? List.of() : tables.get(0).getRows();
        for (LogsTableRow row : rows) {
            Row r = new Row(row);
            Instant minute = r.instant("minute")
                    .orElseThrow(() -> new MalformedResponseException("timeline row without a minute"))
                    .truncatedTo(ChronoUnit.MINUTES);
            byMinute.put(minute, new MinuteBucket(minute, r.integer("connects"), r.integer("disconnects"),
                    r.integer("errors")));
        }
        List<MinuteBucket> buckets = new ArrayList<>();
        for (Instant m = window.start().truncatedTo(ChronoUnit.MINUTES); m.isBefore(window.end()); m = m.plus(1, ChronoUnit.MINUTES)) {
            buckets.add(byMinute.getOrDefault(m, new MinuteBucket(m, 0, 0, 0)));
        }
        return buckets;
    }

    private static List<CodeStats> codes(List<Row> rows) {
        List<CodeStats> codes = new ArrayList<>();
        for (Row r : rows) {
            codes.add(new CodeStats(r.text("code"), r.text("description"), r.count("events"), r.integer("devices"),
                    r.count("noiseEvents"), r.count("onConnect"), r.count("baselineEvents"),
                    r.integer("baselineDevices"), r.instant("firstSeen"), r.instant("lastSeen")));
        }
        codes.sort(Comparator.comparingInt(CodeStats::devices).reversed()
                .thenComparing(Comparator.comparingLong(CodeStats::events).reversed())
                .thenComparing(CodeStats::code));
        return codes;
    }

    private static List<FamilyStats> families(List<Row> rows, Map<String, Map<Dimension, DimensionBreakdown>> dims) {
        List<FamilyStats> families = new ArrayList<>();
        for (Row r : rows) {
            String name = r.text("family");
            families.add(new FamilyStats(family(name), r.integer("devices"), r.integer("stillOffline"),
                    dims.getOrDefault(name, allDimensions(Map.of())), r.instant("firstSeen"), r.instant("lastSeen")));
        }
        families.sort(Comparator.comparingInt(FamilyStats::devices).reversed()
                .thenComparing(FamilyStats::family));
        return families;
    }

    private static Noise noise(List<Row> rows) {
        if (rows.isEmpty()) {
            return Noise.none();
        }
        Row r = rows.get(0);
        return new Noise(r.integer("sasRenewalDevices"), r.count("sasRenewalEvents"), r.integer("edgeOfDataDevices"),
                r.count("edgeOfDataEvents"), r.integer("sideEffectDuplicateDevices"));
    }

    private static List<DeviceStats> devices(List<Row> deviceRows, List<Row> codeRows) {
        Map<String, List<Row>> codesByDevice = new HashMap<>();
        for (Row r : codeRows) {
            codesByDevice.computeIfAbsent(r.text("deviceId"), k -> new ArrayList<>()).add(r);
        }
        List<DeviceStats> devices = new ArrayList<>();
        for (Row r : deviceRows) {
            String id = r.text("deviceId");
            List<String> codes = codesByDevice.getOrDefault(id, List.of()).stream()
                    .sorted(Comparator.comparingLong((Row c) -> c.count("rank")))
                    .map(c -> c.text("code"))
                    .limit(5)
                    .toList();
            devices.add(new DeviceStats(id, r.count("events"), codes, family(r.text("family"))));
        }
        devices.sort(Comparator.comparingLong(DeviceStats::events).reversed().thenComparing(DeviceStats::deviceId));
        return devices.size() > ConnectionEvidence.TOP_DEVICES ? devices.subList(0, ConnectionEvidence.TOP_DEVICES) : devices;
    }

    /** Groups dimension totals and top values by a key (the family, or "" for the fleet). */
    private static Map<String, Map<Dimension, DimensionBreakdown>> breakdowns(List<Row> totals, List<Row> values,
                                                                             java.util.function.Function<Row, String> key) {
        Map<String, Map<Dimension, List<ValueCount>>> tops = new HashMap<>();
        for (Row r : values) {
            Optional<Dimension> d = dimension(r.text("dimension"));
            d.ifPresent(dim -> tops.computeIfAbsent(key.apply(r), k -> new EnumMap<>(Dimension.class))
                    .computeIfAbsent(dim, k -> new ArrayList<>())
                    .add(new ValueCount(r.text("value"), r.integer("devices"))));
        }
        Map<String, Map<Dimension, DimensionBreakdown>> result = new LinkedHashMap<>();
        for (Row r : totals) {
            Optional<Dimension> d = dimension(r.text("dimension"));
            if (d.isEmpty()) {
                continue;
            }
            String k = key.apply(r);
            List<ValueCount> top = new ArrayList<>(tops.getOrDefault(k, Map.of()).getOrDefault(d.get(), List.of()));
            top.sort(Comparator.comparingInt(ValueCount::devices).reversed().thenComparing(ValueCount::value));
            if (top.size() > ConnectionEvidence.TOP_VALUES) {
                top = top.subList(0, ConnectionEvidence.TOP_VALUES);
            }
            result.computeIfAbsent(k, x -> new EnumMap<>(Dimension.class))
                    .put(d.get(), new DimensionBreakdown(r.integer("devices"), r.integer("distinctValues"), top));
        }
        result.replaceAll((k, v) -> allDimensions(v));
        return result;
    }

    /** Every dimension present: those without a known value are empty breakdowns. */
    private static Map<Dimension, DimensionBreakdown> allDimensions(Map<Dimension, DimensionBreakdown> known) {
        Map<Dimension, DimensionBreakdown> all = new EnumMap<>(Dimension.class);
        for (Dimension d : Dimension.values()) {
            all.put(d, known.getOrDefault(d, DimensionBreakdown.empty()));
        }
        return all;
    }

    private static Optional<Dimension> dimension(String wire) {
        for (Dimension d : Dimension.values()) {
            if (d.wire().equals(wire)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private static CauseFamily family(String name) {
        try {
            return CauseFamily.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new MalformedResponseException("unknown cause family '" + AzureFailures.shorten(name) + "'");
        }
    }

    /** Typed, null-tolerant access to one result row. */
    private static final class Row {
        private final LogsTableRow row;

        Row(LogsTableRow row) {
            this.row = row;
        }

        String text(String column) {
            return cell(column).map(LogsTableCell::getValueAsString).orElse("");
        }

        long count(String column) {
            try {
                Long value = cell(column).map(LogsTableCell::getValueAsLong).orElse(null);
                if (value == null || value < 0) {
                    if (value != null) {
                        throw new MalformedResponseException("negative " + column);
                    }
                    return 0;
                }
                return value;
            } catch (NumberFormatException | ClassCastException e) {
                throw new MalformedResponseException(column + " is not a number", e);
            }
        }

        int integer(String column) {
            return (int) Math.min(Integer.MAX_VALUE, count(column));
        }

        Optional<Instant> instant(String column) {
            try {
                return cell(column).map(LogsTableCell::getValueAsDateTime).map(OffsetDateTime::toInstant);
            } catch (RuntimeException e) {
                throw new MalformedResponseException(column + " is not a date-time", e);
            }
        }

        private Optional<LogsTableCell> cell(String column) {
            return row.getColumnValue(column).filter(c -> c.getValueAsString() != null);
        }
    }
}
