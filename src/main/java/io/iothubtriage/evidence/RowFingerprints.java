package io.iothubtriage.evidence;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The set of rows already counted, for "each event once": a 64-bit fingerprint per row in open-addressing tables of
 * longs. About 11–21 bytes per distinct row (a table doubles at three quarters full), no object per row. The set is
 * split by the fingerprint's top bits into {@link #SEGMENTS} tables that grow one at a time, so growing never needs
 * the old and the new copy of the whole set at once (a single table of 3 million rows would briefly take 96 MB,
 * more than a 256 MB heap holding a million devices has to spare).
 * Two different rows share a fingerprint with probability about n²/2⁶⁵ (10⁻⁷ for a million rows), which would
 * drop one row; that is far below the other uncertainties of a triage.
 */
final class RowFingerprints {

    private static final long EMPTY = 0;
    /** The multiplier of {@link #mix}: odd (so a step is a bijection), bits spread (the golden ratio's). */
    private static final long STEP = 0x9E3779B97F4A7C15L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final int SEGMENTS = 64;
    /** 2^16 slots per table: a reservation never takes more than 32 MB in all. */
    static final int MAX_RESERVED_SLOTS = 1 << 16;
    private static final int SEGMENT_SHIFT = 64 - Integer.numberOfTrailingZeros(SEGMENTS);
    /** Tables one minute's rows are spread over (see {@link #add(long, long)}). */
    static final int WAYS = 4;
    private static final int WAY_BITS = Integer.numberOfTrailingZeros(WAYS);
    private final long[][] tables = new long[SEGMENTS][];
    private final int[] sizes = new int[SEGMENTS];
    private boolean zeroSeen;

    RowFingerprints() {
        for (int i = 0; i < SEGMENTS; i++) {
            tables[i] = new long[64];
        }
    }

    /** Adds a fingerprint; false when it was there already (a duplicate). Its top bits pick its table. */
    boolean add(long h) {
        return add(h, (int) (h >>> SEGMENT_SHIFT));
    }

    /**
     * Adds the fingerprint of a row of time {@code ms} (the fingerprint covers the time, so a duplicate has both
     * the same and is looked for where its first copy went). The row's minute picks a group of {@link #WAYS}
     * tables, the fingerprint's top bits one of them. Why: exports and query pages come sorted by time or nearly,
     * so consecutive rows probe the same few tables (for a 1,000,000-row export, 4 of 256 KB each: within a core's
     * 2 MB L2 cache) instead of each row missing the cache somewhere in the whole 16 MB set. A minute's rows still
     * spread over several tables, so a burst (a fleet reconnecting within one minute) grows none of them alone.
     */
    boolean add(long h, long ms) {
        long minute = Math.floorDiv(ms, 60_000L);
        return add(h, (int) (((minute << WAY_BITS) | (h >>> (64 - WAY_BITS))) & (SEGMENTS - 1)));
    }

    private boolean add(long h, int seg) {
        if (h == EMPTY) {
            if (zeroSeen) {
                return false;
            }
            zeroSeen = true;
            return true;
        }
        long[] t = tables[seg];
        int mask = t.length - 1;
        int i = slot(h) & mask;
        while (true) {
            long v = t[i];
            if (v == EMPTY) {
                t[i] = h;
                if (++sizes[seg] * 4 > t.length * 3) {
                    grow(seg);
                }
                return true;
            }
            if (v == h) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    int size() {
        long n = zeroSeen ? 1 : 0;
        for (int s : sizes) {
            n += s;
        }
        return (int) n;
    }

    /** The slot bits: the low half folded with the high half (the top bits also pick the segment). */
    private static int slot(long h) {
        return (int) (h ^ (h >>> 32));
    }

    /**
     * Makes room for about {@code rows} more fingerprints before they come (from an export's size), so the tables
     * do not double their way up from a few slots, re-inserting everything each time. Each table grows to at most
     * {@link #MAX_RESERVED_SLOTS}; beyond that it doubles as rows arrive, as without a reservation.
     */
    void reserve(long rows) {
        long perSegment = rows / SEGMENTS;
        for (int seg = 0; seg < SEGMENTS; seg++) {
            long needed = (sizes[seg] + perSegment) * 4 / 3 + 1;
            int slots = tables[seg].length;
            while (slots < needed && slots < MAX_RESERVED_SLOTS) {
                slots *= 2;
            }
            if (slots > tables[seg].length) {
                resize(seg, slots);
            }
        }
    }

    private void grow(int seg) {
        resize(seg, tables[seg].length * 2);
    }

    private void resize(int seg, int slots) {
        long[] old = tables[seg];
        long[] t = new long[slots];
        int mask = t.length - 1;
        for (long h : old) {
            if (h != EMPTY) {
                int i = slot(h) & mask;
                while (t[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                t[i] = h;
            }
        }
        tables[seg] = t;
    }

    /**
     * The contract's identity of a row: TimeGenerated, OperationName, ResultType and properties_s, the latter as the
     * fields read from it (so the same row exported as CSV, as JSON text or as a records object matches). Times
     * compare to the millisecond, the precision every export format keeps. A device id that came as bytes is folded
     * from them ({@link #mixAscii}), to the same value as from its String.
     */
    static long fingerprint(RowFields r) {
        long h = 0x9E3779B97F4A7C15L ^ r.time.toEpochMilli();
        h = mix(h, r.operationName);
        h = mix(h, r.resultType);
        h = r.mixId(h);
        h = mix(h, r.protocol);
        h = mix(h, r.authType);
        h = mix(h, r.maskedIpAddress);
        h = mix(h, r.sdkVersion);
        h = mix(h, r.statusCode);
        h = mix(h, r.errorMessage);
        return finish(h);
    }

    /** Folds one more value into a fingerprint being built (raw rows: see RowAssembler). */
    static long mix(long h, String s) {
        if (s == null) {
            return h * 31 + 7;
        }
        // Four characters per step, each step a bijection of the state ((x ^ w) * odd, rotated): two values of the
        // same length that differ in one step never meet, and a row costs a quarter of the multiplications of a
        // character at a time (a chain of multiplications is what this costs). Fields are separated by the length.
        int n = s.length();
        long x = h * STEP + n;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            long w = s.charAt(i) | (long) s.charAt(i + 1) << 16 | (long) s.charAt(i + 2) << 32
                    | (long) s.charAt(i + 3) << 48;
            x = Long.rotateLeft((x ^ w) * STEP, 31);
        }
        for (; i < n; i++) {
            x = Long.rotateLeft((x ^ s.charAt(i)) * STEP, 31);
        }
        return x;
    }

    /**
     * {@link #mix(long, String)} of the String whose ASCII characters are {@code b[start, start + length)}, without
     * the String: each byte is a character, four to a step as there.
     */
    static long mixAscii(long h, byte[] b, int start, int length) {
        long x = h * STEP + length;
        int i = start;
        int end = start + length;
        for (; i + 4 <= end; i += 4) {
            long w = b[i] | (long) b[i + 1] << 16 | (long) b[i + 2] << 32 | (long) b[i + 3] << 48;
            x = Long.rotateLeft((x ^ w) * STEP, 31);
        }
        for (; i < end; i++) {
            x = Long.rotateLeft((x ^ b[i]) * STEP, 31);
        }
        return x;
    }

    /** Folds raw bytes into a fingerprint being built, eight at a time (the properties_s text of a raw row). */
    static long mix(long h, byte[] b, int length) {
        long x = h * STEP + length;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            x = Long.rotateLeft((x ^ (long) LONGS.get(b, i)) * STEP, 31);
        }
        for (; i < length; i++) {
            x = Long.rotateLeft((x ^ (b[i] & 0xff)) * STEP, 31);
        }
        return x;
    }

    static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
