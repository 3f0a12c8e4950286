package io.iothubtriage.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class WaitingLineTest {

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    final AtomicLong now = new AtomicLong();

    String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalOneLineSaysWhichSourcesAreStillAwaitedAndIsWipedAtTheEnd() {
        WaitingLine line = new WaitingLine(err, true, now::get, false);
        line.started("connection logs", Duration.ofSeconds(60));
        line.started("Resource Health", Duration.ofSeconds(15));
        now.addAndGet(Duration.ofSeconds(12).toNanos());
        line.redraw();
        String first = "waiting for connection logs (12 s of 60 s), Resource Health (12 s of 15 s)";
        assertThat(written()).isEqualTo("\r" + first);

        line.finished("Resource Health");
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        line.redraw();
        String second = "waiting for connection logs (15 s of 60 s)";
        // The shorter line is padded so nothing of the longer one stays on screen.
        assertThat(written()).endsWith("\r" + second + " ".repeat(first.length() - second.length()));

        line.finished("connection logs");
        assertThat(written()).endsWith("\r" + " ".repeat(first.length()) + "\r");
        assertThat(written()).doesNotContain("\u001b").doesNotContain("\n");
    }

    @Test
    void whenStderrIsNotATerminalNothingIsWritten() {
        try (WaitingLine line = new WaitingLine(err, false, now::get, false)) {
            line.started("connection logs", Duration.ofSeconds(60));
            now.addAndGet(Duration.ofSeconds(5).toNanos());
            line.redraw();
            line.finished("connection logs");
        }
        assertThat(written()).isEmpty();
    }

    @Test
    void aQuickRunDrawsNothing() {
        WaitingLine line = new WaitingLine(err, true, now::get, false);
        line.started("metrics", Duration.ofSeconds(15));
        line.finished("metrics");
        line.close();
        assertThat(written()).isEmpty();
    }
}
