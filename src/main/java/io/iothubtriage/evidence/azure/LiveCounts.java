package io.iothubtriage.evidence.azure;

import com.azure.monitor.query.models.LogsTable;
import com.azure.monitor.query.models.LogsTableCell;
import com.azure.monitor.query.models.LogsTableRow;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of connections-counts.kql: how many rows the hub has per period (baseline, window, after the window)
 * and per result code, and how fresh they are.
 *
 * @param baselineRows    baseline rows with a deviceId (the aggregator's baselineRows)
 * @param baselineNewest  the newest baseline row with a deviceId
 * @param fetchableRows   rows of the window and after it, with or without a deviceId: what the row query returns
 * @param baselineCodes   per result code, its baseline error rows, devices and description
 * @param newestRow       the newest row of any period
 * @param newestIngested  when the newest data of the hub reached the workspace
 */
record LiveCounts(long baselineRows, Optional<Instant> baselineNewest, long fetchableRows,
                  Map<String, BaselineCode> baselineCodes, Optional<Instant> newestRow,
                  Optional<Instant> newestIngested) {

    /** One result code in the baseline: error rows, distinct devices, the smallest non-empty description. */
    record BaselineCode(long events, int devices, String description) {
    }

    static LiveCounts read(List<LogsTable> tables) {
        long baselineRows = 0;
        long fetchable = 0;
        Instant baselineNewest = null;
        Instant newest = null;
        Instant ingested = null;
        Map<String, BaselineCode> codes = new HashMap<>();
        List<LogsTableRow> rows = tables == null || tables.isEmpty() ? List.of() : tables.get(0).getRows();
        for (LogsTableRow row : rows) {
            String period = text(row, "period");
            long withDevice = count(row, "rows");
            newest = later(newest, instant(row, "newestAnyRow"));
            ingested = later(ingested, instant(row, "newestIngested"));
            switch (period) {
                case "baseline" -> {
                    baselineRows += withDevice;
                    baselineNewest = later(baselineNewest, instant(row, "newest"));
                    if (bool(row, "isError") && withDevice > 0) {
                        codes.merge(text(row, "code"), new BaselineCode(withDevice, (int) Math.min(Integer.MAX_VALUE,
                                count(row, "devices")), text(row, "description")), (a, b) -> new BaselineCode(
                                a.events + b.events, a.devices + b.devices, smaller(a.description, b.description)));
                    }
                }
                case "window", "after" -> fetchable += count(row, "allRows");
                default -> throw new MalformedResponseException("unknown period '" + AzureFailures.shorten(period) + "'");
            }
        }
        return new LiveCounts(baselineRows, Optional.ofNullable(baselineNewest), fetchable, Map.copyOf(codes),
                Optional.ofNullable(newest), Optional.ofNullable(ingested));
    }

    /** The smaller non-empty text (the aggregator keeps the smallest description, whatever the row order). */
    static String smaller(String a, String b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Instant later(Instant a, Optional<Instant> b) {
        if (b.isEmpty()) {
            return a;
        }
        return a == null || b.get().isAfter(a) ? b.get() : a;
    }

    static String text(LogsTableRow row, String column) {
        return cell(row, column).map(LogsTableCell::getValueAsString).orElse("");
    }

    static long count(LogsTableRow row, String column) {
        try {
            Long value = cell(row, column).map(LogsTableCell::getValueAsLong).orElse(0L);
            if (value < 0) {
                throw new MalformedResponseException("negative " + column);
            }
            return value;
        } catch (NumberFormatException | ClassCastException e) {
            throw new MalformedResponseException(column + " is not a number", e);
        }
    }

    static boolean bool(LogsTableRow row, String column) {
        return cell(row, column).map(c -> Boolean.parseBoolean(c.getValueAsString())).orElse(false);
    }

    static Optional<Instant> instant(LogsTableRow row, String column) {
        try {
            return cell(row, column).map(LogsTableCell::getValueAsDateTime).map(OffsetDateTime::toInstant);
        } catch (RuntimeException e) {
            throw new MalformedResponseException(column + " is not a date-time", e);
        }
    }

    private static Optional<LogsTableCell> cell(LogsTableRow row, String column) {
        return row.getColumnValue(column).filter(c -> c.getValueAsString() != null && !c.getValueAsString().isEmpty());
    }
}
