package io.iothubtriage.evidence;

/**
 * A source could not produce its evidence. The message is shown to people as the gap's reason: plain words,
 * naming what is missing (a role, a scope, a diagnostic setting), never a secret.
 */
public class EvidenceException extends Exception {
    private final boolean retryable;
    private final boolean notGiven;

    public EvidenceException(String message, boolean retryable, Throwable cause) {
        this(message, retryable, false, cause);
    }

    private EvidenceException(String message, boolean retryable, boolean notGiven, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.notGiven = notGiven;
    }

    /**
     * The source was not given at all (an offline run without its file): nothing was read, so nothing failed.
     *
     * @param message what was not given, e.g. "no --health file given"
     */
    public static EvidenceException notGiven(String message) {
        return new EvidenceException(message, false, true, null);
    }

    /** True for {@link #notGiven}: the report says the source was not given, not that it could not be read. */
    public boolean isNotGiven() {
        return notGiven;
    }

    public EvidenceException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    /** True when trying again later may succeed (timeouts, 429, 5xx); false for missing access or bad input. */
    public boolean isRetryable() {
        return retryable;
    }
}
