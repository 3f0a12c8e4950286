package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.ConnectionEvidence.CodeStats;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Is a code's rate in the window unusual for this hub? Rates are per hour so windows of different lengths compare:
 * the window counts {@code events + noiseEvents} (the baseline counts noise too, so like is compared with like).
 * A code is unusual when the window has at least {@link DiagnosisOptions#unusualMinEvents()} events and its hourly
 * rate is at least {@link DiagnosisOptions#unusualRatio()} times the baseline's (or the baseline never saw it).
 * When the baseline window holds no Connections row at all, it says nothing, and no code is called unusual.
 */
record Baseline(Duration window, Duration baseline, long baselineRows, DiagnosisOptions options) {

    /** True when the baseline window has rows to compare against. */
    boolean available() {
        return baselineRows > 0 && !baseline.isZero();
    }

    long windowEvents(CodeStats c) {
        return c.events() + c.noiseEvents();
    }

    /** Window rate ÷ baseline rate; empty when the baseline is unavailable or never saw the code. */
    OptionalDouble ratio(CodeStats c) {
        if (!available() || c.baselineEvents() == 0) {
            return OptionalDouble.empty();
        }
        double windowRate = windowEvents(c) / hours(window);
        double baselineRate = c.baselineEvents() / hours(baseline);
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
