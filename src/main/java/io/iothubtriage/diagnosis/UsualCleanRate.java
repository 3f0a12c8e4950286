package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.ConnectionEvidence.MinuteBucket;

import java.util.List;
import java.util.Optional;

/**
 * The window's clean disconnects against the hub's usual rate of them, from the baseline's strip. Devices that sleep
 * and wake on a schedule, or restart now and then, disconnect cleanly all day: when the window has them at about the
 * rate of the previous day and not together (see {@link CleanDisconnectMinutes}), they are the hub's routine, not the
 * event an alert is about. Then they point at no shutdown, and they do not count among the devices a drop is about
 * (the one-tenth rule: 337 gateways refused with 401003 are the incident even while 6,000 meters come and go on
 * their ten-minute cycle).
 *
 * @param windowRows      the window's clean disconnect rows
 * @param windowMinutes   the window's minutes
 * @param baselineRows    the baseline's clean disconnect rows, from its first bucket with any row
 * @param baselineMinutes the minutes of those buckets
 */
record UsualCleanRate(long windowRows, long windowMinutes, long baselineRows, long baselineMinutes) {

    /** At most this many times the baseline's rate is still the usual rate. */
    static final int ROUTINE_RATE = 2;
    /** Fewer clean disconnects than this in the baseline say nothing about a rate (about one an hour over a day). */
    static final int MIN_BASELINE_ROWS = 24;

    /**
     * Empty when the rates cannot be compared: no clean disconnect in the window, a source that does not count them
     * apart (a server-side summary; its baseline counts none), or too few in the baseline.
     */
    static Optional<UsualCleanRate> of(ConnectionEvidence c) {
        long window = 0;
        for (MinuteBucket b : c.timeline()) {
            window += b.cleanDisconnects();
        }
        List<MinuteBucket> strip = c.baselineStrip().buckets();
        long baseline = 0;
        int first = -1;
        for (int i = 0; i < strip.size(); i++) {
            MinuteBucket b = strip.get(i);
            if (first < 0 && b.connects() + b.disconnects() + b.errors() > 0) {
                first = i; // an export that begins inside the baseline: its rate is of the hours it covers
            }
            baseline += b.cleanDisconnects();
        }
        if (window == 0 || c.timeline().isEmpty() || baseline < MIN_BASELINE_ROWS) {
            return Optional.empty();
        }
        long bucketMinutes = c.baselineStrip().bucket().toMinutes();
        return Optional.of(new UsualCleanRate(window, c.timeline().size(), baseline,
                (strip.size() - first) * bucketMinutes));
    }

    /** Whether the window's clean disconnects are the hub's routine: at its usual rate, and not together. */
    static boolean routine(ConnectionEvidence c, DiagnosisOptions options) {
        Optional<UsualCleanRate> rate = of(c);
        if (rate.isEmpty() || !rate.get().usual()) {
            return false;
        }
        Optional<CleanDisconnectMinutes> minutes = CleanDisconnectMinutes.of(c.timeline(), options);
        return minutes.isEmpty() || !minutes.get().together();
    }

    /** The window's rate at most {@link #ROUTINE_RATE} times the baseline's (compared without division). */
    boolean usual() {
        return windowRows * baselineMinutes <= (long) ROUTINE_RATE * baselineRows * windowMinutes;
    }

    /** The baseline's clean disconnects per hour, rounded. */
    long baselinePerHour() {
        return Math.round(baselineRows * 60.0 / baselineMinutes);
    }
}
