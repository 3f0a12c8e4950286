package io.iothubtriage.evidence.azure;

import com.azure.monitor.query.models.LogsTable;
import com.azure.monitor.query.models.LogsTableRow;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.ConnectionEvidence.BaselineStrip;
import io.iothubtriage.evidence.ConnectionEvidence.CodeStats;
import io.iothubtriage.evidence.ConnectionLogRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the live rows path adds to the aggregator's reading of the window's rows, so that the evidence equals the
 * one an export of the same rows gives: the baseline, which is counted server-side rather than fetched (a day of
 * rows is far over the row cap), and the devices' dimension values seen only in the baseline.
 */
final class RowsEvidence {

    private RowsEvidence() {
    }

    /**
     * Feeds the aggregator each device's latest baseline value of each dimension (connections-dimensions.kql), as
     * rows that carry that value and nothing else: no operation, no code, so they count for nothing but the
     * device's dimensions (their baseline row count is replaced by the counted one in {@link #withBaseline}).
     */
    static void feedDimensions(List<LogsTable> tables, Consumer<ConnectionLogRow> aggregator) {
        List<LogsTableRow> rows = tables == null || tables.isEmpty() ? List.of() : tables.get(0).getRows();
        for (LogsTableRow row : rows) {
            String device = LiveCounts.text(row, "deviceId");
            if (device.isEmpty()) {
                continue;
            }
            dimension(row, "maskedIpAddress").ifPresent(t -> aggregator.accept(
                    new ConnectionLogRow(t, "", "", "", "", device, "", "", LiveCounts.text(row, "maskedIpAddress"), "", "", "")));
            dimension(row, "protocol").ifPresent(t -> aggregator.accept(
                    new ConnectionLogRow(t, "", "", "", "", device, LiveCounts.text(row, "protocol"), "", "", "", "", "")));
            dimension(row, "authType").ifPresent(t -> aggregator.accept(
                    new ConnectionLogRow(t, "", "", "", "", device, "", LiveCounts.text(row, "authType"), "", "", "", "")));
            dimension(row, "sdkVersion").ifPresent(t -> aggregator.accept(
                    new ConnectionLogRow(t, "", "", "", "", device, "", "", "", LiveCounts.text(row, "sdkVersion"), "", "")));
        }
    }

    private static Optional<Instant> dimension(LogsTableRow row, String column) {
        return LiveCounts.text(row, column).isEmpty() ? Optional.empty() : LiveCounts.instant(row, column + "Time");
    }

    /**
     * The aggregator's evidence with the counted baseline: baseline rows, each code's baseline events, devices and
     * description, and the edge of the data when the window itself had no row. The baseline is counted, not judged:
     * its rows are not fetched, so the renewal rule never saw them (no {@code baselineNoiseEvents}; the diagnosis
     * estimates the baseline's renewals, docs/live-evidence.md).
     */
    static ConnectionEvidence withBaseline(ConnectionEvidence e, LiveCounts counts) {
        List<CodeStats> codes = new ArrayList<>(e.codes().size());
        for (CodeStats c : e.codes()) {
            LiveCounts.BaselineCode b = counts.baselineCodes().get(c.code());
            codes.add(new CodeStats(c.code(),
                    b == null ? c.description() : LiveCounts.smaller(c.description(), b.description()),
                    c.events(), c.devices(), c.noiseEvents(), c.onConnect(), b == null ? 0 : b.events(),
                    b == null ? 0 : b.devices(), c.firstSeen(), c.lastSeen()));
        }
        Optional<Instant> last = e.lastRowTime();
        if (counts.baselineNewest().isPresent()
                && (last.isEmpty() || counts.baselineNewest().get().isAfter(last.get()))) {
            last = counts.baselineNewest();
        }
        // The rows fetched are the window's, so the aggregator's baseline strip is empty; the counts query sums the
        // baseline per code, not per bucket. Say "no strip" rather than draw a flat line of zeros.
        return new ConnectionEvidence(e.window(), e.analysisRows(), counts.baselineRows(), last, e.activeDevices(),
                e.disconnectedDevices(), codes, e.families(), e.noise(), e.fleet(), e.topDevices(), e.timeline(),
                e.cleanDisconnectDevices(), e.inputs(), BaselineStrip.none(), e.newestIngested());
    }
}
