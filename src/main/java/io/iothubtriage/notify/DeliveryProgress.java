package io.iothubtriage.notify;

import java.time.Duration;

/**
 * What a delivery tells its caller while it is still under way, so a person watching is not left with silence: a
 * retry about to happen, a destination that has not answered yet. Called from delivery threads; implementations
 * must be thread-safe and quick. The default methods do nothing.
 */
public interface DeliveryProgress {

    /** Tells nothing. */
    DeliveryProgress NONE = new DeliveryProgress() {
    };

    /** Attempt {@code attempt} was not delivered ({@code reason}, redacted); the next starts after {@code wait}. */
    default void retrying(Destination destination, int attempt, String reason, Duration wait) {
    }

    /** The destination has not finished {@code elapsed} after its first request. */
    default void stillWaiting(Destination destination, Duration elapsed) {
    }

    /** The destination's delivery ended (as it ends, not when all have: a quick one is told at once). */
    default void finished(DeliveryResult result) {
    }
}
