package io.iothubtriage.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How the analysis and baseline windows are cut around an alert (settings {@code TRIAGE_WINDOW_BEFORE},
 * {@code TRIAGE_WINDOW_AFTER}, {@code TRIAGE_BASELINE}): the analysis window is
 * [{@code firedDateTime − before}, {@code firedDateTime + after}) because resource logs land minutes late, and the
 * baseline is the {@code baseline}-long window that ends where the analysis window starts.
 *
 * @param before   how far before the fired time the analysis window starts; positive, at most 30 days
 * @param after    how far after the fired time it ends; zero or positive, at most 1 day
 * @param baseline the length of the baseline window; positive, at most 30 days (Log Analytics' default retention)
 */
public record WindowPolicy(Duration before, Duration after, Duration baseline) {

    /** The longest analysis window or baseline accepted, here and by the request factories. */
    public static final Duration MAX_SPAN = Duration.ofDays(30);
    static final Duration MAX_AFTER = Duration.ofDays(1);

    private static final WindowPolicy DEFAULTS =
            new WindowPolicy(Duration.ofMinutes(30), Duration.ofMinutes(5), Duration.ofHours(24));

    /** @throws IllegalArgumentException naming the setting and the value when out of range */
    public WindowPolicy {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(baseline, "baseline");
        requireWithin("TRIAGE_WINDOW_BEFORE", before, false, MAX_SPAN);
        requireWithin("TRIAGE_WINDOW_AFTER", after, true, MAX_AFTER);
        requireWithin("TRIAGE_BASELINE", baseline, false, MAX_SPAN);
    }

    /** 30 minutes before, 5 minutes after, 24 hours of baseline (the triage contract's defaults). */
    public static WindowPolicy defaults() {
        return DEFAULTS;
    }

    /** [{@code firedAt − before}, {@code firedAt + after}). */
    public TimeWindow analysisWindow(Instant firedAt) {
        Objects.requireNonNull(firedAt, "firedAt");
        return new TimeWindow(firedAt.minus(before), firedAt.plus(after));
    }

    /** The {@code baseline}-long window that ends where {@code analysis} starts. */
    public TimeWindow baselineBefore(TimeWindow analysis) {
        return analysis.before(baseline);
    }

    static void requireWithin(String name, Duration value, boolean zeroAllowed, Duration max) {
        if (value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new IllegalArgumentException(name + " must be " + (zeroAllowed ? "zero or positive" : "positive")
                    + ", was " + Durations.words(value));
        }
        if (value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be at most " + Durations.words(max) + ", was "
                    + Durations.words(value));
        }
    }
}
