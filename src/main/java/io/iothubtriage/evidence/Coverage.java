package io.iothubtriage.evidence;

import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.TriageRequest;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Does the evidence read cover the window it is asked about? The rows of an export cover the time span from the
 * hub's oldest to its newest row (any category). An export whose span does not overlap the analysis window was
 * taken at another time and proves nothing about the window; one whose rows of a busy hub stop or start well inside
 * it ({@link ExportSpan}) proves nothing about the minutes it lacks; rows that could not be read are a gap too.
 */
public final class Coverage {

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Coverage() {
    }

    /**
     * True when the hub's rows reach into the window, or when the source read none at all (then it is "no rows",
     * for NO_DIAGNOSTIC_LOGS to judge, not "rows of another time").
     */
    public static boolean coversWindow(Inputs in, TimeWindow window) {
        if (in.first().isEmpty() || in.last().isEmpty()) {
            return true;
        }
        return !in.last().get().isBefore(window.start()) && in.first().get().isBefore(window.end());
    }

    /** True when rows were read but none is this hub's: the export is about other resources only. */
    public static boolean onlyOtherResources(Inputs in) {
        return in.otherResources() > 0 && in.first().isEmpty() && in.unreadable() == 0;
    }

    /** Why the rows read do not speak for the window, and how much of it they miss. */
    public enum Shortfall {
        /** Rows were read, none of them this hub's. */
        OTHER_RESOURCES_ONLY,
        /** The hub's rows all lie outside the window: an export of another time. */
        ANOTHER_TIME,
        /** An exported file whose rows of a busy hub stop (or start) well inside the window. */
        PART_OF_WINDOW
    }

    /** A coverage problem: its kind, and the gap's words. */
    public record Problem(Shortfall shortfall, String reason) {
        public Problem {
            java.util.Objects.requireNonNull(shortfall, "shortfall");
            java.util.Objects.requireNonNull(reason, "reason");
        }
    }

    /** The gaps the inputs show: unreadable rows, an export of other resources, of another time, of part of the window. */
    public static List<Gap> gaps(TriageRequest request, Inputs in, ConnectionEvidence evidence) {
        List<Gap> gaps = new ArrayList<>();
        unreadableGap(in).ifPresent(gaps::add);
        problem(request, in, evidence).ifPresent(p -> gaps.add(new Gap(Gap.CONNECTION_LOGS, p.reason())));
        return gaps;
    }

    /** "27 rows could not be read (…), 12 error rows of them in the window", when rows could not be read. */
    public static Optional<Gap> unreadableGap(Inputs in) {
        if (in.unreadable() <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Gap(Gap.CONNECTION_LOGS, plural(in.unreadable(), "row") + " could not be read ("
                + reasons(in) + ")" + (in.unreadableWindowErrors() > 0
                ? ", " + plural(in.unreadableWindowErrors(), "error row") + " of them in the window" : ""),
                false, Gap.Kind.UNREADABLE_ROWS));
    }

    /**
     * Why the rows read say nothing (or not enough) about the window, when they do not: "the logs hold 11,214 rows
     * of fabrikam-hub and none of contoso-hub", "the logs cover 2026-01-15 08:00–09:00 UTC, not the window ...", or,
     * for exported files only ({@link ExportSpan}), "the logs cover only 2026-01-15 10:11–10:29 UTC of the window
     * ...". A live source asks for the window itself; its late end is {@code StaleEnd}'s to judge.
     *
     * @param evidence the rows' aggregate, for the hub's rate of rows
     */
    public static Optional<Problem> problem(TriageRequest request, Inputs in, ConnectionEvidence evidence) {
        if (onlyOtherResources(in)) {
            return Optional.of(new Problem(Shortfall.OTHER_RESOURCES_ONLY, "the logs hold "
                    + plural(in.otherResources(), "row") + " of " + names(in.otherResourceNames()) + " and none of "
                    + request.hub().name()));
        }
        if (!coversWindow(in, request.window())) {
            return Optional.of(new Problem(Shortfall.ANOTHER_TIME, "the logs cover "
                    + span(in.first().get(), in.last().get()) + ", not the window "
                    + span(request.window().start(), request.window().end())));
        }
        if (!in.source().equals(Inputs.FILES) || in.first().isEmpty() || in.last().isEmpty()) {
            return Optional.empty();
        }
        // the rows the span is made of: this hub's, of any category, unreadable ones included
        Optional<String> few = ExportSpan.tooFewRows(request.window(), in.first().get(), in.last().get(),
                in.used() + in.otherCategories() + in.unreadable());
        if (few.isPresent()) {
            return Optional.of(new Problem(Shortfall.PART_OF_WINDOW, few.get()));
        }
        return ExportSpan.partial(request.window(), request.baseline(), in.first().get(), in.last().get(),
                evidence.analysisRows() + evidence.baselineRows())
                .map(reason -> new Problem(Shortfall.PART_OF_WINDOW, reason));
    }

    /**
     * The part of the baseline the evidence holds: all of it, except for an exported file cut after the baseline's
     * start (the rule of {@link ExportSpan#baselineHeld}), which holds it from its first row of the hub on.
     */
    public static Duration baselineHeld(TriageRequest request, Inputs in, ConnectionEvidence evidence) {
        if (!in.source().equals(Inputs.FILES) || in.first().isEmpty() || in.last().isEmpty()) {
            return request.baseline().duration();
        }
        return ExportSpan.baselineHeld(request.window(), request.baseline(), in.first().get(), in.last().get(),
                evidence.analysisRows() + evidence.baselineRows());
    }

    /**
     * True for a Resource Health or metrics gap whose file was read but speaks about another time than the window
     * ({@link Gap.Kind#ANOTHER_TIME}): such a source was read, and sentences must not say it "could not be read".
     */
    public static boolean ofAnotherTime(Gap g) {
        return (g.source().equals(Gap.RESOURCE_HEALTH) || g.source().equals(Gap.METRICS))
                && g.kind() == Gap.Kind.ANOTHER_TIME;
    }

    /** "properties_s missing or blank: 960; no deviceId: 3". */
    public static String reasons(Inputs in) {
        return in.unreadableReasons().stream().map(c -> c.name() + ": " + String.format(Locale.ROOT, "%,d", c.rows()))
                .collect(Collectors.joining("; "));
    }

    /** "fabrikam-hub (11,214 rows), contoso-hub2 (96 rows)". */
    public static String names(List<Inputs.Count> counts) {
        return counts.stream().limit(3).map(c -> c.name() + " (" + plural(c.rows(), "row") + ")")
                .collect(Collectors.joining(", ")) + (counts.size() > 3 ? " and others" : "");
    }

    /** "2026-01-15 08:00–09:00 UTC", or both days when they differ. */
    public static String span(Instant from, Instant to) {
        String a = DAY_TIME.format(from);
        boolean sameDay = a.substring(0, 10).equals(DAY_TIME.format(to).substring(0, 10));
        return a + "–" + (sameDay ? TIME.format(to) : DAY_TIME.format(to)) + " UTC";
    }

    static String plural(long n, String noun) {
        return String.format(Locale.ROOT, "%,d", n) + " " + noun + (n == 1 ? "" : "s");
    }

}
