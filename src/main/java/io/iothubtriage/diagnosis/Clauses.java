package io.iothubtriage.diagnosis;

import io.iothubtriage.diagnosis.TriageReport.DeviceCount;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence.CodeStats;
import io.iothubtriage.evidence.HubHealthEvidence.AvailabilityStatus;
import io.iothubtriage.evidence.HubHealthEvidence.ServiceHealthEvent;
import io.iothubtriage.evidence.Inputs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.iothubtriage.diagnosis.ReportFormat.count;
import static io.iothubtriage.diagnosis.ReportFormat.time;

/**
 * Phrases built from one analysis that the headline, findings and actions all use. Ifs and loops rather than
 * Optional lambdas and streams where every report passes: a report is made once per cold CLI run, where each lambda
 * call site costs a bootstrap on its first call.
 */
final class Clauses {
    private Clauses() {
    }

    /** "10:30 UTC" on the window's day (its first or last), else with its date: "2026-01-22 10:30 UTC". */
    static String timeOn(Analysis a, Instant t) {
        String day = ReportFormat.day(t);
        boolean windowsDay = day.equals(ReportFormat.day(a.request.window().start()))
                || day.equals(ReportFormat.day(a.request.window().end()));
        return windowsDay ? time(t) : day + " " + time(t);
    }

    /**
     * "Resource Health reported the hub Unavailable from 2026-01-22 10:30 UTC, a week after the window": a status
     * that began after the window, told as what it is (never as the window's state, nor as "now"). Empty when no
     * later status changes the window's state.
     */
    static Optional<String> laterHealth(Analysis a) {
        Optional<AvailabilityStatus> later = a.health.laterChange();
        if (later.isEmpty()) {
            return Optional.empty();
        }
        Instant from = HealthView.since(later.get()).orElseThrow(); // a later status is a dated one
        return Optional.of("Resource Health reported the hub " + later.get().availabilityState() + " from "
                + timeOn(a, from) + ", " + afterTheWindow(Duration.between(a.request.window().end(), from)));
    }

    /** "6 minutes after the window", "30 hours after the window", "a week after the window", "12 days after …". */
    static String afterTheWindow(Duration d) {
        long minutes = Math.round(d.toMillis() / 60_000.0);
        if (minutes < 1) {
            return "as the window ended";
        }
        if (minutes < 100) {
            return ReportFormat.plural(minutes, "minute") + " after the window";
        }
        long hours = Math.round(d.toMillis() / 3_600_000.0);
        if (hours < 48) {
            return hours + " hours after the window";
        }
        long days = Math.round(d.toMillis() / 86_400_000.0);
        return (days == 7 ? "a week" : days + " days") + " after the window";
    }

    /** " at 10:41 UTC", or nothing when the time is unknown. */
    static String at(Analysis a) {
        return a.onset.isEmpty() ? "" : a.beganBeforeWindow ? " before " + windowStart(a) + ", when the window begins"
                : " at " + onsetTime(a);
    }

    /** The onset's time, with its date when it is not on the window's first day. */
    static String onsetTime(Analysis a) {
        return ReportFormat.timeOnDayOf(a.onset.get(), a.request.window().start());
    }

    /** The window's start, the time "when the window begins" names. */
    private static String windowStart(Analysis a) {
        return ReportFormat.timeOnDayOf(a.request.window().start(), a.request.window().start());
    }

    /**
     * "around 10:41 UTC", "before 10:11 UTC, when the window begins" ({@link Analysis#beganBeforeWindow}), or
     * "around the drop" without an onset.
     */
    static String aroundOnset(Analysis a) {
        return a.onset.isEmpty() ? "around the drop" : a.beganBeforeWindow
                ? "before " + windowStart(a) + ", when the window begins" : "around " + onsetTime(a);
    }

    /**
     * When the clean disconnects happened, read from their own rows ({@code MinuteBucket.cleanDisconnects}), never
     * from the onset of errors or of other devices' disconnects (renewal waves, a burst at the edge of the data):
     * " at 10:41 UTC" when they all fell in one minute, " between 10:22 and 10:38 UTC" otherwise, with
     * ", mostly at 10:41 UTC" (or ", mostly in 10:41–10:42 UTC") when the burst around the busiest minute holds more
     * than half of them, ", 62 of them at 10:41 UTC" when it holds fewer but stands out from the other minutes
     * ({@link CleanDisconnectMinutes}); nothing when the source did not time them.
     */
    static String cleanDisconnectTime(Analysis a) {
        Optional<CleanDisconnectMinutes> found = CleanDisconnectMinutes.of(a);
        if (found.isEmpty()) {
            return "";
        }
        CleanDisconnectMinutes m = found.get();
        if (m.first().equals(m.last())) {
            return " at " + time(m.first());
        }
        String between = " between " + ReportFormat.clock(m.first()) + " and " + time(m.last());
        if (!m.together()) {
            return between;
        }
        Instant from = m.burstFrom().get();
        Instant to = m.burstTo().get();
        String where = from.equals(to) ? " at " + time(from) : " in " + ReportFormat.range(from, to);
        return between + (m.mostly() ? ", mostly" + where : ", " + count(m.burst()) + " of them" + where);
    }

    /**
     * A fall in connected devices that is routine churn: under {@link Analysis#SHUTDOWN_MIN_DROP_SHARE} of the devices
     * connected, and the clean disconnects spread over the window rather than together ({@link
     * CleanDisconnectMinutes#together()}). Devices that disconnect cleanly in the same minute or two are a shutdown, a
     * power loss or a restart of something they share, however small a share of a big fleet they are.
     */
    static boolean routineChurn(Analysis a) {
        if (!a.dropWithinChurn()) {
            return false;
        }
        Optional<CleanDisconnectMinutes> m = CleanDisconnectMinutes.of(a);
        return m.isEmpty() || !m.get().together();
    }

    /**
     * Connected devices fell by a shutdown's share or more, and were at their lowest before the window began: what
     * took them happened before the window's rows, which cannot explain it (an outage that began earlier).
     */
    static boolean fellBeforeWindow(Analysis a) {
        return a.deviceCount.isPresent() && a.deviceCount.get().minAt().isPresent() && a.deviceDropShare().isPresent()
                && !a.dropWithinChurn() && a.deviceCount.get().minAt().get().isBefore(a.request.window().start());
    }

    /** " (404104)" or " (401003, 403012)": a family's top codes. */
    static String codesTagOf(Analysis a, CauseFamily f) {
        return codesTag(a.codesOf(f));
    }

    /** " (404104)" or " (401003, 403012)": the first two of the given codes, or nothing. */
    static String codesTag(List<CodeStats> codes) {
        return codes.isEmpty() ? "" : " (" + codeList(codes, 2) + ")";
    }

    /** "404104, 401003": the first n of the given codes, joined. */
    static String codeList(List<CodeStats> codes, int n) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < Math.min(n, codes.size()); i++) {
            list.append(i == 0 ? "" : ", ").append(codes.get(i).code());
        }
        return list.toString();
    }

    /** "<lead>connected devices fell from 1,198 to 611 at 10:42 UTC", or nothing without the metric. */
    static String metricClause(Analysis a, String lead) {
        Optional<DeviceCount> dc = a.deviceCount;
        if (dc.isEmpty() || dc.get().min().isEmpty()) {
            return "";
        }
        DeviceCount d = dc.get();
        String when = d.minAt().isPresent() ? " at " + ReportFormat.timeOnDayOf(d.minAt().get(), a.request.window().start())
                : "";
        if (d.before().isPresent() && d.before().getAsDouble() > d.min().getAsDouble()) {
            return lead + "connected devices fell from " + count(d.before().getAsDouble()) + " to "
                    + count(d.min().getAsDouble()) + when;
        }
        return lead + "connected devices were at " + count(d.min().getAsDouble()) + " at the lowest" + when;
    }

    static String range(Analysis a) {
        return ReportFormat.range(a.request.window().start(), a.request.window().end());
    }

    /** The event's region as it names it, when it matches the hub's; else the hub's region. */
    static Optional<String> region(Analysis a, ServiceHealthEvent e) {
        Optional<String> hub = a.health.region();
        Optional<String> named = e.impactedRegions().stream()
                .filter(r -> hub.isEmpty() || HealthView.squash(r).equals(HealthView.squash(hub.get()))).findFirst();
        return named.or(() -> hub);
    }

    /**
     * The hub's other log categories, at most {@code shown} of them, and what is left out said, never cut in
     * silence: with rows, "4,470 C2DCommands rows, 4,470 DeviceTelemetry rows and 4,470 rows of 1 more category";
     * inside a sentence that already says they are rows of other categories ("17,880 rows of other categories (…)"),
     * each count before its own name, "4,470 C2DCommands, 4,470 DeviceTelemetry and 4,470 of 1 more category": a
     * count after a list ("DeviceTelemetry and 1 more (4,470 rows)") reads as the whole list's. Empty when there are
     * none.
     */
    static String otherCategories(Inputs in, int shown, boolean withRows) {
        List<Inputs.Count> others = new ArrayList<>();
        for (Inputs.Count c : in.categoryCounts()) {
            if (!c.name().equalsIgnoreCase("Connections")) {
                others.add(c);
            }
        }
        int n = Math.min(shown, others.size());
        long shownRows = 0;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Inputs.Count c = others.get(i);
            shownRows += c.rows();
            parts.add(count(c.rows()) + " " + c.name() + (withRows ? " rows" : ""));
        }
        long restRows = in.otherCategories() - shownRows;
        int restListed = others.size() - n;
        // the category list is bounded (Inputs.MAX_NAMES): past it, how many more categories is not known
        boolean listCut = in.categoryCounts().size() >= Inputs.MAX_NAMES;
        if (restListed == 1 && !listCut && others.get(n).rows() == restRows) {
            // one left, and it holds every row not shown: its name costs no more words than "1 more category"
            Inputs.Count last = others.get(n);
            parts.add(count(last.rows()) + " " + last.name() + (withRows ? " rows" : ""));
            restRows = 0;
            restListed = 0;
        }
        if (restRows <= 0 && restListed <= 0) {
            return parts.size() <= 1 ? String.join("", parts)
                    : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
        }
        String more = listCut || restListed <= 0 ? "more categories"
                : restListed == 1 ? "1 more category" : restListed + " more categories";
        String rest = (withRows ? ReportFormat.plural(Math.max(restRows, 0), "row") : count(Math.max(restRows, 0)))
                + " of " + more;
        return parts.isEmpty() ? rest : String.join(", ", parts) + " and " + rest;
    }

    static String onsetOr(Analysis a, String fallback) {
        return a.onset.isPresent() ? onsetTime(a) : fallback;
    }
}
