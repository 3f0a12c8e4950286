package io.iothubtriage.evidence;

import java.util.Objects;

/**
 * A piece of evidence that could not be had, and why. A gap is never treated as "zero".
 *
 * @param source one of {@link #CONNECTION_LOGS}, {@link #RESOURCE_HEALTH}, {@link #METRICS}, {@link #CHANGES}
 * @param reason plain words, free of secrets, e.g. "timed out after 10 s"
 * @param retryable true when the source may answer if asked again later (no network, a time-out, throttling), so
 *                  the advice is to retry rather than to grant a role
 * @param notGiven  true when nothing was asked of the source: an offline run given no file of it. The report then
 *                  says it was not given, never that it "could not be read"
 */
public record Gap(String source, String reason, boolean retryable, boolean notGiven) {
    public static final String CONNECTION_LOGS = "connectionLogs";
    public static final String RESOURCE_HEALTH = "resourceHealth";
    public static final String METRICS = "metrics";
    /** The hub's change history: Activity Log and Resource Graph {@code resourcechanges}. */
    public static final String CHANGES = "changes";

    public Gap {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
    }

    /** A gap of a source that was asked and did not give its evidence. */
    public Gap(String source, String reason, boolean retryable) {
        this(source, reason, retryable, false);
    }

    /** A gap that asking again will not close by itself: missing data, access, configuration. */
    public Gap(String source, String reason) {
        this(source, reason, false);
    }
}
