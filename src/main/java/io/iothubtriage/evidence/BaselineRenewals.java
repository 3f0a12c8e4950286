package io.iothubtriage.evidence;

import java.util.Arrays;
import java.util.HashMap;

/**
 * The SAS-renewal rule applied to the baseline window, so that a code's baseline count is taken by the same rule as
 * its window count (the contract: "{@code baselineEvents} counts the baseline window's events by the same rule").
 *
 * <p>The baseline is a day of rows arriving in any order, and a renewal can only be judged once all of a device's
 * rows around it are known. So the rows the rule looks at (errors and successful connects of a device) are kept as
 * one packed long each in a shared log, not per device: {@code device index (bits 62..38) | ms since the baseline's
 * start (bits 37..4) | class (bits 3..0)}. The class is 401003, 404104, one of the first other codes (so that a
 * chronic device's baseline events can be set aside code by code), any later code, or a successful connect. The per-device cost is the device's index in {@link DeviceState} (it fits
 * the state's padding); the log costs 8 bytes per such row, in chunks of 64 Ki rows (no doubling copy once past the
 * first chunk). At {@link #noise()} the entries are put in order (device, then time, errors before connects at the
 * same millisecond): one chunk by a counting sort on the device, several by sorting each as it fills (by device
 * too, see {@link #sortChunk}) and merging them through a heap; each device's run then goes through
 * {@link RenewalRule#mark}, the code that judges the analysis window.
 *
 * <p>The same pass finds the <em>chronic</em> devices' candidates ({@link Judgement#chronic}): devices whose errors of
 * one cause family, renewals set aside, fall in most of the baseline's hours ({@link NoiseRules#chronicHourShare}).
 * Whether such a device is chronic noise in the window is decided with its window rows ({@link DevicePass}).
 *
 * <p>Bounded: past {@code cap} rows the log is dropped and the rule is not applied ({@link #exact()} is false); the
 * diagnosis then falls back to estimating the baseline's renewals from the window's rate, and says "about".
 */
final class BaselineRenewals {

    static final int CLASS_401003 = 0;
    static final int CLASS_404104 = 1;
    /** The first class of the other codes that have one of their own ({@link #errorClass}). */
    static final int FIRST_OTHER_CLASS = 2;
    /** Any other code past those: its family is not known to the log, so it makes no device chronic. */
    static final int CLASS_OTHER_ERROR = 14;
    /** A successful connect: the largest class, so it sorts after errors at the same millisecond. */
    static final int CLASS_CONNECT = 15;
    static final int CLASS_BITS = 4;
    /** How many classes there are: what {@link Judgement#noise} and {@link Judgement#chronic} events are indexed by. */
    static final int CLASSES = 1 << CLASS_BITS;
    private static final long HOUR_MS = 3_600_000;

    private static final int DEVICE_BITS = 25;
    static final int MAX_DEVICE_INDEX = (1 << DEVICE_BITS) - 1;
    private static final int SHIFT_DEVICE = 38;
    /** Offsets must fit the 34 bits between the device and the class (about 198 days). */
    static final long MAX_OFFSET_MS = (1L << (SHIFT_DEVICE - CLASS_BITS)) - 1;
    private static final int FIRST_CHUNK = 4096;
    /** 64 Ki rows (512 KB): what a chunk wastes at most, and few enough chunks for a heap merge. */
    private static final int CHUNK = 1 << 16;
    /** The pseudo code indexes the rule sees (the classes): only 401003 and 404104 can be renewals. */
    private static final boolean[] RENEWAL_CLASS = new boolean[CLASSES];

    static {
        RENEWAL_CLASS[CLASS_401003] = true;
        RENEWAL_CLASS[CLASS_404104] = true;
    }

    private final long startMs;
    private final long followUpMs;
    private final long minRepeatMs;
    private final long cap;
    private long[][] chunks = new long[4][];
    private int chunkCount;
    /** The chunk being filled, and how full it is (every earlier chunk is full). */
    private long[] last = new long[0];
    private int lastFill;
    private long size;
    /** The largest device index logged: the counting sort of a single chunk ({@link #noise}) sizes by it. */
    private int maxDevice;
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

    /**
     * The class of an error row's code: 401003 and 404104 their own, the {@code otherIndex}-th other code of the
     * triage (0 for the first) its own while there are classes left, any later one {@link #CLASS_OTHER_ERROR}.
     */
    static int errorClass(String code, int otherIndex) {
        return switch (code) {
            case "401003" -> CLASS_401003;
            case "404104" -> CLASS_404104;
            default -> otherIndex < CLASS_OTHER_ERROR - FIRST_OTHER_CLASS ? FIRST_OTHER_CLASS + otherIndex
                    : CLASS_OTHER_ERROR;
        };
    }

    /** Whether a code of this class is one of the classes of its own ({@code errorClass}'s 401003 or 404104). */
    static boolean isRenewalClass(int cls) {
        return cls == CLASS_401003 || cls == CLASS_404104;
    }

    /** Whether the log has outgrown its first chunk (a big export's baseline: judging it takes tens of ms). */
    boolean severalChunks() {
        return chunkCount > 1;
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
            last = null;
            size = 0;
            maxDevice = 0;
            return;
        }
        if (device > maxDevice) {
            maxDevice = device;
        }
        if (lastFill == last.length) {
            nextChunk();
        }
        last[lastFill++] = ((long) device << SHIFT_DEVICE) | ((ms - startMs) << CLASS_BITS) | cls;
        size++;
    }

    private void nextChunk() {
        if (chunkCount == 0) {
            last = chunks[chunkCount++] = new long[FIRST_CHUNK];
            return;
        }
        if (last.length < CHUNK) {
            // only the first chunk grows (4,096 rows up to a full chunk): small triages stay small
            last = chunks[0] = Arrays.copyOf(last, Math.min(CHUNK, last.length * 2));
            return;
        }
        if (chunkCount == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunkCount * 2);
        }
        // The full chunk is sorted now, while rows are still coming: the assembling thread waits for the reading one
        // part of the time, so this costs the run nothing, where sorting every chunk at the end stretched it.
        long[] full = last;
        long[] spare = new long[CHUNK];
        long[] sorted = sortChunk(full, spare, full.length, maxDevice);
        chunks[chunkCount - 1] = sorted;
        last = chunks[chunkCount++] = sorted == spare ? full : spare; // whichever array is free is filled next
        lastFill = 0;
    }

    /** Devices up to which a full chunk is sorted by counting ({@link #sortChunk}); past it, by {@code Arrays.sort}. */
    static final int COUNTED_DEVICES = 4 * CHUNK;

    /**
     * Sorts {@code chunk[0, n)}: into {@code spare} (at least {@code n} long) when its devices are few enough, grouped by device with a
     * counting sort and each device's run then put in order (a few entries, usually newest first as exports are:
     * reversed), else in place. Why: the same order as {@code Arrays.sort} in about three linear passes instead of a
     * quicksort's sixteen, on the assembling thread while the rows come (a baseline of a million rows fills sixteen
     * chunks).
     *
     * @return the sorted chunk: {@code spare}, or {@code chunk} itself when sorted in place
     */
    static long[] sortChunk(long[] chunk, long[] spare, int n, int maxDevice) {
        if (maxDevice >= COUNTED_DEVICES) {
            Arrays.sort(chunk, 0, n);
            return chunk;
        }
        // ends[d + 1] counts device d's entries; summed up, ends[d] is where device d's run starts
        int[] ends = new int[maxDevice + 2];
        for (int i = 0; i < n; i++) {
            ends[(int) (chunk[i] >>> SHIFT_DEVICE) + 1]++;
        }
        for (int d = 0; d <= maxDevice; d++) {
            ends[d + 1] += ends[d];
        }
        for (int i = 0; i < n; i++) {
            spare[ends[(int) (chunk[i] >>> SHIFT_DEVICE)]++] = chunk[i];
        }
        // each ends[d] has moved to the end of device d's run
        int from = 0;
        for (int d = 0; d <= maxDevice; d++) {
            int to = ends[d];
            if (to - from > 1) {
                sortRun(spare, from, to);
            }
            from = to;
        }
        return spare;
    }

    /** Puts a device's run in order: as it is, reversed, or sorted. */
    private static void sortRun(long[] a, int from, int to) {
        boolean ascending = true;
        boolean descending = true;
        for (int i = from + 1; i < to; i++) {
            ascending &= a[i - 1] <= a[i];
            descending &= a[i - 1] >= a[i];
        }
        if (ascending) {
            return;
        }
        if (descending) {
            for (int i = from, j = to - 1; i < j; i++, j--) {
                long t = a[i];
                a[i] = a[j];
                a[j] = t;
            }
            return;
        }
        Arrays.sort(a, from, to);
    }

    /**
     * The baseline's renewal noise and chronic candidates, judged over the whole log. May sort the log in place (its
     * content does not change, so it may be called again after more rows).
     *
     * @param classFamily   per class, the {@link CauseFamily} ordinal of its codes, -1 for none (a connect, or
     *                      {@link #CLASS_OTHER_ERROR})
     * @param chronicHours  in how many of the baseline's hours a device's errors of one family make it a candidate
     */
    Judgement judge(int[] classFamily, int chronicHours) {
        Judgement out = new Judgement(classFamily, chronicHours);
        prepareParts();
        noise(0, Integer.MAX_VALUE, out);
        return out;
    }

    /**
     * What judging (part of) the log found: the renewal noise per class, and the chronic candidates. Parts judged
     * apart (devices apart) {@link #add} up to what judging the whole log gives.
     */
    static final class Judgement {
        /** Error events the renewal rule set aside, per class (only 401003 and 404104 can have any). */
        final long[] noise = new long[CLASSES];
        /** The chronic candidates, by device index. */
        final HashMap<Integer, Chronic> chronic = new HashMap<>();
        final int[] classFamily;
        /** Per class, whether its code is a duplicate (409002/400027): the renewal rule's steady takeovers. */
        final boolean[] duplicateClass = new boolean[CLASSES];
        final int chronicHours;

        Judgement(int[] classFamily, int chronicHours) {
            this.classFamily = classFamily;
            this.chronicHours = chronicHours;
            for (int c = 0; c < CLASSES && c < classFamily.length; c++) {
                duplicateClass[c] = classFamily[c] == CauseFamily.DUPLICATE_CONNECTION.ordinal();
            }
        }

        void add(Judgement other) {
            for (int c = 0; c < CLASSES; c++) {
                noise[c] += other.noise[c];
            }
            chronic.putAll(other.chronic);
        }
    }

    /**
     * A device whose errors of some cause family, renewals set aside, fell in most of the baseline's hours.
     *
     * @param families  bit {@code 1 << ordinal} for each such {@link CauseFamily}
     * @param connected whether the device connected successfully in the baseline (a device refused all day never did)
     * @param hours     per family ordinal, in how many of the baseline's hours it had errors of that family
     * @param events    per class, its baseline error events the renewal rule did not set aside
     */
    record Chronic(int families, boolean connected, int[] hours, long[] events) {
        boolean of(CauseFamily f) {
            return (families & 1 << f.ordinal()) != 0;
        }
    }

    /**
     * Device indexes that cut a big log into about {@code parts} parts of similar size, to be judged apart (on two
     * threads): part {@code k} is the devices {@code cuts[k] <= index < cuts[k + 1]}, from {@code cuts[0] = 0} to
     * {@code cuts[parts] = Integer.MAX_VALUE}. The rule looks at one device's entries at a time, so parts cut at
     * devices sum to the whole log's noise. Cut where the first chunk's entries are (it is full and sorted once a
     * second chunk exists), so each part holds about as many entries; a log of one chunk stays one part.
     */
    int[] deviceCuts(int parts) {
        if (chunkCount <= 1 || overflow || parts <= 1) {
            return new int[] {0, Integer.MAX_VALUE};
        }
        long[] first = chunks[0];
        int[] cuts = new int[parts + 1];
        for (int k = 1; k < parts; k++) {
            cuts[k] = (int) (first[(int) ((long) k * CHUNK / parts)] >>> SHIFT_DEVICE);
        }
        cuts[parts] = Integer.MAX_VALUE;
        return cuts;
    }

    /**
     * Readies the log for {@link #noise(int, int, long[])}: the chunk being filled is sorted (the others were as
     * they filled). Called once the rows are in, before parts are judged on several threads.
     */
    void prepareParts() {
        if (chunkCount > 1) {
            Arrays.sort(last, 0, lastFill);
        }
    }

    /**
     * Adds the renewal noise of the devices {@code fromDevice <= index < toDevice} to {@code out}. Only reads the log
     * (once {@link #prepareParts} has run), so disjoint ranges may be judged on several threads at once.
     */
    void noise(int fromDevice, int toDevice, Judgement out) {
        if (overflow || size == 0 || fromDevice > maxDevice) {
            return;
        }
        if (chunkCount == 1) {
            judgeOneChunk(fromDevice, toDevice, out);
        } else {
            judgeChunks(fromDevice, toDevice, out);
        }
    }

    /**
     * A log of one chunk (up to 64 Ki rows: the demo and most triages), sorted as a full chunk is ({@link #sortChunk}:
     * grouped by device with a counting sort into a copy, each device's short run then put in order), then judged
     * device by device. Linear passes instead of a quicksort of the whole chunk: cheap while the code still runs
     * interpreted, which in a short run it mostly does.
     */
    private void judgeOneChunk(int fromDevice, int toDevice, Judgement out) {
        int n = lastFill;
        long[] sorted = sortChunk(chunks[0], new long[n], n, maxDevice);
        Scratch s = new Scratch();
        int from = 0;
        while (from < n) {
            int d = (int) (sorted[from] >>> SHIFT_DEVICE);
            int to = from + 1;
            while (to < n && (int) (sorted[to] >>> SHIFT_DEVICE) == d) {
                to++;
            }
            if (d >= fromDevice && d < toDevice) {
                for (int i = from; i < to; i++) {
                    s.add(sorted[i]);
                }
                s.judge(out, d);
            }
            from = to;
        }
    }

    /**
     * A log of several chunks, each sorted (device, then time, class): the entries of the devices {@code fromDevice <=
     * index < toDevice} (a run in each chunk, found by binary search) are merged and judged device by device.
     */
    private void judgeChunks(int fromDevice, int toDevice, Judgement out) {
        int[] next = new int[chunkCount];
        int[] fill = new int[chunkCount];
        for (int c = 0; c < chunkCount; c++) {
            long[] chunk = chunks[c];
            int n = c == chunkCount - 1 ? lastFill : CHUNK;
            next[c] = firstOfDevice(chunk, 0, n, fromDevice);
            fill[c] = toDevice > maxDevice ? n : firstOfDevice(chunk, next[c], n, toDevice);
        }
        // merge the sorted runs through a binary heap of chunk numbers, smallest head first
        int[] heap = new int[chunkCount];
        int heapSize = 0;
        for (int c = 0; c < chunkCount; c++) {
            if (fill[c] > next[c]) {
                heap[heapSize++] = c;
            }
        }
        for (int i = heapSize / 2 - 1; i >= 0; i--) {
            siftDown(heap, heapSize, i, next);
        }
        Scratch s = new Scratch();
        long device = -1;
        while (heapSize > 0) {
            int from = heap[0];
            long entry = chunks[from][next[from]++];
            if (next[from] == fill[from]) {
                heap[0] = heap[--heapSize];
            }
            siftDown(heap, heapSize, 0, next);
            long d = entry >>> SHIFT_DEVICE;
            if (d != device) {
                s.judge(out, (int) device);
                device = d;
            }
            s.add(entry);
        }
        s.judge(out, (int) device);
    }

    /** The first index in {@code chunk[from, to)} (sorted) whose device index is {@code device} or more. */
    private static int firstOfDevice(long[] chunk, int from, int to, int device) {
        long key = (long) device << SHIFT_DEVICE; // device <= MAX_DEVICE_INDEX here: the key stays positive
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (chunk[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void siftDown(int[] heap, int size, int at, int[] next) {
        int i = at;
        while (true) {
            int smallest = i;
            int l = 2 * i + 1;
            int r = l + 1;
            if (l < size && head(heap[l], next) < head(heap[smallest], next)) {
                smallest = l;
            }
            if (r < size && head(heap[r], next) < head(heap[smallest], next)) {
                smallest = r;
            }
            if (smallest == i) {
                return;
            }
            int t = heap[i];
            heap[i] = heap[smallest];
            heap[smallest] = t;
            i = smallest;
        }
    }

    private long head(int chunk, int[] next) {
        return chunks[chunk][next[chunk]];
    }

    /** One device's run, in the packing {@link RenewalRule} reads, and the rule's scratch space. */
    private final class Scratch {
        long[] entries = new long[64];
        boolean[] noise = new boolean[64];
        int[] groups = new int[3 * 64];
        int n;
        private final int[] hours = new int[CauseFamily.values().length];
        private final long[] lastHour = new long[CauseFamily.values().length];
        private final long[] events = new long[CLASSES];

        void add(long logged) {
            if (n == entries.length) {
                entries = Arrays.copyOf(entries, n * 2);
                noise = new boolean[n * 2];
                groups = new int[3 * n * 2];
            }
            long offset = (logged >>> CLASS_BITS) & MAX_OFFSET_MS;
            int cls = (int) (logged & (CLASSES - 1));
            entries[n++] = cls == CLASS_CONNECT
                    ? DeviceState.pack(offset, DeviceState.CONNECT_CODE, DeviceState.KIND_CONNECTED)
                    : DeviceState.pack(offset, cls, DeviceState.KIND_ERROR_ON_CLOSE);
        }

        /** Judges the run of device {@code device}: its renewals, and whether it is a chronic candidate. */
        void judge(Judgement out, int device) {
            if (n == 0) {
                return;
            }
            Arrays.fill(noise, 0, n, false);
            RenewalRule.mark(entries, n, RENEWAL_CLASS, out.duplicateClass, false, followUpMs, minRepeatMs, groups,
                    noise);
            Arrays.fill(hours, 0);
            Arrays.fill(lastHour, -1);
            Arrays.fill(events, 0);
            boolean connected = false;
            int[] classFamily = out.classFamily;
            for (int i = 0; i < n; i++) {
                long e = entries[i];
                if (DeviceState.isConnected(e)) {
                    connected = true;
                    continue;
                }
                int cls = DeviceState.code(e);
                if (noise[i]) {
                    out.noise[cls]++;
                    continue;
                }
                events[cls]++;
                int f = classFamily[cls];
                // the run is in time order: a family's hours are counted as they change
                long hour = DeviceState.offset(e) / HOUR_MS;
                if (f >= 0 && hour != lastHour[f]) {
                    lastHour[f] = hour;
                    hours[f]++;
                }
            }
            int families = 0;
            for (int f = 0; f < hours.length; f++) {
                if (hours[f] >= out.chronicHours) {
                    families |= 1 << f;
                }
            }
            if (families != 0) {
                out.chronic.put(device, new Chronic(families, connected, hours.clone(), events.clone()));
            }
            n = 0;
        }
    }
}
