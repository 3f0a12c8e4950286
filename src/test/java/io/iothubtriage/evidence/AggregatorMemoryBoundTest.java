package io.iothubtriage.evidence;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Memory stays bounded by devices, not rows: a million rows over 10,000 devices go through the aggregator in a JVM
 * whose whole heap is 64 MB (the rows themselves would take several hundred MB), and what the aggregator retains
 * stays under 24 MB even when every device fills its timestamp buffer.
 */
class AggregatorMemoryBoundTest {

    private static final long LIMIT_BYTES = 24L * 1024 * 1024;
    private static String probeOutput;

    @Test
    void aMillionRowsOverTenThousandDevicesFitASmallHeap() throws IOException, InterruptedException {
        String out = runProbe();
        Map<String, long[]> lines = Map.of("simulated", parse(out, "simulated"), "worst", parse(out, "worst"));
        lines.forEach((workload, v) -> {
            assertThat(v[0]).as(workload + " rows").isGreaterThanOrEqualTo(1_000_000);
            assertThat(v[1]).as(workload + " devices").isBetween(9_000L, 10_000L);
            assertThat(v[2]).as(workload + " retained bytes").isLessThan(LIMIT_BYTES);
        });
    }

    @Test
    void aFleetOfDistinctDevicesCostsUnder220BytesADevice() throws IOException, InterruptedException {
        String out = runProbe();
        long[] v = parse(out, "distinct");
        assertThat(v[1]).as("devices").isEqualTo(200_000);
        // 1,000,000 devices must fit the CLI's 256 MB heap with everything else (docs/benchmarks.md)
        assertThat(v[2] / v[1]).as("retained bytes per device, row fingerprints included").isLessThan(220);
    }

    /** The probe's output, run once per test class: it takes a few seconds. */
    private static synchronized String runProbe() throws IOException, InterruptedException {
        if (probeOutput == null) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Process p = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-cp", classpath,
                    AggregatorMemoryProbe.class.getName()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            probeOutput = out;
        }
        return probeOutput;
    }

    private static long[] parse(String out, String workload) {
        Matcher m = Pattern.compile(workload + " rows=(\\d+) devices=(\\d+) retained=(-?\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
    }
}
