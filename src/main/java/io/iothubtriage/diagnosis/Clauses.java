package io.iothubtriage.diagnosis;

import io.iothubtriage.diagnosis.TriageReport.DeviceCount;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence.CodeStats;
import io.iothubtriage.evidence.ConnectionEvidence.MinuteBucket;
import io.iothubtriage.evidence.HubHealthEvidence.ServiceHealthEvent;

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

    /** " at 10:41 UTC", or nothing when the time is unknown. */
    static String at(Analysis a) {
        return a.onset.isPresent() ? " at " + time(a.onset.get()) : "";
    }

    /**
     * When the clean disconnects happened, read from their own rows ({@code MinuteBucket.cleanDisconnects}), never
     * from the onset of errors or of other devices' disconnects (renewal waves, a burst at the edge of the data):
     * " at 10:41 UTC" when they all fell in one minute, " between 10:22 and 10:38 UTC" otherwise, with
     * ", mostly at 10:41 UTC" when one minute holds more than half of them and at least
     * {@link DiagnosisOptions#onsetMinEvents()}; nothing when the source did not time them.
     */
    static String cleanDisconnectTime(Analysis a) {
        if (a.connections.isEmpty()) {
            return "";
        }
        MinuteBucket first = null;
        MinuteBucket last = null;
        MinuteBucket busiest = null;
        long total = 0;
        for (MinuteBucket b : a.connections.get().timeline()) {
            if (b.cleanDisconnects() == 0) {
                continue;
            }
            if (first == null) {
                first = b;
            }
            last = b;
            if (busiest == null || b.cleanDisconnects() > busiest.cleanDisconnects()) {
                busiest = b;
            }
            total += b.cleanDisconnects();
        }
        if (first == null) {
            return "";
        }
        if (first == last) {
            return " at " + time(first.minute());
        }
        String between = " between " + ReportFormat.clock(first.minute()) + " and " + time(last.minute());
        boolean mostly = busiest.cleanDisconnects() * 2L > total
                && busiest.cleanDisconnects() >= a.options.onsetMinEvents();
        return mostly ? between + ", mostly at " + time(busiest.minute()) : between;
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
        String when = d.minAt().isPresent() ? " at " + time(d.minAt().get()) : "";
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

    static String onsetOr(Analysis a, String fallback) {
        return a.onset.isPresent() ? ReportFormat.time(a.onset.get()) : fallback;
    }
}
