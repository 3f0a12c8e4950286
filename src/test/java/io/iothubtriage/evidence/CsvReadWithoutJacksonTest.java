package io.iothubtriage.evidence;

import io.iothubtriage.testing.ExportWriter;
import io.iothubtriage.testing.ExportWriter.Format;
import io.iothubtriage.testing.ExportWriter.Options;
import io.iothubtriage.testing.SyntheticRows;
import io.iothubtriage.testing.SyntheticRows.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A portal CSV export is read without Jackson: initialising its ObjectMapper takes about 40 ms of a cold JVM (370-odd
 * classes), which the CLI once paid on the reading thread before the first row of every CSV export. Checked in a
 * fresh JVM, where nothing else has loaded Jackson yet, for a small export (read on the calling thread) and one of
 * more than a megabyte (read on two threads).
 */
class CsvReadWithoutJacksonTest {

    @TempDir
    Path dir;

    @Test
    void aCsvExportIsReadWithoutLoadingJackson() throws Exception {
        for (int rows : new int[] {300, 2_000}) {
            Path file = dir.resolve("export-" + rows + ".csv");
            ExportWriter.write(file, Format.PORTAL_CSV, SyntheticRows.rows(Spec.of(rows)), Options.realistic());
            if (rows == 2_000) {
                assertThat(Files.size(file)).isGreaterThanOrEqualTo(ConnectionLogReader.PIPELINE_MIN_BYTES);
            }

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Process p = new ProcessBuilder(java, "-Xshare:auto", "-verbose:class", "-cp", classpath,
                    Child.class.getName(), file.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("rows=" + rows).contains(CsvLogReader.class.getName());
            assertThat(out.lines().filter(l -> l.contains("com.fasterxml.jackson")).limit(5))
                    .as("Jackson classes loaded while reading a CSV export").isEmpty();
        }
    }

    /** Reads one export through the CLI's reader and prints how many rows reached the sink. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            long[] n = {0};
            ConnectionLogReader.read(Path.of(args[0]), row -> n[0]++);
            System.out.println("rows=" + n[0]);
        }
    }
}
