package io.iothubtriage.simulation;

import java.util.Arrays;
import java.util.List;

/**
 * Produces the simulated fleet's events in time order without holding more than one hour-long slice: for each slice
 * it asks every device for its events in that slice (renewals, churn, incident script), sorts the slice as packed
 * longs {@code (time − from) << 27 | device << 7 | kind}, and hands them on oldest-first or newest-first.
 */
final class Generator {
    interface EventSink {
        void event(long timeMs, int device, int kind);
    }

    static final int MAX_DEVICES = 1 << 20;
    static final long MAX_SPAN_MS = (1L << 36) - 1;
    private static final long CHUNK_MS = 60 * 60_000L;
    private static final long HOUR_MS = 3_600_000L;
    private static final long MINUTE_MS = 60_000L;

    /** One incident of the scenario, at its time, with the index that seeds its devices' draws. */
    record Scheduled(Incident incident, long atMs, int index) {
    }

    private final Fleet fleet;
    private final long seed;
    private final long renewalPeriodMs;
    private final double churnPerHour;
    private final double blipsPerHour;
    private final List<Scheduled> incidents;
    private final int[] owner;
    private final long[] awayFrom;
    private final long[] awayTo;
    private final long scriptEndMs;

    private long[] keys = new long[4096];
    private int n;
    private long base;
    private long sliceFrom;
    private long sliceTo;
    private final Mix.Rng rng = new Mix.Rng();
    private final SliceSink sliceSink = new SliceSink();

    Generator(Fleet fleet, long seed, long renewalPeriodMs, double churnPerHour, double blipsPerHour,
              List<Scheduled> incidents, int[] owner, long[] awayFrom, long[] awayTo, long scriptEndMs) {
        this.fleet = fleet;
        this.seed = seed;
        this.renewalPeriodMs = renewalPeriodMs;
        this.churnPerHour = churnPerHour;
        this.blipsPerHour = blipsPerHour;
        this.incidents = incidents;
        this.owner = owner;
        this.awayFrom = awayFrom;
        this.awayTo = awayTo;
        this.scriptEndMs = scriptEndMs;
    }

    /** Emits every event with {@code fromMs <= time < toMs}, sorted by time (ascending, or descending). */
    void run(long fromMs, long toMs, boolean newestFirst, EventSink sink) {
        if (toMs <= fromMs) {
            return;
        }
        base = fromMs;
        long slices = (toMs - fromMs + CHUNK_MS - 1) / CHUNK_MS;
        for (long s = 0; s < slices; s++) {
            long i = newestFirst ? slices - 1 - s : s;
            sliceFrom = fromMs + i * CHUNK_MS;
            sliceTo = Math.min(toMs, sliceFrom + CHUNK_MS);
            fill();
            Arrays.sort(keys, 0, n);
            if (newestFirst) {
                for (int k = n - 1; k >= 0; k--) {
                    emit(keys[k], sink);
                }
            } else {
                for (int k = 0; k < n; k++) {
                    emit(keys[k], sink);
                }
            }
        }
    }

    private void emit(long key, EventSink sink) {
        sink.event(base + (key >>> 27), (int) ((key >>> 7) & (MAX_DEVICES - 1)), (int) (key & 127));
    }

    private void fill() {
        n = 0;
        for (int d = 0; d < fleet.size; d++) {
            renewals(d);
            churn(d);
            int o = owner[d];
            if (o >= 0) {
                Scheduled s = incidents.get(o);
                if (sliceTo > s.atMs()) {
                    sliceSink.device = d;
                    Scripts.play(s.incident(), s.atMs(), scriptEndMs,
                            rng.reseed(Mix.hash(seed, d, s.index(), 31)), sliceSink);
                }
            }
        }
    }

    /** Hourly SAS renewals at the device's phase, shaped by its SDK (see SdkCatalog). */
    private void renewals(int d) {
        byte style = fleet.renewalStyle(d);
        if (style == SdkCatalog.RENEWAL_NONE) {
            return;
        }
        long phase = fleet.phaseMs(d);
        long kFirst = Math.floorDiv(sliceFrom - phase - 2 * MINUTE_MS, renewalPeriodMs);
        long kLast = Math.floorDiv(sliceTo - phase + 30_000, renewalPeriodMs);
        for (long k = kFirst; k <= kLast; k++) {
            rng.reseed(Mix.hash(seed, d, k, 21));
            long t = k * renewalPeriodMs + phase + rng.between(-20_000, 20_000);
            if (away(d, t)) {
                continue;
            }
            switch (style) {
                case SdkCatalog.RENEWAL_ERRORS -> {
                    add(t, d, SimEvents.error(SimEvents.C_401003, false));
                    add(t + rng.between(1_000, 4_000), d, SimEvents.error(SimEvents.C_404104, false));
                    add(t + rng.between(8_000, 60_000), d, SimEvents.CONNECTED);
                }
                case SdkCatalog.RENEWAL_INFORMATIONAL -> {
                    add(t, d, SimEvents.DISCONNECTED_CLEAN);
                    add(t + rng.between(2_000, 20_000), d, SimEvents.CONNECTED);
                }
                default -> {
                    add(t, d, SimEvents.error(SimEvents.C_404104, false));
                    add(t + rng.between(5_000, 45_000), d, SimEvents.CONNECTED);
                }
            }
        }
    }

    /**
     * Background churn per device and hour: a clean disconnect with a reconnect 30 s to 8 min later (restart, power
     * blip), and a network blip (404104) with a reconnect within 5 to 90 s. Both are placed 20 to 50 minutes after
     * the device's renewal phase, so they never fall within 10 minutes of a renewal.
     */
    private void churn(int d) {
        long phase = fleet.phaseMs(d);
        long hFirst = Math.floorDiv(sliceFrom - 10 * MINUTE_MS, HOUR_MS);
        long hLast = Math.floorDiv(sliceTo, HOUR_MS);
        for (long h = hFirst; h <= hLast; h++) {
            long x = Mix.hash(seed, d, h, 22);
            if (Mix.unit(x) < churnPerHour) {
                rng.reseed(x);
                long t = h * HOUR_MS + Math.floorMod(phase + 20 * MINUTE_MS + rng.between(0, 20 * MINUTE_MS), HOUR_MS);
                if (!away(d, t)) {
                    add(t, d, SimEvents.DISCONNECTED_CLEAN);
                    add(t + rng.between(30_000, 8 * MINUTE_MS), d, SimEvents.CONNECTED);
                }
            }
            long y = Mix.hash(seed, d, h, 23);
            if (Mix.unit(y) < blipsPerHour) {
                rng.reseed(y);
                long t = h * HOUR_MS + Math.floorMod(phase + 40 * MINUTE_MS + rng.between(0, 10 * MINUTE_MS), HOUR_MS);
                if (!away(d, t)) {
                    add(t, d, SimEvents.error(SimEvents.C_404104, false));
                    add(t + rng.between(5_000, 90_000), d, SimEvents.CONNECTED);
                }
            }
        }
    }

    /** Background behaviour is held back from 3 minutes before until 1 minute after an incident's hold on the device. */
    private boolean away(int d, long t) {
        if (owner[d] < 0) {
            return false;
        }
        long to = awayTo[d];
        return t >= awayFrom[d] - 3 * MINUTE_MS && (to == Scripts.FOREVER || t < to + MINUTE_MS);
    }

    private void add(long t, int d, int kind) {
        if (t < sliceFrom || t >= sliceTo) {
            return;
        }
        if (n == keys.length) {
            keys = Arrays.copyOf(keys, n * 2);
        }
        keys[n++] = ((t - base) << 27) | ((long) d << 7) | kind;
    }

    private final class SliceSink implements Scripts.Sink {
        int device;

        @Override
        public void event(long timeMs, int kind) {
            add(timeMs, device, kind);
        }

        @Override
        public void away(long fromMs, long toMs) {
        }
    }
}
