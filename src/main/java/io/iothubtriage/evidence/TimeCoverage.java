package io.iothubtriage.evidence;

import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.evidence.HubHealthEvidence.AvailabilityStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a health or metrics file speaks about the analysis window. A Resource Health status holds from its
 * occurred time until the next status's; the newest holds until its last check ({@code reportedTime}), or on
 * when it has none. A metric series speaks about the window when it has a point inside it.
 */
final class TimeCoverage {

    private TimeCoverage() {
    }

    /** Empty when some status overlaps the window (or there are no statuses); else what the statuses cover. */
    static Optional<String> healthOutside(HubHealthEvidence h, TimeWindow window) {
        Set<AvailabilityStatus> all = new LinkedHashSet<>(h.history());
        h.current().ifPresent(all::add);
        List<AvailabilityStatus> timed = new ArrayList<>(all.stream().filter(s -> start(s).isPresent()).toList());
        if (timed.isEmpty()) {
            return Optional.empty();
        }
        timed.sort(Comparator.comparing(s -> start(s).get()));
        for (int i = 0; i < timed.size(); i++) {
            Instant from = start(timed.get(i)).get();
            Optional<Instant> to = i + 1 < timed.size() ? start(timed.get(i + 1))
                    : timed.get(i).reportedTime().filter(r -> !r.isBefore(from));
            if (from.isBefore(window.end()) && to.map(t -> !t.isBefore(window.start())).orElse(true)) {
                return Optional.empty();
            }
        }
        AvailabilityStatus last = timed.get(timed.size() - 1);
        Instant first = start(timed.get(0)).get();
        Instant end = last.reportedTime().filter(r -> r.isAfter(start(last).get())).orElse(start(last).get());
        return Optional.of("the Resource Health statuses given cover " + Coverage.span(first, end) + ", not the window "
                + Coverage.span(window.start(), window.end()) + "; they say nothing about the hub then");
    }

    /** Empty when a point of either series lies in the window (or the file has no points); else what it covers. */
    static Optional<String> metricsOutside(DeviceCountEvidence m, TimeWindow window) {
        List<DeviceCountEvidence.MetricPoint> points = new ArrayList<>(m.connected());
        points.addAll(m.registered());
        if (points.isEmpty() || points.stream().anyMatch(p -> window.contains(p.time()))) {
            return Optional.empty();
        }
        Instant first = points.stream().map(DeviceCountEvidence.MetricPoint::time).min(Comparator.naturalOrder()).get();
        Instant last = points.stream().map(DeviceCountEvidence.MetricPoint::time).max(Comparator.naturalOrder()).get();
        return Optional.of("the metrics file covers " + Coverage.span(first, last) + ", not the window "
                + Coverage.span(window.start(), window.end()));
    }

    private static Optional<Instant> start(AvailabilityStatus s) {
        return s.occurredTime().or(s::reportedTime);
    }
}
