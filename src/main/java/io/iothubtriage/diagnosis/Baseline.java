package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.ConnectionEvidence.CodeStats;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Is a code's rate in the window unusual for this hub? Rates are per hour so windows of different lengths compare.
 *
 * <p>SAS-token renewals log 401003/404104 every hour on every renewing device, in the baseline as much as in the
 * window, so comparing raw totals would call a site outage "the usual rate" whenever renewals dwarf it. The window's
 * evidence events ({@code events}, noise set aside) are compared with the baseline's events by the same rule: the
 * baseline's total less the renewals the aggregator found in the baseline's own rows ({@code baselineNoiseEvents}),
 * an exact count. A source that only counted the baseline (the live paths: a day of rows is not fetched) leaves that
 * empty; then the renewals expected over the baseline are estimated from the window's own renewal rate for the code
 * (renewals are steady), and the report says "about".
 *
 * <p>A code is unusual when the window has at least {@link DiagnosisOptions#unusualMinEvents()} evidence events
 * and its hourly rate is at least {@link DiagnosisOptions#unusualRatio()} times the baseline's (or the baseline,
 * renewals set aside, never saw it). When the baseline window holds no Connections row at all, it says nothing, and
 * no code is called unusual.
 */
record Baseline(Duration window, Duration baseline, long baselineRows, DiagnosisOptions options) {

    /** True when the baseline window has rows to compare against, over at least the window's length. */
    boolean available() {
        return baselineRows > 0 && !baseline.isZero() && !tooShort();
    }

    /**
     * True when the baseline held is shorter than the window (an export that starts just before the window): a rate
     * over a few minutes says nothing of what is usual, and "did not occur in the previous 24 h" would be untrue.
     */
    boolean tooShort() {
        return !baseline.isZero() && baseline.compareTo(window) < 0;
    }

    /** The window's evidence events: renewal and edge-of-data noise set aside. */
    long windowEvents(CodeStats c) {
        return c.events();
    }

    /**
     * The baseline's events of the code with renewals set aside: exact when the baseline's rows were judged, else
     * less the renewal noise expected over it at the window's rate (never below zero).
     */
    long baselineEvents(CodeStats c) {
        if (c.baselineNoiseEvents().isPresent()) {
            return Math.max(0, c.baselineEvents() - c.baselineNoiseEvents().getAsLong());
        }
        double expectedNoise = c.noiseEvents() / hours(window) * hours(baseline);
        return Math.max(0, Math.round(c.baselineEvents() - expectedNoise));
    }

    /** True when renewals were set aside from the code's baseline events (found there, or expected there). */
    boolean noiseSetAside(CodeStats c) {
        if (c.baselineNoiseEvents().isPresent()) {
            return c.baselineNoiseEvents().getAsLong() > 0;
        }
        return c.noiseEvents() > 0 && c.baselineEvents() > 0;
    }

    /** True when {@link #baselineEvents} is an estimate (the baseline's renewals were expected, not counted). */
    boolean estimated(CodeStats c) {
        return c.baselineNoiseEvents().isEmpty() && noiseSetAside(c);
    }

    /** Window rate ÷ baseline rate; empty when the baseline is unavailable or, renewals aside, never saw the code. */
    OptionalDouble ratio(CodeStats c) {
        long base = baselineEvents(c);
        if (!available() || base == 0) {
            return OptionalDouble.empty();
        }
        double windowRate = windowEvents(c) / hours(window);
        double baselineRate = base / hours(baseline);
        return OptionalDouble.of(windowRate / baselineRate);
    }

    boolean unusual(CodeStats c) {
        if (!available() || windowEvents(c) < options.unusualMinEvents()) {
            return false;
        }
        OptionalDouble r = ratio(c);
        return r.isEmpty() || r.getAsDouble() >= options.unusualRatio();
    }

    private static double hours(Duration d) {
        return Math.max(d.toMillis(), 1) / 3_600_000.0;
    }
}
