package io.iothubtriage.bench;

import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.simulation.FleetScenario;
import io.iothubtriage.simulation.Incident;
import io.iothubtriage.simulation.RowOrder;
import io.iothubtriage.testing.ExportWriter;
import io.iothubtriage.testing.ExportWriter.Format;
import io.iothubtriage.testing.ExportWriter.Options;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Writes the export that {@code scripts/bench-duckdb.sh} times the CLI and DuckDB on: the newest N Connections rows
 * (newest first) of a simulated hub of D devices as the portal's CSV export writes them ({@code Options.realistic()}:
 * all 20 AzureDiagnostics columns, a Routes row after every 7th row, portal times, BOM, CRLF), then prints the
 * triage's hub, window and baseline as shell assignments for the script.
 *
 * <p>usage: {@code PeerComparisonExport FILE ROWS DEVICES}
 */
public final class PeerComparisonExport {

    private PeerComparisonExport() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long rows = Long.parseLong(args[1]);
        int devices = Integer.parseInt(args[2]);
        FleetScenario scenario = FleetScenario.builder().devices(devices).seed(3)
                .renewalPeriod(Duration.ofMinutes(20)).churnPerHour(0.05).site("203.0.113.XXX", 0.2)
                .incident(Incident.siteOutage("203.0.113.XXX", 0.9)).build();
        ExportWriter.Written written = ExportWriter.write(file, Format.PORTAL_CSV, sink -> {
            long[] n = {0};
            scenario.rows(r -> {
                if (n[0]++ < rows) {
                    sink.accept(r);
                }
            }, RowOrder.NEWEST_FIRST);
        }, Options.realistic());
        TriageRequest request = scenario.request();
        System.out.println("hub='" + request.hub().resourceId() + "'");
        System.out.println("from='" + request.window().start() + "'");
        System.out.println("to='" + request.window().end() + "'");
        System.out.println("baseline_from='" + request.baseline().start() + "'");
        System.out.println("connection_rows=" + written.connectionRows());
        System.out.println("other_rows=" + written.otherCategoryRows());
        System.out.println("bytes=" + written.bytes());
    }
}
