package io.iothubtriage.evidence;

import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.WindowPolicy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Do an exported file's rows reach both ends of the window? The contract's "well before" rule for the newest row
 * (docs/triage-contract.md, Inputs), applied to the file's first and last rows of the hub: an end of the window is
 * missing when the rows stop (or start) more than the ingestion allowance (the CLI's 2 minutes) inside it, on a hub
 * busy enough that it would have logged at least {@link #MIN_EXPECTED_ROWS} rows in the minutes missing.
 *
 * <p>The live rule's 15-minute limit does not apply: it is about a triage that runs after the window's end, where
 * the silence, once the logs had time to land, is the hub's. An export's last row is a fact about the file (when it
 * was taken, what its query asked for), not about the hub, and no later run will fill it in.
 *
 * <p>The hub's rate is its Connections rows per minute over the part of the baseline and the window that the export
 * holds (at least {@link #MIN_RATE_SPAN}, so that a file of a few rows in a few seconds does not make a quiet hub
 * look busy). A file of fewer than {@link #MIN_EXPECTED_ROWS} rows of the hub has no rate to tell a quiet hub from a
 * file that stops: it covers what its rows span and no more ({@link #tooFewRows}).
 */
final class ExportSpan {

    /** The ingestion allowance of the CLI, which is what reads exported files. */
    static final Duration ALLOWANCE = WindowPolicy.DEFAULT_INGESTION_ALLOWANCE;
    /** As in the live rule: fewer expected rows than this, and silence is plausible. */
    static final int MIN_EXPECTED_ROWS = 5;
    /** The shortest time a rate is measured over. */
    static final Duration MIN_RATE_SPAN = Duration.ofMinutes(10);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ExportSpan() {
    }

    /**
     * How much of the baseline an export holds: from its first row of the hub when that row comes more than the
     * allowance after the baseline's start on a hub busy enough to have logged {@link #MIN_EXPECTED_ROWS} rows
     * before it (the file was cut there), else all of it (a quiet hub's first row may simply come late).
     */
    static Duration baselineHeld(TimeWindow window, TimeWindow baseline, Instant first, Instant last, long hubRows) {
        if (!first.isAfter(baseline.start())) {
            return baseline.duration();
        }
        Duration missing = Duration.between(baseline.start(), first);
        long expected = Math.round(rowsPerMilli(first, last, window, hubRows) * missing.toMillis());
        if (missing.compareTo(ALLOWANCE) <= 0 || expected < MIN_EXPECTED_ROWS) {
            return baseline.duration();
        }
        return first.isBefore(baseline.end()) ? Duration.between(first, baseline.end()) : Duration.ZERO;
    }

    /**
     * Why a handful of rows cannot show the window, or empty when there are enough of them, or they reach both ends
     * of the window (within the allowance). Fewer than {@link #MIN_EXPECTED_ROWS} rows give no rate: the silence
     * around them may be a quiet hub or a file that holds nothing more, and nothing tells which. They cover the time
     * they span (one instant, for rows all logged at once), not the window: "the logs hold only 3 rows of the hub, all
     * at 2026-01-15 10:20:05 UTC: so few rows cannot show that the export covers the rest of the window ...".
     * Expects rows that overlap the window: rows all outside it are another rule's.
     *
     * @param first    the hub's oldest row
     * @param last     the hub's newest row
     * @param hubRows  the hub's rows in the file, any category and any time: the rows {@code first} and {@code last}
     *                 are taken from
     */
    static Optional<String> tooFewRows(TimeWindow window, Instant first, Instant last, long hubRows) {
        if (hubRows <= 0 || hubRows >= MIN_EXPECTED_ROWS) {
            return Optional.empty();
        }
        boolean reachStart = !first.isAfter(window.start().plus(ALLOWANCE));
        boolean reachEnd = !last.isBefore(window.end().minus(ALLOWANCE));
        if (reachStart && reachEnd) {
            return Optional.empty();
        }
        String held;
        if (first.equals(last)) {
            held = (hubRows == 1 ? "at " : "all at ") + DAY_SECONDS.format(first) + " UTC";
        } else {
            boolean sameDay = DAY_SECONDS.format(first).regionMatches(0, DAY_SECONDS.format(last), 0, 10);
            held = "from " + DAY_SECONDS.format(first) + " to "
                    + (sameDay ? SECONDS.format(last) : DAY_SECONDS.format(last)) + " UTC";
        }
        return Optional.of("the logs hold only " + Coverage.plural(hubRows, "row") + " of the hub, " + held
                + ": so few rows cannot show that the export covers the rest of the window "
                + Coverage.span(window.start(), window.end()));
    }

    /**
     * Why the rows cover only part of the window, or empty when they reach both ends (or the hub is too quiet to
     * tell). Expects rows that overlap the window: rows all outside it are another rule's.
     *
     * @param first    the hub's oldest row
     * @param last     the hub's newest row
     * @param hubRows  the hub's Connections rows in the baseline and the window
     */
    static Optional<String> partial(TimeWindow window, TimeWindow baseline, Instant first, Instant last,
                                    long hubRows) {
        Instant to = last.isBefore(window.end()) ? last : window.end();
        double perMilli = rowsPerMilli(first.isAfter(baseline.start()) ? first : baseline.start(), last, window,
                hubRows);
        List<String> missing = new ArrayList<>();
        Duration beforeFirst = Duration.between(window.start(), first);
        long expectedBefore = Math.round(perMilli * beforeFirst.toMillis());
        if (beforeFirst.compareTo(ALLOWANCE) > 0 && expectedBefore >= MIN_EXPECTED_ROWS) {
            missing.add("the hub's rows begin at " + SECONDS.format(first) + " UTC, though at its rate in the export"
                    + " it would have logged about " + Coverage.plural(expectedBefore, "row") + " since the"
                    + " window's start");
        }
        Duration afterLast = Duration.between(last, window.end());
        long expectedAfter = Math.round(perMilli * afterLast.toMillis());
        if (afterLast.compareTo(ALLOWANCE) > 0 && expectedAfter >= MIN_EXPECTED_ROWS) {
            missing.add("the hub's rows end at " + SECONDS.format(last) + " UTC, though at its rate in the export it"
                    + " would have logged about " + Coverage.plural(expectedAfter, "row") + " more by the window's"
                    + " end");
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        Instant coveredFrom = first.isAfter(window.start()) ? first : window.start();
        return Optional.of("the logs cover only " + Coverage.span(coveredFrom, to) + " of the window "
                + Coverage.span(window.start(), window.end()) + ": " + String.join(", and ", missing));
    }

    /** The hub's rows per millisecond from {@code from} to its last row or the window's end (10 minutes at least). */
    private static double rowsPerMilli(Instant from, Instant last, TimeWindow window, long hubRows) {
        Instant to = last.isBefore(window.end()) ? last : window.end();
        return hubRows / (double) Math.max(MIN_RATE_SPAN.toMillis(), Duration.between(from, to).toMillis());
    }
}
