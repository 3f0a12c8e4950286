package io.iothubtriage.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What was read for a triage and what was set aside before any rule ran (the contract's "Which rows count"):
 * {@code rows = used + otherResources + otherCategories + duplicates + unreadable} for exported files; a live source
 * fills what it knows ({@code used}, the span) and leaves the rest 0.
 *
 * @param source                 where the rows came from: {@code files} (exports), or a live path's own name
 * @param rows                   data rows read, every file together
 * @param used                   this hub's readable Connections rows, each counted once (any time)
 * @param otherResources         rows of another resource (another hub in the same workspace), set aside
 * @param otherCategories        this hub's rows of another log category (Routes, DeviceTelemetry, ...), set aside
 * @param duplicates             rows identical to one already read (overlapping exports), set aside
 * @param unreadable             rows that cannot be attributed (no or broken properties_s, no deviceId, misaligned
 *                               columns), set aside and counted as a gap
 * @param first                  the oldest time of this hub's rows (any category), empty without rows
 * @param last                   the newest time of this hub's rows (any category), empty without rows
 * @param unreadableWindowErrors of the unreadable rows, error rows (a ResultType or Level Error) inside the window
 * @param unreadableCodes        those window error rows per result code, most first (bounded)
 * @param otherResourceNames     the other resources met, most rows first (bounded)
 * @param categoryCounts         this hub's rows per category, Connections included, most first (bounded)
 * @param rowsWithoutResource    rows taken as this hub's because nothing in them names a resource
 * @param unreadableReasons      the unreadable rows per reason ("properties_s is blank", ...), most first
 * @param unreadableErrorMinutes the unreadable window error rows per minute of the window, oldest first (bounded by
 *                               the window's minutes): whether they fall in the incident's minutes
 * @param unreadableWindowReasons the unreadable window error rows per reason, most first: what a sentence about the
 *                               window's unreadable rows names (the baseline's have reasons of their own)
 */
public record Inputs(String source, long rows, long used, long otherResources, long otherCategories, long duplicates,
                     long unreadable, Optional<Instant> first, Optional<Instant> last, long unreadableWindowErrors,
                     List<Count> unreadableCodes, List<Count> otherResourceNames, List<Count> categoryCounts,
                     long rowsWithoutResource, List<Count> unreadableReasons, List<MinuteRows> unreadableErrorMinutes,
                     List<Count> unreadableWindowReasons) {

    public static final String FILES = "files";
    /** A live triage that fetched the window's rows from Log Analytics and read them as an export is read. */
    public static final String LIVE_ROWS = "logAnalyticsRows";
    /** A live triage whose window held too many rows to fetch: Log Analytics summarised them server-side. */
    public static final String LIVE_SUMMARY = "logAnalyticsSummary";
    /** How many names a list keeps. */
    public static final int MAX_NAMES = 10;

    public Inputs {
        Objects.requireNonNull(source, "source");
        first = first == null ? Optional.empty() : first;
        last = last == null ? Optional.empty() : last;
        unreadableCodes = List.copyOf(unreadableCodes);
        otherResourceNames = List.copyOf(otherResourceNames);
        categoryCounts = List.copyOf(categoryCounts);
        unreadableReasons = List.copyOf(unreadableReasons);
        unreadableErrorMinutes = unreadableErrorMinutes == null ? List.of() : List.copyOf(unreadableErrorMinutes);
        unreadableWindowReasons = unreadableWindowReasons == null ? List.of() : List.copyOf(unreadableWindowReasons);
    }

    /** As the canonical constructor, without the window's unreadable error rows per reason. */
    public Inputs(String source, long rows, long used, long otherResources, long otherCategories, long duplicates,
                  long unreadable, Optional<Instant> first, Optional<Instant> last, long unreadableWindowErrors,
                  List<Count> unreadableCodes, List<Count> otherResourceNames, List<Count> categoryCounts,
                  long rowsWithoutResource, List<Count> unreadableReasons, List<MinuteRows> unreadableErrorMinutes) {
        this(source, rows, used, otherResources, otherCategories, duplicates, unreadable, first, last,
                unreadableWindowErrors, unreadableCodes, otherResourceNames, categoryCounts, rowsWithoutResource,
                unreadableReasons, unreadableErrorMinutes, List.of());
    }

    /** As the canonical constructor, without the unreadable rows' minutes (a source that does not keep them). */
    public Inputs(String source, long rows, long used, long otherResources, long otherCategories, long duplicates,
                  long unreadable, Optional<Instant> first, Optional<Instant> last, long unreadableWindowErrors,
                  List<Count> unreadableCodes, List<Count> otherResourceNames, List<Count> categoryCounts,
                  long rowsWithoutResource, List<Count> unreadableReasons) {
        this(source, rows, used, otherResources, otherCategories, duplicates, unreadable, first, last,
                unreadableWindowErrors, unreadableCodes, otherResourceNames, categoryCounts, rowsWithoutResource,
                unreadableReasons, List.of());
    }

    /** Of the unreadable window error rows, those whose minute lies in [from, to] (both minutes included). */
    public long unreadableErrorsBetween(Instant from, Instant to) {
        long n = 0;
        for (MinuteRows m : unreadableErrorMinutes) {
            if (!m.minute().isBefore(from) && !m.minute().isAfter(to)) {
                n += m.rows();
            }
        }
        return n;
    }

    /** A live source that only knows the rows it used and their span. */
    public static Inputs live(String source, long used, Optional<Instant> first, Optional<Instant> last) {
        return new Inputs(source, used, used, 0, 0, 0, 0, first, last, 0, List.of(), List.of(), List.of(), 0,
                List.of());
    }

    /** Rows that were set aside, all reasons together. */
    public long setAside() {
        return otherResources + otherCategories + duplicates + unreadable;
    }

    /** A minute (its start, UTC) and how many rows fall in it. */
    public record MinuteRows(Instant minute, long rows) {
        public MinuteRows {
            Objects.requireNonNull(minute, "minute");
        }
    }

    /** A name and how many rows carry it. */
    public record Count(String name, long rows) {
        public Count {
            Objects.requireNonNull(name, "name");
        }
    }
}
