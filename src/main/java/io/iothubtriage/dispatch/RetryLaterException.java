package io.iothubtriage.dispatch;

/**
 * The message is not done and may succeed later (a destination answered 429/5xx or timed out, another invocation
 * is posting the same alert right now). The queue trigger rethrows it so the message is redelivered after the
 * queue's visibility timeout; after the last dequeue it lands in the poison queue. The message names the
 * destinations redacted.
 */
public final class RetryLaterException extends RuntimeException {
    public RetryLaterException(String message) {
        super(message);
    }
}
