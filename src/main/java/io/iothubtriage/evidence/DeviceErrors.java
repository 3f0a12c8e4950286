package io.iothubtriage.evidence;

import java.util.Arrays;

/**
 * Scratch space for finish(): one device's errors per code after the renewal rule, reused device after device so
 * finishing allocates nothing per device. Arrays are indexed by code index; only touched codes are reset.
 */
final class DeviceErrors {
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

    private final boolean[] noise;
    private final int[] groups;
    private final boolean[] renewalCode;
    private final long followUpMs;
    private final long minRepeatMs;

    DeviceErrors(int codes, boolean[] renewalCode, int cap, long followUpMs, long minRepeatMs) {
        evidence = new long[codes];
        onConnect = new long[codes];
        renewal = new long[codes];
        minMs = new long[codes];
        maxMs = new long[codes];
        touched = new int[codes];
        isTouched = new boolean[codes];
        Arrays.fill(minMs, Long.MAX_VALUE);
        Arrays.fill(maxMs, Long.MIN_VALUE);
        noise = new boolean[cap];
        groups = new int[3 * cap];
        this.renewalCode = renewalCode;
        this.followUpMs = followUpMs;
        this.minRepeatMs = minRepeatMs;
    }

    /** Loads one device: sorts its buffer, applies the renewal rule, and sums the rest per code. */
    void load(DeviceState d, long windowStartMs) {
        clear();
        if (d.spilled()) {
            long[] s = d.spill;
            for (int i = 0; i < d.spillCodes; i++) {
                int at = i * DeviceState.SPILL_STRIDE;
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
            return;
        }
        int n = d.size;
        long[] e = d.entries;
        Arrays.sort(e, 0, n);
        Arrays.fill(noise, 0, n, false);
        RenewalRule.mark(e, n, renewalCode, followUpMs, minRepeatMs, groups, noise);
        for (int i = 0; i < n; i++) {
            long entry = e[i];
            if (DeviceState.isConnected(entry)) {
                continue;
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
    }
}
