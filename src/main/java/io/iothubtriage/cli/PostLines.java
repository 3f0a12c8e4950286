package io.iothubtriage.cli;

import io.iothubtriage.notify.DeliveryProgress;
import io.iothubtriage.notify.DeliveryResult;
import io.iothubtriage.notify.Destination;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A delivery's progress as {@code post …} lines on stderr, one per event as it happens: a retry about to happen, a
 * destination still silent, a destination done.
 */
final class PostLines implements DeliveryProgress {

    private final PrintStream err;

    PostLines(PrintStream err) {
        this.err = err;
    }

    @Override
    public void retrying(Destination destination, int attempt, String reason, Duration wait) {
        err.println("post " + destination.display() + ": attempt " + attempt + " not delivered (" + reason
                + "); trying again in " + seconds(wait));
    }

    @Override
    public void stillWaiting(Destination destination, Duration elapsed) {
        err.println("post " + destination.display() + ": no result yet after " + seconds(elapsed) + "; still trying");
    }

    @Override
    public void finished(DeliveryResult result) {
        err.println("post " + result.describe());
    }

    private static String seconds(Duration d) {
        long s = Math.max(1, Math.round(d.toMillis() / 1000.0));
        return s + " s";
    }
}
