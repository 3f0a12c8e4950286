package io.iothubtriage.evidence;

/**
 * A source could not produce its evidence. The message is shown to people as the gap's reason: plain words,
 * naming what is missing (a role, a scope, a diagnostic setting), never a secret.
 */
public class EvidenceException extends Exception {
    private final boolean retryable;

    public EvidenceException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public EvidenceException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    /** True when trying again later may succeed (timeouts, 429, 5xx); false for missing access or bad input. */
    public boolean isRetryable() {
        return retryable;
    }
}
