package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.ConnectionEvidence.CodeStats;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Is a code's rate in the window unusual for this hub? Rates are per hour so windows of different lengths compare.
 *
 * <p>SAS-token renewals log 401003/404104 every hour on every renewing device, in the baseline as much as in the
 * window. The baseline only has per-code totals (noise included), so comparing raw totals would call a site
 * outage "the usual rate" whenever renewals dwarf it. Instead the window's evidence events ({@code events}, noise
 * set aside) are compared with the baseline's totals less the renewal noise expected over the baseline: the window's
 * own noise rate for that code, extrapolated. Renewals are steady, so their rate in the window is a fair estimate.
 *
 * <p>A code is unusual when the window has at least {@link DiagnosisOptions#unusualMinEvents()} evidence events
 * and its hourly rate is at least {@link DiagnosisOptions#unusualRatio()} times the baseline's (or the baseline,
 * renewals set aside, never saw it). When the baseline window holds no Connections row at all, it says nothing, and
 * no code is called unusual.
 */
record Baseline(Duration window, Duration baseline, long baselineRows, DiagnosisOptions options) {

    /** True when the baseline window has rows to compare against. */
    boolean available() {
        return baselineRows > 0 && !baseline.isZero();
    }

    /** The window's evidence events: renewal and edge-of-data noise set aside. */
    long windowEvents(CodeStats c) {
        return c.events();
    }

    /** The baseline's events of the code less the renewal noise expected over it (never below zero). */
    long baselineEvents(CodeStats c) {
        double expectedNoise = c.noiseEvents() / hours(window) * hours(baseline);
        return Math.max(0, Math.round(c.baselineEvents() - expectedNoise));
    }

    /** True when part of the baseline was set aside as expected renewal noise. */
    boolean noiseSetAside(CodeStats c) {
        return c.noiseEvents() > 0 && c.baselineEvents() > 0;
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
