package io.iothubtriage.evidence;

import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.TriageRequest;

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
 * taken at another time and proves nothing about the window; rows that could not be read are a gap too.
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

    /** The gaps the inputs show: unreadable rows, an export of other resources, an export of another time. */
    public static List<Gap> gaps(TriageRequest request, Inputs in) {
        List<Gap> gaps = new ArrayList<>();
        if (in.unreadable() > 0) {
            gaps.add(new Gap(Gap.CONNECTION_LOGS, plural(in.unreadable(), "row") + " could not be read ("
                    + reasons(in) + ")" + (in.unreadableWindowErrors() > 0
                    ? ", " + plural(in.unreadableWindowErrors(), "error row") + " of them in the window" : "")));
        }
        coverageProblem(request, in).ifPresent(p -> gaps.add(new Gap(Gap.CONNECTION_LOGS, p)));
        return gaps;
    }

    /**
     * Why the rows read say nothing about the window, when they do not: "the logs hold 11,214 rows of fabrikam-hub
     * and none of contoso-hub", or "the logs cover 2026-01-15 08:00–09:00 UTC, not the window ...".
     */
    public static Optional<String> coverageProblem(TriageRequest request, Inputs in) {
        if (onlyOtherResources(in)) {
            return Optional.of("the logs hold " + plural(in.otherResources(), "row") + " of "
                    + names(in.otherResourceNames()) + " and none of " + request.hub().name());
        }
        if (!coversWindow(in, request.window())) {
            return Optional.of("the logs cover " + span(in.first().get(), in.last().get())
                    + ", not the window " + span(request.window().start(), request.window().end()));
        }
        return Optional.empty();
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
