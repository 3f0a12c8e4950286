package io.iothubtriage.evidence;

/**
 * A source could not produce its evidence. The message is shown to people as the gap's reason: plain words,
 * naming what is missing (a role, a scope, a diagnostic setting), never a secret.
 */
public class EvidenceException extends Exception {
    private final boolean retryable;
    private final Gap.Kind kind;

    public EvidenceException(String message, boolean retryable, Throwable cause) {
        this(message, retryable, Gap.Kind.OTHER, cause);
    }

    private EvidenceException(String message, boolean retryable, Gap.Kind kind, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
    }

    /**
     * The source was read and gave nothing usable, for a reason of a known {@link Gap.Kind} (e.g. its statuses are
     * all of another time): the gap made of this failure keeps the kind.
     */
    public static EvidenceException of(Gap.Kind kind, String message) {
        return new EvidenceException(message, false, kind, null);
    }

    /**
     * The source was not given at all (an offline run without its file): nothing was read, so nothing failed.
     *
     * @param message what was not given, e.g. "no --health file given"
     */
    public static EvidenceException notGiven(String message) {
        return new EvidenceException(message, false, Gap.Kind.NOT_GIVEN, null);
    }

    public EvidenceException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    /** What kind of gap this failure is: the gap made of it carries it. */
    public Gap.Kind kind() {
        return kind;
    }

    /** True when trying again later may succeed (timeouts, 429, 5xx); false for missing access or bad input. */
    public boolean isRetryable() {
        return retryable;
    }
}
