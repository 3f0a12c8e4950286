package io.iothubtriage.dispatch;

import java.time.Duration;

/**
 * A storage queue the app writes to itself: the alerts endpoint queues triage requests, the worker re-drives a
 * request it cannot finish yet, and both hand a request they give up on to the failure path.
 */
public interface RequestQueue {
    /** Azure Storage's longest message time-to-live other than "never": what the queue holds while it waits. */
    Duration TIME_TO_LIVE = Duration.ofDays(7);
    /** Azure Storage's longest visibility delay is 7 days; a delay is cut below that. */
    Duration MAX_DELAY = Duration.ofDays(6);

    /**
     * Stores one message, visible after {@code delay}. Returns only once the service has stored it.
     *
     * @throws QueueUnavailableException when it could not be stored within the queue's time budget
     */
    void send(String message, Duration delay);

    /** The queue's name, for logs. */
    String name();

    /** The message could not be stored; nothing was queued (or it cannot be known that it was). */
    final class QueueUnavailableException extends RuntimeException {
        public QueueUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
