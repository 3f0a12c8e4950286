package io.iothubtriage.evidence;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * What {@link ConnectionAggregator#finish()} sums over the devices: per code, per cause family, the fleet's spread
 * over the scope dimensions, the noise counts and the noisiest devices. One pass takes devices in any order, and two
 * passes over disjoint sets of devices {@link #merge} into what one pass over both sets gives: every total is a sum,
 * a minimum or a maximum, the flapping periods are only ever used sorted, and the noisiest devices are chosen by a
 * total order (events, then id). So a big triage can make its pass on two threads and still print the same report.
 *
 * <p>Not thread-safe: one pass per thread.
 */
final class DevicePass {

    private static final CauseFamily[] FAMILIES = CauseFamily.values();

    /**
     * What every pass of one finish shares (read-only).
     *
     * @param dataEndMs the time of the hub's last row, or the window's end when earlier ({@link Long#MAX_VALUE} when
     *                  it had none): how long a device that stopped flapping is known to have stayed connected
     * @param chronic the baseline's chronic candidates by device index ({@link BaselineRenewals.Judgement#chronic})
     */
    record Setup(int codeCount, int[] codeFamily, boolean[] renewalCode, boolean[] duplicateCode, int cap,
                 long followUpMs, long minRepeatMs,
                 long windowStartMs, long edgeFromMs, long dataEndMs, ValueTable[] dimensionValues, int topDevices,
                 Map<Integer, BaselineRenewals.Chronic> chronic) {
    }

    private final Setup setup;
    /** This pass's scratch space for one device at a time. */
    final DeviceErrors scan;
    final CodeTotals[] codeTotals;
    final FamilyTotals[] familyTotals = new FamilyTotals[FAMILIES.length];
    final BreakdownCounter fleet;
    /** The noisiest devices so far, least noisy at the head (so it is the one dropped past the limit). */
    final PriorityQueue<Ranked> noisiest = new PriorityQueue<>(NoisiestFirst.INSTANCE.reversed());
    private final long[] onConnectByFamily = new long[FAMILIES.length];
    private final long[] onCloseByFamily = new long[FAMILIES.length];
    int renewalDevices;
    long renewalEvents;
    int edgeDevices;
    long edgeEvents;
    int sideEffectDevices;
    int disconnected;
    int cleanDisconnects;
    /** The devices set aside as chronic: failing in the window as they were all through the baseline. */
    final ChronicTotals chronic = new ChronicTotals();

    DevicePass(Setup setup) {
        this.setup = setup;
        this.scan = new DeviceErrors(setup.codeCount(), setup.renewalCode(), setup.duplicateCode(), setup.cap(),
                setup.followUpMs(),
                setup.minRepeatMs());
        this.codeTotals = new CodeTotals[setup.codeCount()];
        for (int i = 0; i < codeTotals.length; i++) {
            codeTotals[i] = new CodeTotals();
        }
        this.fleet = new BreakdownCounter(setup.dimensionValues());
    }

    /** Bytes a pass's counters take at most (the fleet's and every family's counts per dimension value). */
    static long countersBytes(ValueTable[] tables) {
        long values = 0;
        for (ValueTable t : tables) {
            values += t.size();
        }
        return 4 * values * (1 + FAMILIES.length);
    }

    /** Adds one device (inactive ones, seen only outside both windows, count for nothing). */
    void add(DeviceState d) {
        if (!d.active) {
            return;
        }
        fleet.add(d);
        cleanDisconnects += d.cleanDisconnect ? 1 : 0;
        if (d.size == 0 && !d.spilled()) {
            disconnected += d.disconnected ? 1 : 0;
            return;
        }
        DeviceErrors scan = this.scan;
        scan.load(d, setup.windowStartMs(), setup.dataEndMs(), steadyTakeovers(d));
        // A device whose only errors were token renewals is noise, and it came straight back: it is not part of a
        // drop. One that renewed and then failed otherwise is counted where those errors put it (the cause, the
        // edge of the data, or chronic), never also as "only renewing".
        boolean onlyRenewing = scan.renewalTotal > 0 && scan.evidenceTotal == 0;
        if (onlyRenewing) {
            renewalDevices++;
            renewalEvents += scan.renewalTotal;
        }
        boolean edgeOnly = scan.evidenceTotal > 0 && scan.evidenceMinMs > setup.edgeFromMs();
        if (edgeOnly) {
            edgeDevices++;
            edgeEvents += scan.evidenceTotal;
        }
        Arrays.fill(onConnectByFamily, 0);
        Arrays.fill(onCloseByFamily, 0);
        int[] codeFamily = setup.codeFamily();
        for (int i = 0; i < scan.touchedCount; i++) {
            int c = scan.touched[i];
            long ev = scan.evidence[c];
            int f = codeFamily[c];
            onConnectByFamily[f] += scan.onConnect[c];
            onCloseByFamily[f] += ev - scan.onConnect[c];
        }
        CauseFamily family = edgeOnly || scan.evidenceTotal == 0 ? null
                : Attribution.attribute(onConnectByFamily, onCloseByFamily);
        BaselineRenewals.Chronic chronicDevice = family == null ? null : chronic(d, family);
        // Noise devices are no part of a drop (the contract: "Noise devices (SAS renewals, edge of data) are not
        // 'devices that disconnected' for the one-tenth rule"): a renewer came straight back, a device whose errors
        // all sit at the edge of the data is not counted until its follow-up can be seen, and a chronic one has
        // been dropping like this all along.
        if (d.disconnected && !onlyRenewing && !edgeOnly && chronicDevice == null) {
            disconnected++;
        }
        boolean setAside = edgeOnly || chronicDevice != null;
        for (int i = 0; i < scan.touchedCount; i++) {
            int c = scan.touched[i];
            CodeTotals t = codeTotals[c];
            t.noiseEvents += scan.renewal[c];
            long ev = scan.evidence[c];
            if (ev == 0) {
                continue;
            }
            if (setAside) {
                t.noiseEvents += ev;
                if (edgeOnly) {
                    t.edgeDevices++;
                    t.edgeEvents += ev;
                    t.edgeMinMs = Math.min(t.edgeMinMs, scan.minMs[c]);
                    t.edgeMaxMs = Math.max(t.edgeMaxMs, scan.maxMs[c]);
                }
                continue;
            }
            t.events += ev;
            t.devices++;
            t.onConnect += scan.onConnect[c];
            t.minMs = Math.min(t.minMs, scan.minMs[c]);
            t.maxMs = Math.max(t.maxMs, scan.maxMs[c]);
        }
        if (family == null) {
            return;
        }
        if (chronicDevice != null) {
            chronic.add(d, scan, family, chronicDevice);
            return;
        }
        if (Attribution.duplicatesAreSideEffect(onConnectByFamily, onCloseByFamily)) {
            sideEffectDevices++;
        }
        family(family.ordinal()).add(d, scan);
        // the state keeps no ranking fields (memory per device): a candidate is a small object made here
        if (noisiest.size() < setup.topDevices() || scan.evidenceTotal >= noisiest.peek().events()) {
            offer(new Ranked(d, scan.evidenceTotal, family.ordinal()));
        }
    }

    /**
     * A device taken over all through the baseline (a chronic candidate of duplicate connections): it keeps its steady
     * takeover pattern in the window, however few takeovers the window's minutes hold.
     */
    boolean steadyTakeovers(DeviceState d) {
        BaselineRenewals.Chronic before = setup.chronic().isEmpty() ? null : setup.chronic().get(d.index);
        return before != null && before.of(CauseFamily.DUPLICATE_CONNECTION);
    }

    /**
     * The device's chronic record when it is chronic noise in this window: its errors of the family it is attributed
     * to fell in most of the baseline's hours, and it is failing the same way now: it connected again after its last
     * error (it keeps reconnecting and dropping), or it is still refused as it was all through the baseline, where it
     * never connected. A device that failed all along but has now gone silent is something new: it counts.
     */
    private BaselineRenewals.Chronic chronic(DeviceState d, CauseFamily family) {
        Map<Integer, BaselineRenewals.Chronic> candidates = setup.chronic();
        if (candidates.isEmpty()) {
            return null;
        }
        BaselineRenewals.Chronic c = candidates.get(d.index);
        if (c == null || !c.of(family)) {
            return null;
        }
        return scan.connectedAfterLastError || !c.connected() ? c : null;
    }

    /** Adds what {@code other} counted over other devices. */
    void merge(DevicePass other) {
        for (int c = 0; c < codeTotals.length; c++) {
            codeTotals[c].merge(other.codeTotals[c]);
        }
        for (int f = 0; f < FAMILIES.length; f++) {
            if (other.familyTotals[f] != null) {
                family(f).merge(other.familyTotals[f]);
            }
        }
        fleet.merge(other.fleet);
        for (Ranked r : other.noisiest) {
            offer(r);
        }
        renewalDevices += other.renewalDevices;
        renewalEvents += other.renewalEvents;
        edgeDevices += other.edgeDevices;
        edgeEvents += other.edgeEvents;
        sideEffectDevices += other.sideEffectDevices;
        disconnected += other.disconnected;
        cleanDisconnects += other.cleanDisconnects;
        chronic.merge(other.chronic);
    }

    private FamilyTotals family(int ordinal) {
        FamilyTotals ft = familyTotals[ordinal];
        if (ft == null) {
            ft = familyTotals[ordinal] = new FamilyTotals(setup.dimensionValues());
        }
        return ft;
    }

    private void offer(Ranked r) {
        noisiest.add(r);
        if (noisiest.size() > setup.topDevices()) {
            noisiest.poll();
        }
    }

    /** A device with evidence, as a candidate for the top devices. */
    record Ranked(DeviceState device, long events, int family) {
    }

    /** Most non-noise events first, then device id. A plain class, not a lambda: cheap in a cold JVM. */
    static final class NoisiestFirst implements java.util.Comparator<Ranked> {
        static final NoisiestFirst INSTANCE = new NoisiestFirst();

        @Override
        public int compare(Ranked a, Ranked b) {
            int c = Long.compare(b.events, a.events);
            return c != 0 ? c : a.device.compareId(b.device);
        }
    }

    /** One result code: what the pass sums over devices. */
    static final class CodeTotals {
        long events;
        int devices;
        long noiseEvents;
        long onConnect;
        long minMs = Long.MAX_VALUE;
        long maxMs = Long.MIN_VALUE;
        /** Devices set aside at the edge of the data with errors of this code, their errors and when. */
        int edgeDevices;
        long edgeEvents;
        long edgeMinMs = Long.MAX_VALUE;
        long edgeMaxMs = Long.MIN_VALUE;

        void merge(CodeTotals o) {
            edgeDevices += o.edgeDevices;
            edgeEvents += o.edgeEvents;
            edgeMinMs = Math.min(edgeMinMs, o.edgeMinMs);
            edgeMaxMs = Math.max(edgeMaxMs, o.edgeMaxMs);
            events += o.events;
            devices += o.devices;
            noiseEvents += o.noiseEvents;
            onConnect += o.onConnect;
            minMs = Math.min(minMs, o.minMs);
            maxMs = Math.max(maxMs, o.maxMs);
        }
    }

    /**
     * What became of a set of devices after their errors (as {@link DeviceErrors} judged each): flapping, each with
     * its period, reconnected, or still offline. Sums and a concatenation: passes over disjoint devices merge into
     * what one pass gives.
     */
    static final class Outcomes {
        int flapping;
        int reconnected;
        int stillOffline;
        long[] periods = new long[8];

        void add(DeviceErrors scan) {
            if (scan.flapping) {
                if (flapping == periods.length) {
                    periods = Arrays.copyOf(periods, flapping * 2);
                }
                periods[flapping++] = scan.flappingPeriodMs;
            } else if (scan.connectedAfterLastError) {
                reconnected++;
            } else {
                stillOffline++;
            }
        }

        void merge(Outcomes o) {
            reconnected += o.reconnected;
            stillOffline += o.stillOffline;
            if (flapping + o.flapping > periods.length) {
                periods = Arrays.copyOf(periods, flapping + o.flapping);
            }
            System.arraycopy(o.periods, 0, periods, flapping, o.flapping);
            flapping += o.flapping;
        }

        /** The median flapping period (the upper one of an even count), whatever order the devices came in. */
        Optional<java.time.Duration> medianPeriod() {
            if (flapping == 0) {
                return Optional.empty();
            }
            long[] p = Arrays.copyOf(periods, flapping);
            Arrays.sort(p);
            return Optional.of(java.time.Duration.ofMillis(p[flapping / 2]));
        }
    }

    /** One cause family: the devices attributed to it. */
    static final class FamilyTotals {
        int devices;
        final Outcomes outcomes = new Outcomes();
        long minMs = Long.MAX_VALUE;
        long maxMs = Long.MIN_VALUE;
        final BreakdownCounter dimensions;

        FamilyTotals(ValueTable[] tables) {
            dimensions = new BreakdownCounter(tables);
        }

        void add(DeviceState d, DeviceErrors scan) {
            devices++;
            outcomes.add(scan);
            minMs = Math.min(minMs, scan.evidenceMinMs);
            maxMs = Math.max(maxMs, scan.evidenceMaxMs);
            dimensions.add(d);
        }

        void merge(FamilyTotals o) {
            devices += o.devices;
            outcomes.merge(o.outcomes);
            minMs = Math.min(minMs, o.minMs);
            maxMs = Math.max(maxMs, o.maxMs);
            dimensions.merge(o.dimensions);
        }
    }

    /**
     * The devices set aside as chronic: how many, their window events, what became of them (as {@link FamilyTotals}
     * counts it), their families, the fewest baseline hours any of them failed in, and the first ids by id order.
     * Sums, minimums and a sorted merge: passes over disjoint devices merge into what one pass gives.
     */
    static final class ChronicTotals {
        static final int EXAMPLES = 3;
        int devices;
        long events;
        final Outcomes outcomes = new Outcomes();
        int minHours = Integer.MAX_VALUE;
        final int[] byFamily = new int[FAMILIES.length];
        /** Per class, these devices' baseline events: set aside from the baseline as from the window. */
        final long[] baselineEvents = new long[BaselineRenewals.CLASSES];
        final java.util.List<DeviceState> examples = new java.util.ArrayList<>(EXAMPLES + 1);

        void add(DeviceState d, DeviceErrors scan, CauseFamily family, BaselineRenewals.Chronic c) {
            devices++;
            events += scan.evidenceTotal;
            outcomes.add(scan);
            minHours = Math.min(minHours, c.hours()[family.ordinal()]);
            byFamily[family.ordinal()]++;
            for (int k = 0; k < baselineEvents.length; k++) {
                baselineEvents[k] += c.events()[k];
            }
            example(d);
        }

        private void example(DeviceState d) {
            int at = examples.size();
            while (at > 0 && d.compareId(examples.get(at - 1)) < 0) {
                at--;
            }
            if (at < EXAMPLES) {
                examples.add(at, d);
                if (examples.size() > EXAMPLES) {
                    examples.remove(EXAMPLES);
                }
            }
        }

        void merge(ChronicTotals o) {
            devices += o.devices;
            events += o.events;
            outcomes.merge(o.outcomes);
            minHours = Math.min(minHours, o.minHours);
            for (int f = 0; f < byFamily.length; f++) {
                byFamily[f] += o.byFamily[f];
            }
            for (int k = 0; k < baselineEvents.length; k++) {
                baselineEvents[k] += o.baselineEvents[k];
            }
            for (DeviceState d : o.examples) {
                example(d);
            }
        }
    }
}
