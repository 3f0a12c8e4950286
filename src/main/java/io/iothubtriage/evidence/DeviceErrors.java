package io.iothubtriage.evidence;

import java.util.Arrays;

/**
 * Scratch space for finish(): one device's errors per code after the renewal rule, reused device after device so
 * finishing allocates nothing per device. Arrays are indexed by code index; only touched codes are reset.
 */
final class DeviceErrors {
    /**
     * How many failures, each after the device had connected again, make it flapping: the first drop and two more
     * after reconnects, so that there is a period to speak of (repeated drops, not one drop after a renewal).
     */
    static final int FLAPPING_MIN_FAILURES = 3;
    /**
     * A device that failed again and again and then stayed connected for this many of its periods (and at least
     * {@link #STOPPED_MIN_MS}) to the end of the data has stopped flapping: it reconnected (a rollback, a fix).
     */
    static final int STOPPED_PERIODS = 3;
    static final long STOPPED_MIN_MS = 2 * 60_000L;
    final long[] evidence;
    final long[] onConnect;
    final long[] renewal;
    final long[] minMs;
    final long[] maxMs;
    final int[] touched;
    int touchedCount;
    private final boolean[] isTouched;
    long evidenceTotal;
    long renewalTotal;
    long evidenceMinMs;
    long evidenceMaxMs;
    /**
     * After the renewal rule: the device keeps reconnecting and failing, at least {@link #FLAPPING_MIN_FAILURES}
     * failures with a reconnect before each later one. One drop after one earlier failure (often a token renewal
     * just too close to the incident to be set aside) is no period: that device reconnected or is still offline.
     */
    boolean flapping;
    /**
     * For a flapping device: the median time from one failure (error group) to the next (the upper one of an even
     * count), so that a long outage before the first reconnect does not stretch the period of the drops after it.
     */
    long flappingPeriodMs;
    /** A successful connect (in the window or after it) follows the device's last evidence error. */
    boolean connectedAfterLastError;

    private final boolean[] noise;
    private final long[] sorted;
    /** The device's failure times, then the intervals between them (scratch). */
    private final long[] failureMs;
    private final int[] groups;
    private final boolean[] renewalCode;
    private final boolean[] duplicateCode;
    private final long followUpMs;
    private final long minRepeatMs;

    DeviceErrors(int codes, boolean[] renewalCode, boolean[] duplicateCode, int cap, long followUpMs,
                 long minRepeatMs) {
        evidence = new long[codes];
        onConnect = new long[codes];
        renewal = new long[codes];
        minMs = new long[codes];
        maxMs = new long[codes];
        touched = new int[codes];
        isTouched = new boolean[codes];
        Arrays.fill(minMs, Long.MAX_VALUE);
        Arrays.fill(maxMs, Long.MIN_VALUE);
        noise = new boolean[cap + 1];
        groups = new int[3 * (cap + 1)];
        sorted = new long[cap + 1];
        failureMs = new long[cap + 1];
        this.renewalCode = renewalCode;
        this.duplicateCode = duplicateCode;
        this.followUpMs = followUpMs;
        this.minRepeatMs = minRepeatMs;
    }

    /**
     * Loads one device: sorts its buffer, applies the renewal rule, and sums the rest per code. {@code dataEndMs}: the
     * hub's last row ({@link Long#MAX_VALUE} when unknown), to tell a device that stopped flapping;
     * {@code steadyTakeovers}: see {@link RenewalRule#mark}.
     */
    void load(DeviceState d, long windowStartMs, long dataEndMs, boolean steadyTakeovers) {
        clear();
        if (d.spilled()) {
            long[] s = d.spill;
            for (int i = 0, n = d.spillCodes(); i < n; i++) {
                int at = DeviceState.SPILL_HEADER + i * DeviceState.SPILL_STRIDE;
                int code = (int) s[at];
                touch(code);
                evidence[code] += s[at + 1];
                onConnect[code] += s[at + 2];
                minMs[code] = Math.min(minMs[code], s[at + 3]);
                maxMs[code] = Math.max(maxMs[code], s[at + 4]);
                evidenceTotal += s[at + 1];
                evidenceMinMs = Math.min(evidenceMinMs, s[at + 3]);
                evidenceMaxMs = Math.max(evidenceMaxMs, s[at + 4]);
            }
            spilledReconnects(d);
            return;
        }
        int n = d.size;
        long[] e = sorted;
        if (n > 0) {
            Arrays.sort(d.entries, 0, n);
            System.arraycopy(d.entries, 0, e, 0, n);
        }
        if (d.connectAfterMs != Long.MAX_VALUE) {
            // a connect after the window's end is the follow-up of the window's last errors (it sorts last)
            e[n++] = DeviceState.pack(d.connectAfterMs - windowStartMs, DeviceState.CONNECT_CODE,
                    DeviceState.KIND_CONNECTED);
        }
        Arrays.fill(noise, 0, n, false);
        RenewalRule.mark(e, n, renewalCode, duplicateCode, steadyTakeovers, followUpMs, minRepeatMs, groups, noise);
        int failures = 0;
        long lastFailureMs = 0;
        boolean connectedSinceError = false;
        for (int i = 0; i < n; i++) {
            long entry = e[i];
            if (DeviceState.isConnected(entry)) {
                connectedSinceError = true;
                continue;
            }
            if (!noise[i]) {
                long at = windowStartMs + DeviceState.offset(entry);
                if (failures == 0 || connectedSinceError) {
                    // a new failure: the first evidence error, or one after the device had connected again
                    lastFailureMs = at;
                    failureMs[failures++] = at;
                }
                connectedSinceError = false;
            }
            int code = DeviceState.code(entry);
            touch(code);
            if (noise[i]) {
                renewal[code]++;
                renewalTotal++;
                continue;
            }
            long ms = windowStartMs + DeviceState.offset(entry);
            evidence[code]++;
            if (DeviceState.kind(entry) == DeviceState.KIND_ERROR_ON_CONNECT) {
                onConnect[code]++;
            }
            minMs[code] = Math.min(minMs[code], ms);
            maxMs[code] = Math.max(maxMs[code], ms);
            evidenceTotal++;
            evidenceMinMs = Math.min(evidenceMinMs, ms);
            evidenceMaxMs = Math.max(evidenceMaxMs, ms);
        }
        flapping = failures >= FLAPPING_MIN_FAILURES;
        flappingPeriodMs = flapping ? medianInterval(failures) : 0;
        connectedAfterLastError = failures > 0 && connectedSinceError;
        if (flapping && connectedSinceError && dataEndMs != Long.MAX_VALUE
                && dataEndMs - lastFailureMs >= Math.max(STOPPED_PERIODS * flappingPeriodMs, STOPPED_MIN_MS)) {
            flapping = false; // it stopped: connected since its last failure, for several of its periods
            flappingPeriodMs = 0;
        }
    }

    /** The median of the intervals between the first {@code failures} failure times, in place (upper of two). */
    private long medianInterval(int failures) {
        int intervals = failures - 1;
        for (int i = 0; i < intervals; i++) {
            failureMs[i] = failureMs[i + 1] - failureMs[i];
        }
        Arrays.sort(failureMs, 0, intervals);
        return failureMs[intervals / 2];
    }

    /**
     * A spilled device kept only the count and bounds of its connects: it flapped when a connect falls between its
     * first and last error, and reconnected when its last connect is after its last error.
     */
    private void spilledReconnects(DeviceState d) {
        long connects = d.spilledConnects();
        long firstConnectMs = d.spilledFirstConnectMs();
        long lastConnectMs = d.spilledLastConnectMs();
        long lastConnect = Math.max(lastConnectMs, d.connectAfterMs == Long.MAX_VALUE ? Long.MIN_VALUE
                : d.connectAfterMs);
        boolean between = connects > 0 && ((firstConnectMs > evidenceMinMs && firstConnectMs < evidenceMaxMs)
                || (lastConnectMs > evidenceMinMs && lastConnectMs < evidenceMaxMs) || connects > 2);
        flapping = evidenceTotal >= FLAPPING_MIN_FAILURES && between;
        flappingPeriodMs = flapping ? (evidenceMaxMs - evidenceMinMs) / Math.max(1, connects) : 0;
        connectedAfterLastError = evidenceTotal > 0 && lastConnect > evidenceMaxMs;
    }

    private void touch(int code) {
        if (!isTouched[code]) {
            isTouched[code] = true;
            touched[touchedCount++] = code;
        }
    }

    private void clear() {
        for (int i = 0; i < touchedCount; i++) {
            int c = touched[i];
            evidence[c] = 0;
            onConnect[c] = 0;
            renewal[c] = 0;
            minMs[c] = Long.MAX_VALUE;
            maxMs[c] = Long.MIN_VALUE;
            isTouched[c] = false;
        }
        touchedCount = 0;
        evidenceTotal = 0;
        renewalTotal = 0;
        evidenceMinMs = Long.MAX_VALUE;
        evidenceMaxMs = Long.MIN_VALUE;
        flapping = false;
        flappingPeriodMs = 0;
        connectedAfterLastError = false;
    }
}
