package io.iothubtriage.bench;

import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.evidence.ConnectionAggregator;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.ConnectionLogReader;
import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.evidence.HubMatcher;
import io.iothubtriage.evidence.ReadStats;
import io.iothubtriage.evidence.RowIntake;
import io.iothubtriage.simulation.FleetScenario;
import io.iothubtriage.simulation.Incident;
import io.iothubtriage.simulation.RowOrder;
import io.iothubtriage.testing.ExportWriter;
import io.iothubtriage.testing.ExportWriter.Format;
import io.iothubtriage.testing.ExportWriter.Options;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Offline ingest end to end, as {@code iothub-triage triage --logs FILE} does it: {@link ConnectionLogReader#read}
 * into a {@link ConnectionAggregator}, then {@link ConnectionAggregator#finish()}, timed per export format on a
 * generated 1,000,000-row export, with the peak heap of each run. Targets: at least 200,000 rows/s (median run) and
 * a peak heap of at most 256 MB, run with {@code -Xmx256m} ({@code scripts/bench-aggregate.sh}).
 *
 * <p>The export: the newest 1,000,000 {@code Connections} rows (newest first, as a query ordered by
 * {@code TimeGenerated desc} returns them) of a simulated 10,000-device hub with SAS-token renewals every 20 minutes,
 * churn, and a site outage that takes 90 % of one site's devices (20 % of the fleet) down during the analysis window;
 * they span the 35-minute analysis window and the newest ~20 hours of the 24-hour baseline, so every row takes part in
 * the aggregation (checked: none is ignored). The writer adds what real exports carry: every AzureDiagnostics column,
 * numbers as strings, a Routes row after every 7th row (read and skipped, not counted in rows/s), an extra text column
 * with quoted commas, doubled quotes and line breaks on every third row, 100-ns times in the JSON formats (as Log
 * Analytics stores them), and in the CSV a byte-order mark, CRLF and the portal's {@code 11/26/2026, 10:41:02.123 AM}
 * times. Files are written to a temporary directory and flushed to disk before the timing (so reads do not compete
 * with write-back; the file is then in the page cache, as a file exported a moment ago usually is), and deleted
 * afterwards.
 *
 * <p>Each format runs in a JVM of its own started with this JVM's options (so {@code -Xmx256m} and the serial GC of
 * the CLI launcher apply), as the CLI reads one export per process: run 1 is a cold run (classes loaded, nothing
 * compiled yet), like {@code iothub-triage triage --logs FILE}; later runs show the steady state.
 * Each run reads the file from the start with a fresh aggregator; the evidence of every run must equal the
 * evidence of the same rows aggregated directly (while writing), so a fast but wrong reader cannot pass. Throughput
 * counts Connections rows only, over wall time. <b>Peak heap</b> is measured with the heap memory pools' peak usage
 * ({@link MemoryPoolMXBean#getPeakUsage()}), reset after a full GC before each run and summed over the pools after
 * it: an upper bound of the true peak, since the pools (eden, survivor, old) need not peak at the same moment.
 *
 * <pre>
 * scripts/bench-aggregate.sh [--runs N] [--rows N] [--formats la,cli,csv] [--keep DIR]
 * </pre>
 * {@code --keep DIR} writes the files into DIR and keeps them (for timing the CLI on them; the command is printed).
 * Exit code 1 when a target is missed.
 */
public final class ExportAggregationBenchmark {

    static final double TARGET_ROWS_PER_SECOND = 200_000;
    static final long TARGET_PEAK_HEAP_BYTES = 256L << 20;
    private static final int DEVICES = 10_000;

    private ExportAggregationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Settings s = Settings.parse(args);
        if (s.resultFile != null) {
            // a child: one format in this JVM, the result written for the parent
            Result r = measureInThisJvm(s, s.formats.get(0));
            Files.writeString(s.resultFile, r.serialized());
            return;
        }
        printSetup(s);
        List<Result> results = new ArrayList<>();
        for (Format format : s.formats) {
            results.add(measureInChildJvm(s, format));
        }

        System.out.println();
        System.out.printf("%-24s %6s %12s %12s %12s %12s %10s %7s%n", "format", "MB", "best rows/s", "median rows/s",
                "worst rows/s", "first run", "peak heap", "result");
        boolean allPass = true;
        for (Result r : results) {
            System.out.printf("%-24s %6.0f %,12.0f %,12.0f %,12.0f %,12.0f %7.1f MB %7s%n", r.format, r.bytes / 1e6,
                    r.best(), r.median(), r.worst(), r.rates[0], r.peakHeap / 1048576.0, r.pass() ? "PASS" : "FAIL");
            allPass &= r.pass();
        }
        System.out.printf("targets: median >= %,.0f rows/s and peak heap <= %d MB; load average now %s%n",
                TARGET_ROWS_PER_SECOND, TARGET_PEAK_HEAP_BYTES >> 20, loadAverage());
        System.out.println(allPass ? "PASS" : "FAIL");
        System.exit(allPass ? 0 : 1);
    }

    /**
     * Each format runs in a JVM of its own, with this JVM's options (heap, GC), as the CLI reads one file per
     * process: the formats do not share compiled code or a heap, and the first run is a cold one.
     */
    private static Result measureInChildJvm(Settings s, Format format) throws Exception {
        Path resultFile = Files.createTempFile("export-aggregation", ".result");
        try {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    ExportAggregationBenchmark.class.getName(), "--formats", format.name(), "--rows",
                    Long.toString(s.rows), "--runs", Integer.toString(s.runs), "--result-file", resultFile.toString()));
            if (s.keep != null) {
                command.addAll(List.of("--keep", s.keep.toString()));
            }
            int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException(format + ": the benchmark JVM failed (exit code " + exit + ")");
            }
            return Result.parse(Files.readString(resultFile));
        } finally {
            Files.deleteIfExists(resultFile);
        }
    }

    private static Result measureInThisJvm(Settings s, Format format) throws Exception {
        FleetScenario scenario = FleetScenario.builder().devices(DEVICES).seed(3)
                .renewalPeriod(Duration.ofMinutes(20)).churnPerHour(0.05).site("203.0.113.XXX", 0.2)
                .incident(Incident.siteOutage("203.0.113.XXX", 0.9)).build();
        Path dir = s.keep != null ? Files.createDirectories(s.keep) : Files.createTempDirectory("export-aggregation");
        try {
            return measure(s, format, scenario, scenario.request(), dir);
        } finally {
            if (s.keep == null) {
                Files.deleteIfExists(dir);
            }
        }
    }

    private static Result measure(Settings s, Format format, FleetScenario scenario, TriageRequest request, Path dir)
            throws Exception {
        Path file = dir.resolve("connections-" + format.name().toLowerCase(Locale.ROOT)
                + (format == Format.PORTAL_CSV ? ".csv" : ".json"));
        Options options = Options.realistic().multilineCells(true);
        boolean subMillisecondTimes = format != Format.PORTAL_CSV; // the portal shows milliseconds
        ConnectionAggregator direct = new ConnectionAggregator(request);
        long w0 = System.nanoTime();
        ExportWriter.Written written = ExportWriter.write(file, format, sink -> {
            long[] n = {0};
            scenario.rows(r -> {
                if (n[0] < s.rows) {
                    ConnectionLogRow row = subMillisecondTimes ? withTicks(r, n[0]) : r;
                    n[0]++;
                    sink.accept(row);
                    direct.accept(row);
                }
            }, RowOrder.NEWEST_FIRST);
        }, options);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true); // on disk before the timing, as an export is: no write-back competing with the reads
        }
        ConnectionEvidence expected = direct.finish();
        if (written.connectionRows() != s.rows) {
            throw new IllegalStateException("the scenario produced only " + written.connectionRows() + " rows");
        }
        if (direct.ignoredRows() != 0) {
            throw new IllegalStateException(direct.ignoredRows() + " rows fall outside the request's windows");
        }
        System.out.printf("%n%s: %s, %,d + %,d other-category rows, %.0f MB (%d B/row), written in %.1f s%n",
                format, file.getFileName(), written.connectionRows(), written.otherCategoryRows(),
                written.bytes() / 1e6, written.bytes() / (written.connectionRows() + written.otherCategoryRows()),
                (System.nanoTime() - w0) / 1e9);
        System.out.printf("  window %s .. %s, baseline from %s%n", request.window().start(), request.window().end(),
                request.baseline().start());
        System.out.printf("  evidence: %,d analysis + %,d baseline rows, %,d devices active, %,d attributed (%s %,d),"
                        + " %,d SAS renewals set aside%n", expected.analysisRows(), expected.baselineRows(),
                expected.activeDevices(), expected.affectedDevices(), expected.families().get(0).family(),
                expected.families().get(0).devices(), expected.noise().sasRenewalEvents());

        double[] rates = new double[s.runs];
        long peakHeap = 0;
        for (int run = 0; run < s.runs; run++) {
            System.gc();
            resetPeaks();
            long gcBefore = gcMillis();
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            ConnectionAggregator aggregator = new ConnectionAggregator(request);
            // as the CLI reads: the hub's rows only, each once (the rows name the scenario's hub)
            RowIntake intake = new RowIntake(HubMatcher.of(request.hub()), request.window(), aggregator);
            ReadStats stats = ConnectionLogReader.read(file, intake);
            ConnectionEvidence evidence = aggregator.finish();
            long nanos = System.nanoTime() - t0;
            long cpu = processCpuNanos() - cpu0;
            long peak = peakHeap();
            long gc = gcMillis() - gcBefore;
            if (intake.used() != s.rows || stats.skippedOtherCategories() != written.otherCategoryRows()) {
                throw new AssertionError(format + ": read " + stats.accepted() + " rows and skipped "
                        + stats.skippedOtherCategories() + "; wrote " + s.rows + " and "
                        + written.otherCategoryRows());
            }
            if (!evidence.equals(expected)) {
                throw new AssertionError(format + ": the evidence read from the file differs from the evidence of "
                        + "the rows written");
            }
            rates[run] = s.rows / (nanos / 1e9);
            peakHeap = Math.max(peakHeap, peak);
            System.out.printf("  run %d: %6.2f s  %,9.0f rows/s  (%,9.0f per CPU s, %4.2f CPU s per s)  GC %4d ms"
                            + "  peak heap %5.1f MB  load %s%n", run + 1, nanos / 1e9, rates[run], s.rows / (cpu / 1e9),
                    (double) cpu / nanos, gc, peak / 1048576.0, loadAverage());
        }
        System.gc();
        if (s.keep == null) {
            Files.delete(file);
        } else {
            System.out.printf("  kept; CLI: ./iothub-triage triage --hub %s --from %s --to %s --logs %s --format json%n",
                    request.hub(), request.window().start(), request.window().end(), file.toAbsolutePath());
        }
        Result result = new Result(format, written.bytes(), rates, peakHeap);
        System.out.printf("  best %,.0f rows/s, median %,.0f, worst %,.0f; peak heap %.1f MB -> %s%n", result.best(),
                result.median(), result.worst(), peakHeap / 1048576.0, result.pass() ? "PASS" : "FAIL");
        return result;
    }

    /**
     * The row with a sub-millisecond part of the 100-ns ticks Log Analytics keeps (7 fraction digits on most rows);
     * the millisecond, all the aggregator keeps, is unchanged.
     */
    private static ConnectionLogRow withTicks(ConnectionLogRow r, long k) {
        long ticks = (k * 7_919) % 10_000;
        Instant time = r.time().plusNanos(ticks * 100);
        return new ConnectionLogRow(time, r.operationName(), r.level(), r.resultType(), r.resultDescription(),
                r.deviceId(), r.protocol(), r.authType(), r.maskedIpAddress(), r.sdkVersion(), r.statusCode(),
                r.errorMessage());
    }

    private static void printSetup(Settings s) {
        Runtime rt = Runtime.getRuntime();
        String gcs = ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
        System.out.printf("Offline ingest: read + aggregate + finish, %,d Connections rows per format, %,d devices,"
                + " newest first; %d runs per format, each format in a JVM of its own%n", s.rows, DEVICES, s.runs);
        System.out.printf("java %s (%s), %d cores, max heap %d MB, GC %s, JVM options %s%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"), rt.availableProcessors(),
                rt.maxMemory() >> 20, gcs, ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.printf("load average at start %s; peak heap = sum of the heap pools' peak usage per run"
                + " (MemoryPoolMXBean, reset before each run)%n", loadAverage());
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

    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            double avg = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return avg < 0 ? "n/a" : String.format("%.2f", avg);
        }
    }

    private record Result(Format format, long bytes, double[] rates, long peakHeap) {
        String serialized() {
            return format + " " + bytes + " " + peakHeap + " " + Arrays.stream(rates).mapToObj(Double::toString)
                    .collect(Collectors.joining(","));
        }

        static Result parse(String line) {
            String[] parts = line.trim().split(" ");
            return new Result(Format.valueOf(parts[0]), Long.parseLong(parts[1]),
                    Arrays.stream(parts[3].split(",")).mapToDouble(Double::parseDouble).toArray(),
                    Long.parseLong(parts[2]));
        }

        double best() {
            return Arrays.stream(rates).max().orElse(0);
        }

        double worst() {
            return Arrays.stream(rates).min().orElse(0);
        }

        double median() {
            double[] sorted = rates.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }

        boolean pass() {
            return median() >= TARGET_ROWS_PER_SECOND && peakHeap <= TARGET_PEAK_HEAP_BYTES;
        }
    }

    private record Settings(long rows, int runs, List<Format> formats, Path keep, Path resultFile) {
        static Settings parse(String[] args) {
            long rows = 1_000_000;
            int runs = 5;
            List<Format> formats = List.of(Format.LOG_ANALYTICS_RESPONSE, Format.CLI_JSON_ARRAY, Format.PORTAL_CSV);
            Path keep = null;
            Path resultFile = null;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--rows" -> rows = Long.parseLong(value.replace("_", "").replace(",", ""));
                    case "--runs" -> runs = Integer.parseInt(value);
                    case "--formats" -> formats = Arrays.stream(value.split(",")).map(Settings::format).toList();
                    case "--keep" -> keep = Path.of(value);
                    case "--result-file" -> resultFile = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (use --rows N, --runs N, --formats la,cli,csv, --keep DIR)");
                }
                i++;
            }
            if (runs < 1 || rows < 1) {
                throw new IllegalArgumentException("--rows and --runs must be positive");
            }
            return new Settings(rows, runs, formats, keep, resultFile);
        }

        private static Format format(String name) {
            return switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "la", "log-analytics" -> Format.LOG_ANALYTICS_RESPONSE;
                case "cli", "cli-json" -> Format.CLI_JSON_ARRAY;
                case "csv", "portal-csv", "portal_csv" -> Format.PORTAL_CSV;
                case "log_analytics_response" -> Format.LOG_ANALYTICS_RESPONSE;
                case "cli_json_array" -> Format.CLI_JSON_ARRAY;
                default -> throw new IllegalArgumentException("unknown format " + name + " (la, cli, csv)");
            };
        }
    }
}
