package io.iothubtriage.diagnosis;

import java.time.Duration;
import java.util.Objects;

/**
 * How one evidence source fared in a triage run, for logs and metrics.
 *
 * @param source  {@link io.iothubtriage.evidence.Gap#CONNECTION_LOGS}, {@code RESOURCE_HEALTH} or {@code METRICS}
 * @param outcome what happened
 * @param elapsed how long it took (its timeout when it timed out; zero when not configured)
 */
public record SourceTiming(String source, Outcome outcome, Duration elapsed) {

    public enum Outcome {
        /** The source answered. */
        OK,
        /** The source threw: its message is the gap's reason. */
        FAILED,
        /** The source did not answer within its timeout and was cancelled. */
        TIMED_OUT,
        /** The calling thread was interrupted before the source answered. */
        INTERRUPTED,
        /** No source of this kind was configured. */
        NOT_CONFIGURED
    }

    public SourceTiming {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
