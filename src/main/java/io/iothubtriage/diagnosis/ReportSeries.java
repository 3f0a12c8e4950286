package io.iothubtriage.diagnosis;

import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.diagnosis.TriageReport.HealthChange;
import io.iothubtriage.diagnosis.TriageReport.Series;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.ConnectionEvidence.BaselineStrip;
import io.iothubtriage.evidence.DeviceCountEvidence;
import io.iothubtriage.evidence.DeviceCountEvidence.MetricPoint;
import io.iothubtriage.evidence.Evidence;
import io.iothubtriage.evidence.HubHealthEvidence;
import io.iothubtriage.evidence.HubHealthEvidence.AvailabilityStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The report's {@link Series}: the evidence's per-minute and per-bucket values, copied as they are, bounded. */
final class ReportSeries {

    private ReportSeries() {
    }

    static Series of(TriageRequest request, Evidence evidence) {
        TimeWindow window = request.window();
        // loops and ifs, no lambdas: made once per report, in a cold JVM for the CLI
        List<MetricPoint> connected = new ArrayList<>();
        if (evidence.deviceCount().isPresent()) {
            for (MetricPoint p : evidence.deviceCount().get().connected()) {
                if (!p.time().isBefore(minuteOf(window.start())) && p.time().isBefore(window.end())) {
                    connected.add(p);
                }
            }
        }
        BaselineStrip baseline = evidence.connections().isPresent() ? evidence.connections().get().baselineStrip()
                : BaselineStrip.none();
        TimeWindow span = new TimeWindow(request.baseline().start(), window.end());
        return new Series(List.copyOf(connected), baseline,
                evidence.health().isPresent() ? healthChanges(evidence.health().get(), span) : List.of());
    }

    /** Timed statuses inside {@code span}, oldest first, one per change of state. */
    private static List<HealthChange> healthChanges(HubHealthEvidence h, TimeWindow span) {
        Set<AvailabilityStatus> all = new LinkedHashSet<>(h.history());
        if (h.current().isPresent()) {
            all.add(h.current().get());
        }
        List<AvailabilityStatus> timed = new ArrayList<>();
        for (AvailabilityStatus s : all) {
            if (s.occurredTime().isPresent()) {
                timed.add(s);
            }
        }
        timed.sort(BY_OCCURRED_TIME);
        List<HealthChange> out = new ArrayList<>();
        String previous = null;
        for (AvailabilityStatus s : timed) {
            Instant at = s.occurredTime().get();
            boolean changed = previous == null || !previous.equalsIgnoreCase(s.availabilityState());
            previous = s.availabilityState();
            if (changed && span.contains(at)) {
                out.add(new HealthChange(at, s.availabilityState(), s.title(), s.isUserInitiated()));
            }
        }
        return out.size() <= Series.MAX_HEALTH_CHANGES ? out
                : out.subList(out.size() - Series.MAX_HEALTH_CHANGES, out.size());
    }

    private static final Comparator<AvailabilityStatus> BY_OCCURRED_TIME = new Comparator<>() {
        @Override
        public int compare(AvailabilityStatus a, AvailabilityStatus b) {
            return a.occurredTime().get().compareTo(b.occurredTime().get());
        }
    };

    private static Instant minuteOf(Instant t) {
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), 60) * 60);
    }
}
