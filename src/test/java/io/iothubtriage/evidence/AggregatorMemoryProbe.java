package io.iothubtriage.evidence;

import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.bench.DistinctDevicesProbe;
import io.iothubtriage.simulation.FleetScenario;
import io.iothubtriage.simulation.Incident;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;

/**
 * Run in its own small-heap JVM by {@link AggregatorMemoryBoundTest}: streams a million rows over 10,000 devices
 * through the aggregator and prints what the aggregator retains. Two workloads:
 * <ul>
 *   <li>{@code simulated}: a 10,000-device hub with 20-minute SAS renewals over 24 h and a site outage (devices
 *       that never renew nor churn write no row, so fewer than 10,000 are seen);</li>
 *   <li>{@code worst}: every device fills its timestamp buffer to just under the cap in the analysis window, then
 *       the rest of its rows go to the baseline: the largest state the aggregator can hold for 10,000 devices.</li>
 * </ul>
 * and {@code distinct}: 200,000 distinct devices, 2.4 rows each, through a de-duplicating {@link RowIntake} (the
 * fingerprints count too). Output lines: {@code <workload> rows=<n> devices=<n> retained=<bytes>}.
 */
public final class AggregatorMemoryProbe {

    public static void main(String[] args) {
        simulated();
        worst();
        distinct();
    }

    /** 200,000 distinct devices through the CLI's path (de-duplicating intake, fingerprints included). */
    private static void distinct() {
        TriageRequest request = Rows.request("10:00:00", "10:35:00");
        long before = usedAfterGc();
        ConnectionAggregator a = new ConnectionAggregator(request);
        RowIntake intake = new RowIntake(HubMatcher.of(Rows.HUB), request.window(), a);
        long rows = DistinctDevicesProbe.feed(intake, 200_000, request.window().start());
        long retained = usedAfterGc() - before;
        a.finish();
        System.out.println("distinct rows=" + rows + " devices=" + a.devicesSeen() + " retained=" + retained);
    }

    private static void simulated() {
        FleetScenario s = FleetScenario.builder().devices(10_000).seed(3).renewalPeriod(Duration.ofMinutes(20))
                .churnPerHour(0.05)
                .site("203.0.113.XXX", 0.2).incident(Incident.siteOutage("203.0.113.XXX", 0.9)).build();
        TriageRequest request = s.request();
        long before = usedAfterGc();
        ConnectionAggregator a = new ConnectionAggregator(request);
        long[] rows = {0};
        s.rows(r -> {
            rows[0]++;
            a.accept(r);
        });
        long retained = usedAfterGc() - before;
        ConnectionEvidence e = a.finish();
        System.out.println("simulated rows=" + rows[0] + " devices=" + a.devicesSeen() + " retained=" + retained
                + " affected=" + e.affectedDevices());
    }

    private static void worst() {
        Instant start = Instant.parse("2026-01-15T10:00:00Z");
        TriageRequest request = Rows.request("10:00:00", "10:35:00");
        long before = usedAfterGc();
        ConnectionAggregator a = new ConnectionAggregator(request);
        int devices = 10_000;
        int perDevice = 100;
        int inWindow = NoiseRules.DEFAULT_DEVICE_BUFFER_CAP - 1;
        long rows = 0;
        String[] ids = new String[devices];
        for (int d = 0; d < devices; d++) {
            ids[d] = "device-" + d;
        }
        for (int k = 0; k < perDevice; k++) {
            for (int d = 0; d < devices; d++) {
                Instant t = k < inWindow ? start.plusMillis(k * 30_000L + d) : start.minusSeconds(60L * k + d);
                boolean error = k % 3 != 2;
                ConnectionLogRow row = error
                        ? new ConnectionLogRow(t, "deviceDisconnect", "Error", k % 2 == 0 ? "404104" : "401003",
                        "DeviceConnectionClosedRemotely", ids[d], "Mqtt", "device/sas", "10." + (d % 250) + ".0.XXX",
                        "", "404", "")
                        : new ConnectionLogRow(t, "deviceConnect", "Information", "", "", ids[d], "Mqtt",
                        "device/sas", "10." + (d % 250) + ".0.XXX", "azure-iot-device/1.18." + (d % 7), "", "");
                a.accept(row);
                rows++;
            }
        }
        long retained = usedAfterGc() - before;
        ConnectionEvidence e = a.finish();
        System.out.println("worst rows=" + rows + " devices=" + a.devicesSeen() + " retained=" + retained
                + " affected=" + e.affectedDevices());
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
