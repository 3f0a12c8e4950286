package io.iothubtriage.cli;

import io.iothubtriage.notify.DeliveryProgress;
import io.iothubtriage.notify.DeliveryResult;
import io.iothubtriage.notify.Destination;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * A delivery's progress as {@code post …} lines on stderr, one per event as it happens: a retry about to happen, a
 * destination still silent, a destination done (with how many times its URL was given, when more than once: it is
 * posted once).
 */
final class PostLines implements DeliveryProgress {

    private final PrintStream err;
    private final Map<URI, Long> given;

    PostLines(PrintStream err) {
        this(err, Map.of());
    }

    /** @param given how many times each URL was given, when more than once: said on its end line */
    PostLines(PrintStream err, Map<URI, Long> given) {
        this.err = err;
        this.given = Map.copyOf(given);
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
        long times = given.getOrDefault(result.destination().uri(), 1L);
        err.println("post " + result.describe() + (times > 1 ? " (given " + times + " times, posted once)" : ""));
    }

    private static String seconds(Duration d) {
        long s = Math.max(1, Math.round(d.toMillis() / 1000.0));
        return s + " s";
    }
}
