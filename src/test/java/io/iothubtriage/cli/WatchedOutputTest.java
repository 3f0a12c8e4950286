package io.iothubtriage.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A report that could not be written whole to stdout is said, and exits 1; a reader that went away is not. */
class WatchedOutputTest {

    /** Takes {@code room} bytes, then fails every write with {@code message}. */
    private static OutputStream failingAfter(int room, String message) {
        return new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                if (written++ >= room) {
                    throw new IOException(message);
                }
            }
        };
    }

    private static String afterPrinting(OutputStream target, int code, int[] exit) {
        WatchedOutput stdout = new WatchedOutput(target);
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        out.println("NO_CONNECTION_ERRORS  ·  confidence HIGH  ·  contoso-hub");
        out.println("x".repeat(5_000));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        exit[0] = Main.afterWriting(code, stdout, new PrintStream(err, true, StandardCharsets.UTF_8));
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFullDiskIsSaidAndTheExitIsOne() {
        int[] exit = new int[1];
        String err = afterPrinting(failingAfter(4_096, "No space left on device"), Main.OK, exit);
        assertThat(exit[0]).isEqualTo(Main.FAILURE);
        assertThat(err).isEqualTo("iothub-triage: stdout: the output could not be written (No space left on device): it"
                + " is incomplete" + System.lineSeparator());
        // a run that already failed keeps its own exit code
        afterPrinting(failingAfter(0, "Input/output error"), Main.BAD_INPUT, exit);
        assertThat(exit[0]).isEqualTo(Main.BAD_INPUT);
    }

    @Test
    void aReaderThatStoppedReadingIsNoFailure() {
        int[] exit = new int[1];
        assertThat(afterPrinting(failingAfter(100, "Broken pipe"), Main.OK, exit)).isEmpty();
        assertThat(exit[0]).isEqualTo(Main.OK);
        assertThat(afterPrinting(new ByteArrayOutputStream(), Main.OK, exit)).isEmpty();
        assertThat(exit[0]).isEqualTo(Main.OK);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theCliWritingToAFullDeviceExitsOneWithOneLine() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "triage", "--help"))
                .redirectOutput(new File("/dev/full")).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(Main.FAILURE);
        assertThat(err.strip()).isEqualTo("iothub-triage: stdout: the output could not be written (No space left on"
                + " device): it is incomplete");
    }
}
