package io.iothubtriage.evidence;

import io.iothubtriage.alert.TimeWindow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The gate every connection-log row passes before any rule runs (the contract's "Which rows count"): one per
 * triage, shared by every file read for it, so that a row given twice (overlapping exports, the same file twice) is
 * counted once. Readable rows of the hub go on to the next consumer (the aggregator) unless they are duplicates;
 * rows of other resources, other categories and unreadable rows are counted here, by name where that helps the
 * report. {@link #inputs()} says what was read and what was set aside.
 *
 * <p>Memory: one 64-bit fingerprint per distinct row (see {@link RowFingerprints}), and a few bounded name tables.
 * Not thread-safe: fed from one thread.
 */
public final class RowIntake implements Consumer<ConnectionLogRow> {

    /** Distinct names a table keeps counts for; later names are summed under {@link #OTHERS}. */
    private static final int MAX_TRACKED = 64;
    private static final String OTHERS = "(others)";
    /** A row without a readable time, for {@link #firstSeen}. */
    private static final long NO_TIME = Long.MIN_VALUE;

    private final HubMatcher hub;
    private final TimeWindow window;
    private final Consumer<ConnectionLogRow> next;
    /**
     * {@link #next} when it is the aggregator: it takes a row's fields as the readers hand them over (the device id
     * as scanned bytes), so no {@link ConnectionLogRow} is made per row; any other consumer gets one.
     */
    private final ConnectionAggregator aggregator;
    /** For rows handed over whole: their fields, refilled per row. */
    private final RowFields fields = new RowFields();
    private final RowFingerprints seen = new RowFingerprints();
    private final RowHasher hasher = new RowHasher();
    private final String source;
    private final boolean dedupe;

    private long rows;
    private long used;
    private long otherResources;
    private long otherCategories;
    private long duplicates;
    private long unreadable;
    private long unreadableWindowErrors;
    private long rowsWithoutResource;
    private long firstMs = Long.MAX_VALUE;
    private long lastMs = Long.MIN_VALUE;
    private final Map<String, long[]> unreadableCodes = new HashMap<>();
    private final Map<String, long[]> otherResourceNames = new HashMap<>();
    private final Map<String, long[]> categories = new HashMap<>();
    private final Map<String, long[]> unreadableReasons = new HashMap<>();
    /** Of the unreadable rows, the window's error rows per reason. */
    private final Map<String, long[]> unreadableWindowReasons = new HashMap<>();
    /** Unreadable window error rows per minute (epoch minute → count); at most the window's minutes. */
    private final TreeMap<Long, long[]> unreadableErrorMinutes = new TreeMap<>();

    /**
     * @param hub    whose rows are used
     * @param window the analysis window (to count the unreadable error rows that fall in it); null for none
     * @param next   where this hub's readable, first-seen Connections rows go
     */
    public RowIntake(HubMatcher hub, TimeWindow window, Consumer<ConnectionLogRow> next) {
        this(Inputs.FILES, hub, window, next);
    }

    public RowIntake(String source, HubMatcher hub, TimeWindow window, Consumer<ConnectionLogRow> next) {
        this(source, hub, window, next, true);
    }

    private RowIntake(String source, HubMatcher hub, TimeWindow window, Consumer<ConnectionLogRow> next,
                      boolean dedupe) {
        this.dedupe = dedupe;
        this.source = Objects.requireNonNull(source, "source");
        this.hub = Objects.requireNonNull(hub, "hub");
        this.window = window;
        this.next = Objects.requireNonNull(next, "next");
        this.aggregator = next instanceof ConnectionAggregator a ? a : null;
    }

    /**
     * Every readable Connections row passes, duplicates included: no hub filter, no window (reading a file for
     * itself, as the format tests and the reader benchmarks do).
     */
    public static RowIntake passThrough(Consumer<ConnectionLogRow> next) {
        return new RowIntake(Inputs.FILES, HubMatcher.any(), null, next, false);
    }

    public HubMatcher hub() {
        return hub;
    }

    /** The aggregator's device table, when the rows go to an aggregator (see {@link RowAssembler#findDevices}). */
    DeviceTable devices() {
        return aggregator == null ? null : aggregator.devices();
    }

    /** A readable Connections row of this hub: used unless it was seen before. */
    @Override
    public void accept(ConnectionLogRow row) {
        accept(fields.set(row));
    }

    /** As {@link #accept(ConnectionLogRow)}, the row as its fields (the readers' hand-over). */
    void accept(RowFields row) {
        long ms = row.time.toEpochMilli();
        if (!firstSeen(dedupe ? hasher.fingerprint(row) : 0, ms)) {
            return;
        }
        used++;
        noteTime(ms);
        if (aggregator != null) {
            aggregator.accept(row);
        } else {
            next.accept(row.toRow());
        }
    }

    /**
     * About {@code rows} more rows are coming (an export's size says so): the duplicate check makes room for them
     * at once instead of growing step by step. A hint only; more or fewer rows are fine.
     */
    void expectRows(long rows) {
        if (dedupe && rows > 0) {
            seen.reserve(rows);
        }
    }

    /**
     * A row of another resource, {@code name} its key ({@link ResourceNames#key}, or any name). False when it is a
     * duplicate (then counted as such).
     */
    boolean otherResource(String name, long fingerprint) {
        if (!firstSeen(fingerprint, NO_TIME)) {
            return false;
        }
        otherResources++;
        count(otherResourceNames, name.isEmpty() ? "(unnamed)" : name, 1);
        return true;
    }

    /** A row of this hub in another log category; {@code time} may be null when it cannot be read. */
    boolean otherCategory(String category, Instant time, long fingerprint) {
        if (!firstSeen(fingerprint, time == null ? NO_TIME : time.toEpochMilli())) {
            return false;
        }
        otherCategories++;
        count(categories, category, 1);
        if (time != null) {
            noteTime(time.toEpochMilli());
        }
        return true;
    }

    /** A row of this hub that cannot be attributed; {@code time} may be null, {@code code} empty. */
    boolean unreadable(Instant time, String code, boolean error, String reason, long fingerprint) {
        if (!firstSeen(fingerprint, time == null ? NO_TIME : time.toEpochMilli())) {
            return false;
        }
        unreadable++;
        count(unreadableReasons, reason, 1);
        if (time != null) {
            noteTime(time.toEpochMilli());
            if (error && window != null && window.contains(time)) {
                unreadableWindowErrors++;
                count(unreadableCodes, code == null || code.isEmpty() ? "(no code)" : code, 1);
                count(unreadableWindowReasons, reason, 1);
                // an unreadable row is rare: a boxed key here costs nothing on the readable rows' path
                unreadableErrorMinutes.computeIfAbsent(Math.floorDiv(time.toEpochMilli(), 60_000L),
                        k -> new long[1])[0]++;
            }
        }
        return true;
    }

    /**
     * Counts a row read; false (and counted as a duplicate) when a row with this fingerprint was read before.
     * {@code ms} is the row's time, {@link #NO_TIME} when it has none (it only says where the fingerprint is kept:
     * see {@link RowFingerprints#add(long, long)}; a row and its duplicate always come with the same).
     */
    private boolean firstSeen(long fingerprint, long ms) {
        rows++;
        if (dedupe && !(ms == NO_TIME ? seen.add(fingerprint) : seen.add(fingerprint, ms))) {
            duplicates++;
            return false;
        }
        return true;
    }

    /** The row was taken as this hub's because it names no resource. */
    void withoutResource() {
        rowsWithoutResource++;
    }

    /** Rows counted so far, every kind. */
    public long rows() {
        return rows;
    }

    public long used() {
        return used;
    }

    public long unreadable() {
        return unreadable;
    }

    public Inputs inputs() {
        List<Inputs.Count> cats = new ArrayList<>();
        if (used > 0) {
            cats.add(new Inputs.Count("Connections", used));
        }
        cats.addAll(top(categories));
        cats.sort((a, b) -> a.rows() != b.rows() ? Long.compare(b.rows(), a.rows()) : a.name().compareTo(b.name()));
        return new Inputs(source, rows, used, otherResources, otherCategories, duplicates, unreadable,
                instant(firstMs, Long.MAX_VALUE), instant(lastMs, Long.MIN_VALUE), unreadableWindowErrors,
                top(unreadableCodes), ResourceNames.named(top(otherResourceNames), hub.hub().map(h -> h.name()).orElse(null)),
                cats.subList(0, Math.min(cats.size(), Inputs.MAX_NAMES)),
                rowsWithoutResource, top(unreadableReasons), minutes(unreadableErrorMinutes),
                top(unreadableWindowReasons));
    }

    private static List<Inputs.MinuteRows> minutes(TreeMap<Long, long[]> perMinute) {
        List<Inputs.MinuteRows> out = new ArrayList<>(perMinute.size());
        for (Map.Entry<Long, long[]> e : perMinute.entrySet()) {
            out.add(new Inputs.MinuteRows(Instant.ofEpochSecond(e.getKey() * 60L), e.getValue()[0]));
        }
        return out;
    }

    private void noteTime(long ms) {
        if (ms < firstMs) {
            firstMs = ms;
        }
        if (ms > lastMs) {
            lastMs = ms;
        }
    }

    private static void count(Map<String, long[]> table, String name, long n) {
        long[] c = table.get(name);
        if (c == null) {
            if (table.size() >= MAX_TRACKED) {
                name = OTHERS;
                c = table.get(name);
            }
            if (c == null) {
                c = new long[1];
                table.put(name, c);
            }
        }
        c[0] += n;
    }

    private static List<Inputs.Count> top(Map<String, long[]> table) {
        List<Inputs.Count> out = new ArrayList<>(table.size());
        for (Map.Entry<String, long[]> e : table.entrySet()) {
            out.add(new Inputs.Count(e.getKey(), e.getValue()[0]));
        }
        out.sort((a, b) -> a.rows() != b.rows() ? Long.compare(b.rows(), a.rows()) : a.name().compareTo(b.name()));
        return out.size() > Inputs.MAX_NAMES ? List.copyOf(out.subList(0, Inputs.MAX_NAMES)) : out;
    }

    private static Optional<Instant> instant(long ms, long none) {
        return ms == none ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms));
    }
}
