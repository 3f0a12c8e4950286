package io.iothubtriage.dispatch;

/**
 * The ledger table could not be read or written (storage unavailable, throttled, or too many concurrent writers).
 * Always worth retrying: the queue message is redelivered and picks up where it stopped.
 */
public final class LedgerException extends RuntimeException {
    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
