package io.iothubtriage.evidence;

/**
 * The set of rows already counted, for "each event once": a 64-bit fingerprint per row in open-addressing tables of
 * longs. About 11–21 bytes per distinct row (a table doubles at three quarters full), no object per row.
 *
 * <p>Where a fingerprint is kept follows the row's time, so that the rows of one stretch of time meet in one small
 * table. Exports and query pages come sorted by time, or nearly: a minute's rows (hundreds to thousands) then probe a
 * table of a few kilobytes that stays in the core's cache, where a table chosen by the fingerprint alone made nearly
 * every row miss the cache somewhere in 16 MB (1,000,000 rows). A row and its duplicate have the same time and
 * fingerprint, so they still meet. Minutes share {@link #GROUPS} groups (minute modulo), so that rows spread thinly
 * over years cost no more than a table each group. A group's table grows by doubling up to {@link #MAX_SLOTS}; a
 * group that needs more (a burst of a million rows in one minute) is split by the fingerprint's top bits into two
 * tables, then four, ... one table at a time, so growing never needs a copy of more than one table of 512 KB beside
 * the set (a single table of 3 million rows would briefly take 96 MB, more than a 256 MB heap holding a million
 * devices has to spare). Rows without a readable time have a group of their own, split the same way.
 *
 * <p>Two different rows share a fingerprint with probability about n²/2⁶⁵ (10⁻⁷ for a million rows), which would
 * drop one row; that is far below the other uncertainties of a triage.
 */
final class RowFingerprints {

    private static final long EMPTY = 0;
    /** Groups the minutes share (a power of two); one more holds the rows without a time. */
    static final int GROUPS = 1024;
    private static final int UNTIMED = GROUPS;
    /** Slots a table grows to before its group is split: 512 KB, within a core's L2 cache. */
    static final int MAX_SLOTS = 1 << 16;
    private static final int MIN_SLOTS = 16;

    /** The tables of one group: {@code 2^depth} of them, chosen by the fingerprint's top {@code depth} bits. */
    private static final class Group {
        long[][] tables;
        int[] sizes;
        int depth;

        Group(int slots) {
            tables = new long[][]{new long[slots]};
            sizes = new int[1];
        }
    }

    private final Group[] groups = new Group[GROUPS + 1];
    /** Slots a group's first table starts with (see {@link #reserve}). */
    private int firstSlots = MIN_SLOTS;
    private long size;
    private boolean zeroSeen;

    /** Adds the fingerprint of a row without a readable time; false when it was there already (a duplicate). */
    boolean add(long h) {
        return add(h, UNTIMED);
    }

    /**
     * Adds the fingerprint of a row of time {@code ms} (the fingerprint covers the time, so a duplicate has both the
     * same and is looked for where its first copy went); false when it was there already (a duplicate).
     */
    boolean add(long h, long ms) {
        return add(h, (int) Math.floorDiv(ms, 60_000L) & (GROUPS - 1));
    }

    private boolean add(long h, int g) {
        if (h == EMPTY) {
            if (zeroSeen) {
                return false;
            }
            zeroSeen = true;
            size++;
            return true;
        }
        Group group = groups[g];
        if (group == null) {
            group = groups[g] = new Group(firstSlots);
        }
        int k = tableOf(h, group.depth);
        long[] t = group.tables[k];
        int mask = t.length - 1;
        int i = slot(h) & mask;
        while (true) {
            long v = t[i];
            if (v == EMPTY) {
                t[i] = h;
                size++;
                if (++group.sizes[k] * 4 > t.length * 3) {
                    grow(group, k);
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
        return (int) size;
    }

    /** Slots of the biggest table (what one step of growth copies at most). */
    int largestTable() {
        int largest = 0;
        for (Group g : groups) {
            if (g != null) {
                for (long[] t : g.tables) {
                    largest = Math.max(largest, t.length);
                }
            }
        }
        return largest;
    }

    /** The table of a group of {@code depth} that holds {@code h}: its top {@code depth} bits (none at depth 0). */
    private static int tableOf(long h, int depth) {
        return (int) ((h >>> 1) >>> (63 - depth)); // two shifts: a shift by 64 would be a shift by 0
    }

    /** The slot bits: the low half folded with the high half (below the bits that choose a group's table). */
    private static int slot(long h) {
        return (int) (h ^ (h >>> 32));
    }

    /**
     * About {@code rows} more fingerprints are coming (from an export's size): groups not yet used start with a
     * table for their share of them, so they do not double their way up from a few slots. The share is rounded down
     * to a power of two: rows are seldom spread evenly over the groups (a day has 1,440 minutes for 1,024 groups, so
     * some hold two minutes' rows), and a group that gets more doubles once, where rounding up would leave most
     * tables a quarter full.
     */
    void reserve(long rows) {
        long share = rows / GROUPS * 4 / 3;
        int slots = MIN_SLOTS;
        while (slots * 2L <= share && slots < MAX_SLOTS) {
            slots *= 2;
        }
        firstSlots = Math.max(firstSlots, slots);
    }

    private void grow(Group group, int k) {
        long[] t = group.tables[k];
        if (t.length < MAX_SLOTS) {
            group.tables[k] = rehash(t, t.length * 2);
            return;
        }
        // Split every table of the group by one more top bit, one table at a time: each half keeps the table's size
        // and gets about half its fingerprints.
        int depth = group.depth;
        long[][] tables = new long[group.tables.length * 2][];
        int[] sizes = new int[tables.length];
        for (int j = 0; j < group.tables.length; j++) {
            long[] old = group.tables[j];
            group.tables[j] = null;
            long[] low = new long[old.length];
            long[] high = new long[old.length];
            for (long h : old) {
                if (h != EMPTY) {
                    int n = tableOf(h, depth + 1);
                    put((n & 1) == 0 ? low : high, h);
                    sizes[n]++;
                }
            }
            tables[2 * j] = low;
            tables[2 * j + 1] = high;
        }
        group.tables = tables;
        group.sizes = sizes;
        group.depth = depth + 1;
    }

    private static long[] rehash(long[] old, int slots) {
        long[] t = new long[slots];
        for (long h : old) {
            if (h != EMPTY) {
                put(t, h);
            }
        }
        return t;
    }

    private static void put(long[] t, long h) {
        int mask = t.length - 1;
        int i = slot(h) & mask;
        while (t[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        t[i] = h;
    }
}
