package io.iothubtriage.evidence;

import java.util.Arrays;

/**
 * The SAS-renewal rule applied to the baseline window, so that a code's baseline count is taken by the same rule as
 * its window count (the contract: "{@code baselineEvents} counts the baseline window's events by the same rule").
 *
 * <p>The baseline is a day of rows arriving in any order, and a renewal can only be judged once all of a device's
 * rows around it are known. So the rows the rule looks at (errors and successful connects of a device) are kept as
 * one packed long each in a shared log, not per device: {@code device index (bits 62..38) | ms since the baseline's
 * start (bits 37..2) | class (bits 1..0)}. The per-device cost is the device's index in {@link DeviceState} (it fits
 * the state's padding); the log costs 8 bytes per such row, in chunks (no doubling copy once past the first chunk).
 * At {@link #noise()} the chunks are sorted in place (which sorts by device, then time, errors before connects at
 * the same millisecond), merged, and each device's run goes through {@link RenewalRule#mark}, the code that judges
 * the analysis window.
 *
 * <p>Bounded: past {@code cap} rows the log is dropped and the rule is not applied ({@link #exact()} is false); the
 * diagnosis then falls back to estimating the baseline's renewals from the window's rate, and says "about".
 */
final class BaselineRenewals {

    static final int CLASS_401003 = 0;
    static final int CLASS_404104 = 1;
    static final int CLASS_OTHER_ERROR = 2;
    static final int CLASS_CONNECT = 3;

    private static final int DEVICE_BITS = 25;
    static final int MAX_DEVICE_INDEX = (1 << DEVICE_BITS) - 1;
    private static final int SHIFT_DEVICE = 38;
    /** Offsets must fit the 36 bits between the device and the class (about 795 days). */
    static final long MAX_OFFSET_MS = (1L << (SHIFT_DEVICE - 2)) - 1;
    private static final int FIRST_CHUNK = 4096;
    private static final int CHUNK = 1 << 20;
    /** The pseudo code indexes the rule sees: 401003, 404104, any other code. */
    private static final boolean[] RENEWAL_CLASS = {true, true, false};

    private final long startMs;
    private final long followUpMs;
    private final long minRepeatMs;
    private final long cap;
    private long[][] chunks = new long[4][];
    private int chunkCount;
    private long size;
    private boolean overflow;

    /**
     * @param startMs the baseline window's start
     * @param spanMs  how far after {@code startMs} a row can lie (the baseline and its follow-up span)
     * @param cap     how many rows the log keeps at most before the rule is given up
     */
    BaselineRenewals(long startMs, long spanMs, long followUpMs, long minRepeatMs, long cap) {
        this.startMs = startMs;
        this.followUpMs = followUpMs;
        this.minRepeatMs = minRepeatMs;
        this.cap = cap;
        this.overflow = spanMs > MAX_OFFSET_MS;
    }

    /** The class of an error row's code. */
    static int errorClass(String code) {
        return switch (code) {
            case "401003" -> CLASS_401003;
            case "404104" -> CLASS_404104;
            default -> CLASS_OTHER_ERROR;
        };
    }

    /** Whether the rule was applied to every baseline row (false once the log outgrew its cap). */
    boolean exact() {
        return !overflow;
    }

    /** Logs one error (its {@link #errorClass}) or successful connect ({@link #CLASS_CONNECT}) of a device. */
    void add(int device, long ms, int cls) {
        if (overflow) {
            return;
        }
        if (size >= cap || device > MAX_DEVICE_INDEX) {
            // give the rule up rather than the heap: the diagnosis estimates instead, and says so
            overflow = true;
            chunks = new long[0][];
            chunkCount = 0;
            size = 0;
            return;
        }
        long entry = ((long) device << SHIFT_DEVICE) | ((ms - startMs) << 2) | cls;
        if (chunkCount == 0) {
            chunks[chunkCount++] = new long[FIRST_CHUNK];
        }
        int inChunk = (int) (size % CHUNK);
        if (inChunk == 0 && size > 0) {
            // the last chunk is full
            if (chunkCount == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunkCount * 2);
            }
            chunks[chunkCount++] = new long[CHUNK];
        }
        long[] last = chunks[chunkCount - 1];
        if (inChunk == last.length) {
            // only the first chunk grows (4096 rows up to a full chunk): small triages stay small
            last = chunks[chunkCount - 1] = Arrays.copyOf(last, Math.min(CHUNK, last.length * 2));
        }
        last[inChunk] = entry;
        size++;
    }

    /**
     * The baseline's renewal noise: {@code [401003 events, 404104 events]} that the rule sets aside. Sorts the log in
     * place (its content does not change, so it may be called again after more rows).
     */
    long[] noise() {
        long[] out = new long[2];
        if (overflow || size == 0) {
            return out;
        }
        int[] fill = new int[chunkCount];
        for (int c = 0; c < chunkCount; c++) {
            fill[c] = (int) Math.min(CHUNK, size - (long) c * CHUNK);
            Arrays.sort(chunks[c], 0, fill[c]);
        }
        int[] next = new int[chunkCount];
        Scratch s = new Scratch();
        long device = -1;
        while (true) {
            // the smallest head among the sorted chunks (a few chunks at most: a linear pick is enough)
            int from = -1;
            long min = Long.MAX_VALUE;
            for (int c = 0; c < chunkCount; c++) {
                if (next[c] < fill[c] && chunks[c][next[c]] < min) {
                    min = chunks[c][next[c]];
                    from = c;
                }
            }
            if (from < 0) {
                break;
            }
            next[from]++;
            long d = min >>> SHIFT_DEVICE;
            if (d != device) {
                s.judge(out);
                device = d;
            }
            s.add(min);
        }
        s.judge(out);
        return out;
    }

    /** One device's run, in the packing {@link RenewalRule} reads, and the rule's scratch space. */
    private final class Scratch {
        long[] entries = new long[64];
        boolean[] noise = new boolean[64];
        int[] groups = new int[3 * 64];
        int n;

        void add(long logged) {
            if (n == entries.length) {
                entries = Arrays.copyOf(entries, n * 2);
                noise = new boolean[n * 2];
                groups = new int[3 * n * 2];
            }
            long offset = (logged >>> 2) & MAX_OFFSET_MS;
            int cls = (int) (logged & 3);
            entries[n++] = cls == CLASS_CONNECT
                    ? DeviceState.pack(offset, DeviceState.CONNECT_CODE, DeviceState.KIND_CONNECTED)
                    : DeviceState.pack(offset, cls, DeviceState.KIND_ERROR_ON_CLOSE);
        }

        void judge(long[] out) {
            if (n == 0) {
                return;
            }
            Arrays.fill(noise, 0, n, false);
            RenewalRule.mark(entries, n, RENEWAL_CLASS, followUpMs, minRepeatMs, groups, noise);
            for (int i = 0; i < n; i++) {
                if (noise[i]) {
                    out[DeviceState.code(entries[i])]++;
                }
            }
            n = 0;
        }
    }
}
