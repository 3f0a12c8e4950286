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
        List<MetricPoint> connected = evidence.deviceCount().map(DeviceCountEvidence::connected).orElse(List.of())
                .stream().filter(p -> !p.time().isBefore(minuteOf(window.start())) && p.time().isBefore(window.end()))
                .toList();
        BaselineStrip baseline = evidence.connections().map(ConnectionEvidence::baselineStrip)
                .orElse(BaselineStrip.none());
        TimeWindow span = new TimeWindow(request.baseline().start(), window.end());
        return new Series(connected, baseline, evidence.health().map(h -> healthChanges(h, span)).orElse(List.of()));
    }

    /** Timed statuses inside {@code span}, oldest first, one per change of state. */
    private static List<HealthChange> healthChanges(HubHealthEvidence h, TimeWindow span) {
        Set<AvailabilityStatus> all = new LinkedHashSet<>(h.history());
        h.current().ifPresent(all::add);
        List<AvailabilityStatus> timed = all.stream().filter(s -> s.occurredTime().isPresent())
                .sorted(Comparator.comparing(s -> s.occurredTime().get())).toList();
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

    private static Instant minuteOf(Instant t) {
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), 60) * 60);
    }
}
