package io.iothubtriage.bench;

import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.evidence.ConnectionAggregator;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.simulation.FleetScenario;
import io.iothubtriage.simulation.Incident;
import io.iothubtriage.simulation.RowOrder;
import io.iothubtriage.simulation.Scenarios;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;

/**
 * Throughput of {@link ConnectionAggregator#accept} and of the fleet simulator. Not a unit test: run it on a quiet
 * machine and read the numbers.
 *
 * <pre>
 * mvn -q -o test-compile
 * java -cp target/classes:target/test-classes io.iothubtriage.bench.AggregatorThroughput          # full run
 * java -cp target/classes:target/test-classes io.iothubtriage.bench.AggregatorThroughput demo     # cold demo only
 * </pre>
 *
 * The full run first times the demo scenario cold (first thing in the JVM), then pushes the newest 1,000,000
 * simulated rows of a 10,000-device hub (newest first, like an export) through {@code accept} alone, with the rows
 * held in memory beforehand so that only the aggregator is timed: with the simulator's shared strings, with fresh
 * strings per row as a parser produces them (device id hashes not cached), and with a 12-hour analysis window so
 * that every row takes the analysis path. Then it times generating and aggregating the rows streamed, and reports the peak
 * heap of that streaming run (young-generation garbage included: the live set is what the aggregator retains, also
 * reported) and what the aggregator retains. CPU times are the benchmark thread's, so other load
 * on the machine distorts them less than wall-clock times.
 */
public final class AggregatorThroughput {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int ROWS = 1_000_000;

    public static void main(String[] args) {
        demoCold();
        if (args.length > 0 && args[0].equals("demo")) {
            return;
        }
        FleetScenario scenario = FleetScenario.builder().devices(10_000).seed(3)
                .renewalPeriod(Duration.ofMinutes(20)).churnPerHour(0.05).site("203.0.113.XXX", 0.2)
                .incident(Incident.siteOutage("203.0.113.XXX", 0.9)).build();
        TriageRequest request = scenario.request();
        acceptBenchmarks(scenario, request);
        System.gc();
        streamed(scenario, request);
    }

    /** Times accept alone over rows held in memory; the rows are garbage once this returns. */
    private static void acceptBenchmarks(FleetScenario scenario, TriageRequest request) {
        // the newest million rows, newest first, as an export hands them over
        ConnectionLogRow[] rows = new ConnectionLogRow[ROWS];
        int[] n = {0};
        scenario.rows(r -> {
            if (n[0] < ROWS) {
                rows[n[0]++] = r;
            }
        }, RowOrder.NEWEST_FIRST);
        if (n[0] < ROWS) {
            throw new IllegalStateException("the scenario produced only " + n[0] + " rows");
        }
        ConnectionLogRow[] fresh = freshCopies(rows);
        acceptOnly("accept, 35-min window + 24 h baseline, shared strings", request, rows);
        acceptOnly("accept, 35-min window + 24 h baseline, fresh strings", request, fresh);
        // every row through the analysis path: per-device buffers fill up and spill
        TimeWindow wide = new TimeWindow(scenario.window().end().minus(Duration.ofHours(12)), scenario.window().end());
        TriageRequest analysisHeavy = new TriageRequest(request.hub(), wide, wide.before(Duration.ofHours(12)),
                request.alert());
        acceptOnly("accept, 12 h window (all rows analysed), fresh strings", analysisHeavy, fresh);
    }

    /** The demo path of the CLI: build the demo scenario, stream 24 h + 35 min of rows through the aggregator. */
    private static void demoCold() {
        long wall = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        FleetScenario demo = Scenarios.demo();
        TriageRequest request = demo.request();
        ConnectionAggregator aggregator = new ConnectionAggregator(request);
        long[] count = {0};
        demo.rows(r -> {
            count[0]++;
            aggregator.accept(r);
        });
        ConnectionEvidence e = aggregator.finish();
        demo.health();
        System.out.printf("demo (cold JVM): %,d rows, generate + aggregate + metric + health in %.0f ms wall, %.0f ms "
                        + "CPU; %d devices attributed, %s%n", count[0], (System.nanoTime() - wall) / 1e6,
                (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6, e.affectedDevices(), e.families().get(0).family());
    }

    private static void acceptOnly(String label, TriageRequest request, ConnectionLogRow[] rows) {
        double[] cpuRates = new double[8];
        double[] wallRates = new double[8];
        ConnectionEvidence last = null;
        for (int i = 0; i < 3 + cpuRates.length; i++) {
            ConnectionAggregator a = new ConnectionAggregator(request);
            long wall = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            for (ConnectionLogRow r : rows) {
                a.accept(r);
            }
            long cpuNs = THREADS.getCurrentThreadCpuTime() - cpu;
            long wallNs = System.nanoTime() - wall;
            last = a.finish();
            if (i >= 3) {
                cpuRates[i - 3] = rows.length / (cpuNs / 1e9);
                wallRates[i - 3] = rows.length / (wallNs / 1e9);
            }
        }
        Arrays.sort(cpuRates);
        Arrays.sort(wallRates);
        System.out.printf("%s: %,d rows, median %,.0f rows/s CPU (best %,.0f), median %,.0f rows/s wall; "
                        + "%d active devices, %d attributed%n", label, rows.length, cpuRates[cpuRates.length / 2],
                cpuRates[cpuRates.length - 1], wallRates[wallRates.length / 2], last.activeDevices(),
                last.affectedDevices());
    }

    private static void streamed(FleetScenario scenario, TriageRequest request) {
        for (int i = 0; i < 2; i++) {
            scenario.rows(r -> { });
        }
        long[] count = {0};
        long wall = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        scenario.rows(r -> count[0]++);
        long generateCpu = THREADS.getCurrentThreadCpuTime() - cpu;
        System.out.printf("generate only: %,d rows at %,.0f rows/s CPU%n", count[0], count[0] / (generateCpu / 1e9));

        System.gc();
        long before = usedHeap();
        resetPeaks();
        ConnectionAggregator a = new ConnectionAggregator(request);
        wall = System.nanoTime();
        cpu = THREADS.getCurrentThreadCpuTime();
        scenario.rows(a);
        long cpuNs = THREADS.getCurrentThreadCpuTime() - cpu;
        long wallNs = System.nanoTime() - wall;
        ConnectionEvidence e = a.finish();
        long peak = peakHeap();
        System.gc();
        long retained = usedHeap() - before;
        System.out.printf("generate + aggregate, streamed: %,d rows at %,.0f rows/s CPU (%,.0f wall); peak heap "
                        + "%.1f MB; aggregator retains %.1f MB for %,d devices; %s on %d devices%n", count[0],
                count[0] / (cpuNs / 1e9), count[0] / (wallNs / 1e9), peak / 1048576.0, retained / 1048576.0,
                a.devicesSeen(), e.families().get(0).family(), e.families().get(0).devices());
    }

    /** The same rows with new String objects, as a JSON or CSV parser hands them over. */
    private static ConnectionLogRow[] freshCopies(ConnectionLogRow[] rows) {
        ConnectionLogRow[] out = new ConnectionLogRow[rows.length];
        for (int i = 0; i < rows.length; i++) {
            ConnectionLogRow r = rows[i];
            out[i] = new ConnectionLogRow(r.time(), new String(r.operationName()), new String(r.level()),
                    new String(r.resultType()), new String(r.resultDescription()), new String(r.deviceId()),
                    new String(r.protocol()), new String(r.authType()), new String(r.maskedIpAddress()),
                    new String(r.sdkVersion()), new String(r.statusCode()), new String(r.errorMessage()));
        }
        return out;
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
