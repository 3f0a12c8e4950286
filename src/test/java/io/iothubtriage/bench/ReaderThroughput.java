package io.iothubtriage.bench;

import io.iothubtriage.evidence.ConnectionLogReader;
import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.evidence.ReadStats;
import io.iothubtriage.testing.ExportWriter;
import io.iothubtriage.testing.ExportWriter.Format;
import io.iothubtriage.testing.ExportWriter.Options;
import io.iothubtriage.testing.SyntheticRows;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reading throughput of {@link ConnectionLogReader} per export format: writes N realistic rows (every
 * AzureDiagnostics column, a Routes row after every 7th, BOM, portal times in the CSV) per format to a temporary
 * directory, reads each file several times, and prints rows/s of the best and the median run. Reading only: the
 * sink just touches each row. "cpu" counts the CPU time of the whole process: files of 1 MB or more are parsed on a
 * second thread (see {@link ConnectionLogReader#read}), so the calling thread's time alone would flatter it.
 *
 * <pre>
 * mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.iothubtriage.bench.ReaderThroughput [rows] [runs]
 * </pre>
 */
public final class ReaderThroughput {


    private ReaderThroughput() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("reader-throughput");
        try {
            System.out.printf("%,d rows per format, %d runs each, %d cores, java %s%n", rows, runs,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.println("wall = elapsed time (shared machine: other processes slow it down);"
                    + " cpu = rows per second of the process's CPU time (all threads)");
            System.out.printf("%-24s %8s %6s %13s %13s %13s %9s%n", "format", "MB", "B/row", "wall best",
                    "wall median", "cpu best", "cpu MB/s");
            for (Format format : Format.values()) {
                Path file = dir.resolve(format.name().toLowerCase() + ".export");
                ExportWriter.Written written = ExportWriter.write(file, format,
                        SyntheticRows.rows(SyntheticRows.Spec.of(rows)), Options.realistic());
                double mb = written.bytes() / 1e6;
                double[] rates = new double[runs];
                double[] cpuRates = new double[runs];
                Sink sink = new Sink();
                for (int run = 0; run < runs; run++) {
                    long c0 = processCpuNanos();
                    long t0 = System.nanoTime();
                    ReadStats stats = ConnectionLogReader.read(file, sink);
                    long nanos = System.nanoTime() - t0;
                    long cpuNanos = processCpuNanos() - c0;
                    if (stats.accepted() != written.connectionRows()) {
                        throw new AssertionError(format + ": read " + stats.accepted() + " of "
                                + written.connectionRows());
                    }
                    rates[run] = stats.accepted() / (nanos / 1e9);
                    cpuRates[run] = stats.accepted() / (cpuNanos / 1e9);
                }
                double[] sorted = rates.clone();
                Arrays.sort(sorted);
                double best = sorted[sorted.length - 1];
                double median = sorted[sorted.length / 2];
                double cpuBest = Arrays.stream(cpuRates).max().orElse(0);
                System.out.printf("%-24s %8.1f %6d %,13.0f %,13.0f %,13.0f %9.0f%n", format, mb,
                        written.bytes() / (written.connectionRows() + written.otherCategoryRows()), best, median,
                        cpuBest, cpuBest * mb / written.connectionRows());
                if (sink.checksum == 42) {
                    System.out.println(); // keeps the sink's work observable
                }
                Files.delete(file);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Touches every row so the work cannot be optimised away. */
    private static final class Sink implements Consumer<ConnectionLogRow> {
        long checksum;

        @Override
        public void accept(ConnectionLogRow row) {
            checksum += row.time().getNano() + row.deviceId().length() + row.resultType().length();
        }
    }
}
