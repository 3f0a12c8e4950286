package io.iothubtriage.bench;

import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.evidence.ConnectionAggregator;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.evidence.HubMatcher;
import io.iothubtriage.evidence.RowIntake;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How much heap a fleet of many distinct devices needs: streams rows of N distinct devices (default 1,000,000)
 * through the CLI's path (a de-duplicating {@link RowIntake}, then the aggregator), then prints the heap retained
 * after a full GC and the bytes per device. Per device: a renewal error (404104) and a reconnect in the baseline
 * window; one device in five also fails (401003 on connect) in the analysis window and reconnects 30 s later, which
 * the renewal rule sets aside as a token renewal (printed as {@code renewals}, not {@code affected}): 2.4 rows per
 * device, the row fingerprints included. Run it with the CLI's heap to check the bound:
 * {@code java -Xmx256m -XX:+UseSerialGC -cp ... io.iothubtriage.bench.DistinctDevicesProbe 1000000}; it fails with
 * {@code OutOfMemoryError} when the state does not fit. Public API only, so it runs against an older build's
 * classes too.
 */
public final class DistinctDevicesProbe {

    private DistinctDevicesProbe() {
    }

    public static void main(String[] args) {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        HubId hub = HubId.parse("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
                + "/providers/Microsoft.Devices/IotHubs/probe-hub");
        Instant start = Instant.parse("2026-01-15T10:00:00Z");
        TimeWindow window = new TimeWindow(start, start.plus(Duration.ofMinutes(35)));
        TriageRequest request = new TriageRequest(hub, window, window.before(Duration.ofHours(24)), Optional.empty());
        long before = usedAfterGc();
        long t0 = System.nanoTime();
        ConnectionAggregator aggregator = new ConnectionAggregator(request);
        RowIntake intake = new RowIntake(HubMatcher.of(hub), window, aggregator);
        long rows = feed(intake, devices, start);
        long retained = usedAfterGc() - before;
        ConnectionEvidence e = aggregator.finish();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("devices=%d rows=%d retained=%d MB bytes/device=%d affected=%d renewals=%d seconds=%.1f"
                        + " max-heap=%d MB%n", aggregator.devicesSeen(), rows, retained >> 20,
                retained / Math.max(1, devices), e.affectedDevices(), e.noise().sasRenewalDevices(), seconds,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    /**
     * Feeds the rows of {@code devices} distinct devices for an analysis window starting at {@code windowStart} (35
     * minutes, baseline the 24 hours before); returns how many rows.
     */
    public static long feed(Consumer<ConnectionLogRow> sink, int devices, Instant windowStart) {
        long rows = 0;
        for (int d = 0; d < devices; d++) {
            String id = "probe-device-" + d;
            String ip = "10." + (d % 250) + ".0.XXX";
            Instant base = windowStart.minusSeconds(3_600 + (d % 80_000));
            sink.accept(new ConnectionLogRow(base, "deviceDisconnect", "Error", "404104",
                    "DeviceConnectionClosedRemotely", id, "Mqtt", "device/sas", ip, "", "404", ""));
            sink.accept(new ConnectionLogRow(base.plusMillis(900), "deviceConnect", "Information", "", "", id,
                    "Mqtt", "device/sas", ip, "azure-iot-device/1.18." + (d % 7), "", ""));
            rows += 2;
            if (d % 5 == 0) {
                Instant t = windowStart.plusMillis(60_000L + d % 1_800_000);
                sink.accept(new ConnectionLogRow(t, "deviceConnect", "Error", "401003",
                        "IotHubUnauthorized", id, "Mqtt", "device/sas", ip, "", "401", ""));
                sink.accept(new ConnectionLogRow(t.plusSeconds(30), "deviceConnect", "Information", "", "", id,
                        "Mqtt", "device/sas", ip, "azure-iot-device/1.18." + (d % 7), "", ""));
                rows += 2;
            }
        }
        return rows;
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
