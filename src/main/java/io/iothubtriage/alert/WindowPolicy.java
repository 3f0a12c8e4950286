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
 * @param ingestionAllowance how long after the window's end its logs can be expected to have landed in Log Analytics
 *                 (setting {@code TRIAGE_INGESTION_ALLOWANCE}; Azure documents 20 s to 3 min of typical latency):
 *                 the automatic triage runs no earlier than {@link #readyAt}; zero or positive, at most 1 hour
 */
public record WindowPolicy(Duration before, Duration after, Duration baseline, Duration ingestionAllowance) {

    /** The contract's default ingestion allowance: 2 minutes. */
    public static final Duration DEFAULT_INGESTION_ALLOWANCE = Duration.ofMinutes(2);
    static final Duration MAX_INGESTION_ALLOWANCE = Duration.ofHours(1);

    /** The longest analysis window or baseline accepted, here and by the request factories. */
    public static final Duration MAX_SPAN = Duration.ofDays(30);
    static final Duration MAX_AFTER = Duration.ofDays(1);

    private static final WindowPolicy DEFAULTS = new WindowPolicy(Duration.ofMinutes(30), Duration.ofMinutes(5),
            Duration.ofHours(24), DEFAULT_INGESTION_ALLOWANCE);

    /** @throws IllegalArgumentException naming the setting and the value when out of range */
    public WindowPolicy {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(baseline, "baseline");
        requireWithin("TRIAGE_WINDOW_BEFORE", before, false, MAX_SPAN);
        requireWithin("TRIAGE_WINDOW_AFTER", after, true, MAX_AFTER);
        requireWithin("TRIAGE_BASELINE", baseline, false, MAX_SPAN);
        Objects.requireNonNull(ingestionAllowance, "ingestionAllowance");
        requireWithin("TRIAGE_INGESTION_ALLOWANCE", ingestionAllowance, true, MAX_INGESTION_ALLOWANCE);
    }

    /** With the default ingestion allowance. */
    public WindowPolicy(Duration before, Duration after, Duration baseline) {
        this(before, after, baseline, DEFAULT_INGESTION_ALLOWANCE);
    }

    /** The same windows with another ingestion allowance. */
    public WindowPolicy withIngestionAllowance(Duration allowance) {
        return new WindowPolicy(before, after, baseline, allowance);
    }

    /**
     * The earliest time a triage of {@code window} should run: its end plus the ingestion allowance, when the logs
     * of its last minute can have landed. The queue worker delays the request until then.
     */
    public Instant readyAt(TimeWindow window) {
        return window.end().plus(ingestionAllowance);
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
                    + Durations.wordsOver(value, max));
        }
    }
}
