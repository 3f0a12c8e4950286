package io.iothubtriage.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * While live sources are still being waited for, one line on an interactive terminal that says which, and for how
 * long: "waiting for connection logs (12 s of 60 s), Resource Health (12 s of 15 s)". It is rewritten in place
 * (carriage return and spaces, no escape codes) and wiped when the last source ends, so the report starts on a
 * clean line. Nothing at all is written when stderr is not a terminal (a pipe, a file, CI).
 */
final class WaitingLine implements AutoCloseable {

    /** How often the line is redrawn, and how long a quick source may take before any line appears. */
    static final Duration TICK = Duration.ofMillis(500);

    private final PrintStream err;
    private final boolean interactive;
    private final LongSupplier nanoTime;
    private final Map<String, long[]> waiting = new LinkedHashMap<>();
    private final ScheduledExecutorService timer;
    private int shown;

    WaitingLine(PrintStream err, boolean interactive) {
        this(err, interactive, System::nanoTime, true);
    }

    WaitingLine(PrintStream err, boolean interactive, LongSupplier nanoTime, boolean ticking) {
        this.err = err;
        this.interactive = interactive;
        this.nanoTime = nanoTime;
        if (interactive && ticking) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "iothub-triage-waiting-line");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(this::redraw, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    /** {@code source} (in words) started; it gives up after {@code timeout}. */
    synchronized void started(String source, Duration timeout) {
        waiting.put(source, new long[]{nanoTime.getAsLong(), timeout.toNanos()});
    }

    synchronized void finished(String source) {
        waiting.remove(source);
        if (waiting.isEmpty()) {
            wipe();
        }
    }

    /** The line as it would be drawn now; empty when nothing is waiting. */
    synchronized String text() {
        if (waiting.isEmpty()) {
            return "";
        }
        long now = nanoTime.getAsLong();
        List<String> parts = new ArrayList<>();
        waiting.forEach((source, t) -> parts.add(source + " (" + seconds(now - t[0]) + " of " + seconds(t[1]) + ")"));
        return "waiting for " + String.join(", ", parts);
    }

    synchronized void redraw() {
        if (!interactive || waiting.isEmpty()) {
            return;
        }
        String line = text();
        err.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
        err.flush();
        shown = Math.max(shown, line.length()); // what is on screen, padding included
    }

    private void wipe() {
        if (interactive && shown > 0) {
            err.print("\r" + " ".repeat(shown) + "\r");
            err.flush();
            shown = 0;
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        waiting.clear();
        wipe();
    }

    private static String seconds(long nanos) {
        return Math.round(nanos / 1e9) + " s";
    }
}
