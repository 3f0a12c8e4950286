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
 *
 * <p>Compact on purpose: a fleet of a million devices must fit the CLI's 256 MB heap with the row fingerprints, so
 * the state is 88 bytes plus the id. The id is kept as its Latin-1 bytes when it has no other character
 * (device ids are ASCII: 16 bytes less than a String, and no second object); dimension times are int ticks of the
 * aggregator's clock ({@link ConnectionAggregator}); what only a spilled device needs (its connect count and
 * bounds) lives in the spill array's header; the first baseline code is a field (most devices have one).
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

    /** Spill layout: a header, then per code {code index, events, of which on connect, min time ms, max time ms}. */
    static final int SPILL_STRIDE = 5;
    /** Spill header: successful connects in the window, the first and the last (ms), the number of codes. */
    static final int SPILL_HEADER = 4;
    private static final int H_CONNECTS = 0;
    private static final int H_FIRST_CONNECT = 1;
    private static final int H_LAST_CONNECT = 2;
    private static final int H_CODES = 3;
    /** No dimension value seen yet (dimension times are ticks, never negative). */
    static final int NO_TIME = Integer.MIN_VALUE;

    /** The id: its Latin-1 bytes (byte[]) when every character fits, else the String. */
    private final Object id;
    /** The order in which the device was first seen: its name in the baseline's renewal log (in the padding). */
    final int index;

    // analysis window
    boolean active;
    boolean disconnected;
    boolean cleanDisconnect;
    /** The first successful connect after the window's end (still inside the data): it can settle an error. */
    long connectAfterMs = Long.MAX_VALUE;
    /** The packed buffer; null until the first analysis-window entry (most devices of a big fleet are quiet). */
    long[] entries;
    int size;
    /** Per-code totals once spilled, after a header: see {@link #SPILL_HEADER}. */
    long[] spill;

    // any window: the latest known non-empty value per Dimension (index into that dimension's ValueTable) and its
    // time in ticks; fields, not arrays: two array objects per device cost 40 bytes more than the values they hold
    private int dim0 = -1;
    private int dim1 = -1;
    private int dim2 = -1;
    private int dim3 = -1;
    private int dimTime0 = NO_TIME;
    private int dimTime1 = NO_TIME;
    private int dimTime2 = NO_TIME;
    private int dimTime3 = NO_TIME;

    // baseline window: the distinct codes seen, to count baseline devices per code (a bit for each of the first 32
    // code indexes, a list for any later one)
    private int baselineCodeBits;
    private int[] moreBaselineCodes;
    private int moreBaselineCodeCount;

    DeviceState(String id, int index) {
        this.id = latin1(id);
        this.index = index;
    }

    /** A device whose id is the ASCII bytes {@code b[start, start + length)} (copied: the buffer is a reader's). */
    DeviceState(byte[] b, int start, int length, int index) {
        this.id = Arrays.copyOfRange(b, start, start + length);
        this.index = index;
    }

    /** The device id (a new String when it is kept as bytes: for reports, not per row). */
    String id() {
        return id instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.ISO_8859_1) : (String) id;
    }

    /** The id's length in bytes or chars (reads the id object: see {@link RowAssembler#findDevices}). */
    int idLength() {
        return id instanceof byte[] b ? b.length : ((String) id).length();
    }

    /** Whether this is the device {@code other} names. */
    boolean is(String other) {
        if (id instanceof byte[] b) {
            int n = b.length;
            if (other.length() != n) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (other.charAt(i) != (char) (b[i] & 0xff)) {
                    return false;
                }
            }
            return true;
        }
        return id.equals(other);
    }

    /**
     * Whether this is the device whose id is the ASCII bytes {@code b[start, start + length)}: a vectorised compare
     * of the bytes kept (an id kept as a String has a character beyond Latin-1, so it is never an ASCII id).
     */
    boolean is(byte[] b, int start, int length) {
        return id instanceof byte[] k && Arrays.equals(k, 0, k.length, b, start, start + length);
    }

    /** Compares the ids as {@link String#compareTo} does, without making Strings. */
    int compareId(DeviceState other) {
        if (!(id instanceof byte[]) || !(other.id instanceof byte[])) {
            return id().compareTo(other.id());
        }
        byte[] a = (byte[]) id;
        byte[] b = (byte[]) other.id;
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int c = (a[i] & 0xff) - (b[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return a.length - b.length;
    }

    private static Object latin1(String s) {
        int n = s.length();
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c > 0xff) {
                return s;
            }
            b[i] = (byte) c;
        }
        return b;
    }

    boolean spilled() {
        return spill != null;
    }

    int spillCodes() {
        return (int) spill[H_CODES];
    }

    /** Successful connects in the window (kept for a spilled device only; the buffer holds them otherwise). */
    long spilledConnects() {
        return spill[H_CONNECTS];
    }

    long spilledFirstConnectMs() {
        return spill[H_FIRST_CONNECT];
    }

    long spilledLastConnectMs() {
        return spill[H_LAST_CONNECT];
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

    /** The time (ticks) of dimension {@code d}'s value, {@link #NO_TIME} when unknown. */
    int dimTime(int d) {
        return switch (d) {
            case 0 -> dimTime0;
            case 1 -> dimTime1;
            case 2 -> dimTime2;
            default -> dimTime3;
        };
    }

    void dim(int d, int value, int ticks) {
        switch (d) {
            case 0 -> {
                dim0 = value;
                dimTime0 = ticks;
            }
            case 1 -> {
                dim1 = value;
                dimTime1 = ticks;
            }
            case 2 -> {
                dim2 = value;
                dimTime2 = ticks;
            }
            default -> {
                dim3 = value;
                dimTime3 = ticks;
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
        if (spill == null && size == cap) {
            spillBuffer(windowStartMs);
        }
        if (spill == null) {
            append(pack(offsetMs, CONNECT_CODE, KIND_CONNECTED), cap);
        } else {
            noteConnect(windowStartMs + offsetMs);
        }
    }

    /** 1 when the baseline code is new for this device, else 0: a count to add. */
    int addBaselineCode(int code) {
        if (code < Integer.SIZE) {
            // No branch on whether the code is new. With one (a device's first code, its second, a repeat), the
            // JIT's code for the aggregator's per-row method was thrown away and compiled again each time a case it
            // had not yet seen first turned up, late in an export (the baseline's rows come last, a device's second
            // code later still): two or three times a run, the whole method each time (docs/benchmarks.md, round 4).
            int seen = baselineCodeBits;
            baselineCodeBits = seen | 1 << code;
            return ~seen >>> code & 1;
        }
        return addLaterBaselineCode(code) ? 1 : 0;
    }

    /** A code indexed 32 or more (a hub with that many distinct codes): kept in a list. */
    private boolean addLaterBaselineCode(int code) {
        int[] codes = moreBaselineCodes;
        int n = moreBaselineCodeCount;
        for (int i = 0; i < n; i++) {
            if (codes[i] == code) {
                return false;
            }
        }
        if (codes == null) {
            codes = moreBaselineCodes = new int[2];
        } else if (n == codes.length) {
            codes = moreBaselineCodes = Arrays.copyOf(codes, n * 2);
        }
        codes[n] = code;
        moreBaselineCodeCount = n + 1;
        return true;
    }

    private void append(long entry, int cap) {
        if (entries == null) {
            entries = new long[Math.min(2, cap)];
        } else if (size == entries.length) {
            entries = Arrays.copyOf(entries, Math.min(cap, size * 2));
        }
        entries[size++] = entry;
    }

    private void spillBuffer(long windowStartMs) {
        spill = new long[SPILL_HEADER + SPILL_STRIDE * 2];
        spill[H_FIRST_CONNECT] = Long.MAX_VALUE;
        spill[H_LAST_CONNECT] = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            long e = entries[i];
            long ms = windowStartMs + offset(e);
            if (kind(e) == KIND_CONNECTED) {
                noteConnect(ms);
            } else {
                spillAdd(code(e), 1, kind(e) == KIND_ERROR_ON_CONNECT ? 1 : 0, ms, ms);
            }
        }
        entries = null;
        size = 0;
    }

    private void noteConnect(long ms) {
        long[] s = spill;
        s[H_CONNECTS]++;
        s[H_FIRST_CONNECT] = Math.min(s[H_FIRST_CONNECT], ms);
        s[H_LAST_CONNECT] = Math.max(s[H_LAST_CONNECT], ms);
    }

    private void spillAdd(int code, long events, long onConnect, long minMs, long maxMs) {
        long[] s = spill;
        int n = (int) s[H_CODES];
        for (int i = 0; i < n; i++) {
            int at = SPILL_HEADER + i * SPILL_STRIDE;
            if (s[at] == code) {
                s[at + 1] += events;
                s[at + 2] += onConnect;
                s[at + 3] = Math.min(s[at + 3], minMs);
                s[at + 4] = Math.max(s[at + 4], maxMs);
                return;
            }
        }
        if (SPILL_HEADER + (n + 1) * SPILL_STRIDE > s.length) {
            s = spill = Arrays.copyOf(s, SPILL_HEADER + (s.length - SPILL_HEADER) * 2);
        }
        int at = SPILL_HEADER + n * SPILL_STRIDE;
        s[at] = code;
        s[at + 1] = events;
        s[at + 2] = onConnect;
        s[at + 3] = minMs;
        s[at + 4] = maxMs;
        s[H_CODES] = n + 1;
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
