package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.ConnectionEvidence.MinuteBucket;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When the window's clean disconnects happened, read from their own per-minute counts
 * ({@code MinuteBucket.cleanDisconnects}): the first and last minute that had any, and the burst around the busiest
 * minute (the run of minutes that reach {@link DiagnosisOptions#onsetShare()} of it, as for the onset of errors; the
 * busiest must hold at least {@link DiagnosisOptions#onsetMinEvents()}). One reading for the headline's time clause
 * and for the routine-churn rule, so the two never disagree about whether the disconnects came together.
 *
 * @param first     the first minute with a clean disconnect
 * @param last      the last one
 * @param burstFrom the burst's first minute, when the burst stands out: it holds more than half of them, or its
 *                  minutes have at least {@link #TOGETHER_RATE} times the rate of the window's other minutes
 * @param burstTo   its last minute
 * @param burst     the devices' clean disconnects in the burst's minutes (0 without a burst)
 * @param mostly    whether the burst holds more than half of them (the headline's "mostly at")
 */
record CleanDisconnectMinutes(Instant first, Instant last, Optional<Instant> burstFrom, Optional<Instant> burstTo,
                              long burst, boolean mostly) {

    /**
     * How many times the other minutes' rate a burst must reach to stand out when it holds half or fewer of the clean
     * disconnects: a site of 60 devices powered down in one minute of a big fleet whose devices come and go two a
     * minute all day is a shutdown, not churn.
     */
    static final int TOGETHER_RATE = 10;

    /** Empty when no clean disconnect was counted per minute (none, or a source that does not count them apart). */
    static Optional<CleanDisconnectMinutes> of(Analysis a) {
        List<MinuteBucket> timeline = a.connections.isPresent() ? a.connections.get().timeline() : List.of();
        int first = -1;
        int last = -1;
        int peak = -1;
        long total = 0;
        for (int i = 0; i < timeline.size(); i++) {
            int clean = timeline.get(i).cleanDisconnects();
            if (clean == 0) {
                continue;
            }
            first = first < 0 ? i : first;
            last = i;
            peak = peak < 0 || clean > timeline.get(peak).cleanDisconnects() ? i : peak;
            total += clean;
        }
        if (first < 0) {
            return Optional.empty();
        }
        Instant firstMinute = timeline.get(first).minute();
        Instant lastMinute = timeline.get(last).minute();
        if (first == last) {
            return Optional.of(new CleanDisconnectMinutes(firstMinute, lastMinute, Optional.of(firstMinute),
                    Optional.of(lastMinute), total, true));
        }
        int peakCount = timeline.get(peak).cleanDisconnects();
        Optional<Instant> none = Optional.empty();
        if (peakCount < a.options.onsetMinEvents()) {
            return Optional.of(new CleanDisconnectMinutes(firstMinute, lastMinute, none, none, 0, false));
        }
        double bar = a.options.onsetShare() * peakCount;
        int from = peak;
        int to = peak;
        long burst = peakCount;
        while (from > first && timeline.get(from - 1).cleanDisconnects() >= bar) {
            burst += timeline.get(--from).cleanDisconnects();
        }
        while (to < last && timeline.get(to + 1).cleanDisconnects() >= bar) {
            burst += timeline.get(++to).cleanDisconnects();
        }
        boolean mostly = burst * 2 > total;
        int burstMinutes = to - from + 1;
        int otherMinutes = timeline.size() - burstMinutes;
        // rates compared without division: burst / burstMinutes >= TOGETHER_RATE * rest / otherMinutes
        boolean standsOut = otherMinutes <= 0
                || burst * otherMinutes >= (long) TOGETHER_RATE * (total - burst) * burstMinutes;
        if (!mostly && !standsOut) {
            return Optional.of(new CleanDisconnectMinutes(firstMinute, lastMinute, none, none, 0, false));
        }
        return Optional.of(new CleanDisconnectMinutes(firstMinute, lastMinute,
                Optional.of(timeline.get(from).minute()), Optional.of(timeline.get(to).minute()), burst, mostly));
    }

    /** Whether they came together: all in one minute, or in a burst that stands out. */
    boolean together() {
        return burstFrom.isPresent();
    }
}
