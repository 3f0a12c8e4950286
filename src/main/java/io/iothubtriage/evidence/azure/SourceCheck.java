package io.iothubtriage.evidence.azure;

import io.iothubtriage.evidence.EvidenceException;

import java.util.Objects;

/**
 * The doctor's verdict on one live source: can this identity read it, and if not, exactly what is missing.
 *
 * @param source  the source's gap name (connectionLogs, resourceHealth, metrics) or "credential"
 * @param status  OK, MISSING (a role, scope or diagnostic setting is missing; fix the configuration) or
 *                UNAVAILABLE (the service failed or timed out; try again)
 * @param detail  what was found, or what to add and where
 */
public record SourceCheck(String source, Status status, String detail) {

    public enum Status { OK, MISSING, UNAVAILABLE }

    public SourceCheck {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean ok() {
        return status == Status.OK;
    }

    static SourceCheck ok(String source, String detail) {
        return new SourceCheck(source, Status.OK, detail);
    }

    static SourceCheck missing(String source, String detail) {
        return new SourceCheck(source, Status.MISSING, detail);
    }

    static SourceCheck of(String source, EvidenceException failure) {
        return new SourceCheck(source, failure.isRetryable() ? Status.UNAVAILABLE : Status.MISSING,
                failure.getMessage());
    }

    /** One line for the terminal: {@code resourceHealth  MISSING  the identity needs Reader on …}. */
    @Override
    public String toString() {
        return String.format("%-20s %-11s %s", source, status, detail);
    }
}
