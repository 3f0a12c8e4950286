package io.iothubtriage.evidence;

import java.util.Arrays;

/**
 * What the aggregator keeps about one device: a fixed set of scalars, plus a capped buffer of packed analysis-window
 * timestamps that lets the renewal rule be judged at the end whatever order the rows came in.
 *
 * <p>Each buffer entry is one long: {@code offset ms since the analysis window start (bits 63..24) | code index
 * (bits 23..2) | kind (bits 1..0)}. Sorting the longs sorts by time, and at equal milliseconds puts errors before
 * successful connects (a connect carries the all-ones code index), so a connect logged in the same millisecond
 * as an error counts as its follow-up. When the buffer would exceed its cap, the device "spills": its errors are
 * folded into per-code totals ({@link #spill}) and the renewal rule no longer applies to it.
 */
final class DeviceState {

    static final int KIND_ERROR_ON_CONNECT = 0;
    static final int KIND_ERROR_ON_CLOSE = 1;
    static final int KIND_CONNECTED = 2;
    static final int CODE_BITS = 22;
    static final int MAX_CODE_INDEX = (1 << CODE_BITS) - 2;
    static final int CONNECT_CODE = (1 << CODE_BITS) - 1;
    private static final int SHIFT_TIME = CODE_BITS + 2;
    /** Offsets above this would not fit the 39 positive bits left for time (about 17 years). */
    static final long MAX_OFFSET_MS = (1L << (63 - SHIFT_TIME)) - 1;

    /** Spill layout: per code, {code index, events, of which on connect, min time ms, max time ms}. */
    static final int SPILL_STRIDE = 5;

    final String id;

    // analysis window
    boolean active;
    boolean disconnected;
    boolean cleanDisconnect;
    /** Successful connects in the window: how many, the first and the last (what a spilled device still knows). */
    int connects;
    long firstConnectMs = Long.MAX_VALUE;
    long lastConnectMs = Long.MIN_VALUE;
    /** The first successful connect after the window's end (still inside the data): it can settle an error. */
    long connectAfterMs = Long.MAX_VALUE;
    /** The packed buffer; null until the first analysis-window entry (most devices of a big fleet are quiet). */
    long[] entries;
    int size;
    long[] spill;
    int spillCodes;

    // any window: the latest known non-empty value per Dimension (index into that dimension's ValueTable) and its
    // time; fields, not arrays: two array objects per device cost 40 bytes more than the values they hold
    private int dim0 = -1;
    private int dim1 = -1;
    private int dim2 = -1;
    private int dim3 = -1;
    private long dimTime0 = Long.MIN_VALUE;
    private long dimTime1 = Long.MIN_VALUE;
    private long dimTime2 = Long.MIN_VALUE;
    private long dimTime3 = Long.MIN_VALUE;

    // baseline window: the distinct codes seen, to count baseline devices per code
    int[] baselineCodes;
    int baselineCodeCount;

    // filled by finish()
    long nonNoiseEvents;
    int familyOrdinal = -1;

    DeviceState(String id) {
        this.id = id;
    }

    boolean spilled() {
        return spill != null;
    }

    /** The interned value index of dimension {@code d} (a {@link Dimension} ordinal), -1 when unknown. */
    int dimValue(int d) {
        return switch (d) {
            case 0 -> dim0;
            case 1 -> dim1;
            case 2 -> dim2;
            default -> dim3;
        };
    }

    long dimTime(int d) {
        return switch (d) {
            case 0 -> dimTime0;
            case 1 -> dimTime1;
            case 2 -> dimTime2;
            default -> dimTime3;
        };
    }

    void dim(int d, int value, long ms) {
        switch (d) {
            case 0 -> {
                dim0 = value;
                dimTime0 = ms;
            }
            case 1 -> {
                dim1 = value;
                dimTime1 = ms;
            }
            case 2 -> {
                dim2 = value;
                dimTime2 = ms;
            }
            default -> {
                dim3 = value;
                dimTime3 = ms;
            }
        }
    }

    /** Records an error of the analysis window, {@code offsetMs} after {@code windowStartMs}. */
    void addError(long windowStartMs, long offsetMs, int code, boolean onConnect, int cap) {
        if (spill == null && size == cap) {
            spillBuffer(windowStartMs);
        }
        if (spill != null) {
            long ms = windowStartMs + offsetMs;
            spillAdd(code, 1, onConnect ? 1 : 0, ms, ms);
            return;
        }
        append(pack(offsetMs, code, onConnect ? KIND_ERROR_ON_CONNECT : KIND_ERROR_ON_CLOSE), cap);
    }

    /** Records a successful connect of the analysis window; a spilled device keeps only its count and bounds. */
    void addConnected(long windowStartMs, long offsetMs, int cap) {
        long ms = windowStartMs + offsetMs;
        connects++;
        firstConnectMs = Math.min(firstConnectMs, ms);
        lastConnectMs = Math.max(lastConnectMs, ms);
        if (spill == null && size == cap) {
            spillBuffer(windowStartMs);
        }
        if (spill == null) {
            append(pack(offsetMs, CONNECT_CODE, KIND_CONNECTED), cap);
        }
    }

    /** Whether the baseline code was new for this device. */
    boolean addBaselineCode(int code) {
        int[] codes = baselineCodes;
        int n = baselineCodeCount;
        for (int i = 0; i < n; i++) {
            if (codes[i] == code) {
                return false;
            }
        }
        if (codes == null) {
            codes = baselineCodes = new int[2];
        } else if (n == codes.length) {
            codes = baselineCodes = Arrays.copyOf(codes, n * 2);
        }
        codes[n] = code;
        baselineCodeCount = n + 1;
        return true;
    }

    private void append(long entry, int cap) {
        if (entries == null) {
            entries = new long[Math.min(4, cap)];
        } else if (size == entries.length) {
            entries = Arrays.copyOf(entries, Math.min(cap, size * 2));
        }
        entries[size++] = entry;
    }

    private void spillBuffer(long windowStartMs) {
        spill = new long[SPILL_STRIDE * 2];
        for (int i = 0; i < size; i++) {
            long e = entries[i];
            if (kind(e) != KIND_CONNECTED) {
                long ms = windowStartMs + offset(e);
                spillAdd(code(e), 1, kind(e) == KIND_ERROR_ON_CONNECT ? 1 : 0, ms, ms);
            }
        }
        entries = null;
        size = 0;
    }

    private void spillAdd(int code, long events, long onConnect, long minMs, long maxMs) {
        long[] s = spill;
        int n = spillCodes;
        for (int i = 0; i < n; i++) {
            int at = i * SPILL_STRIDE;
            if (s[at] == code) {
                s[at + 1] += events;
                s[at + 2] += onConnect;
                s[at + 3] = Math.min(s[at + 3], minMs);
                s[at + 4] = Math.max(s[at + 4], maxMs);
                return;
            }
        }
        if ((n + 1) * SPILL_STRIDE > s.length) {
            s = spill = Arrays.copyOf(s, s.length * 2);
        }
        int at = n * SPILL_STRIDE;
        s[at] = code;
        s[at + 1] = events;
        s[at + 2] = onConnect;
        s[at + 3] = minMs;
        s[at + 4] = maxMs;
        spillCodes = n + 1;
    }

    static long pack(long offsetMs, int code, int kind) {
        return (offsetMs << SHIFT_TIME) | ((long) code << 2) | kind;
    }

    static long offset(long entry) {
        return entry >>> SHIFT_TIME;
    }

    static int code(long entry) {
        return (int) ((entry >>> 2) & CONNECT_CODE);
    }

    static int kind(long entry) {
        return (int) (entry & 3);
    }

    static boolean isConnected(long entry) {
        return (entry & 3) == KIND_CONNECTED;
    }
}
