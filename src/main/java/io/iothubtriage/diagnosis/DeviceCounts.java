package io.iothubtriage.diagnosis;

import io.iothubtriage.diagnosis.TriageReport.DeviceCount;
import io.iothubtriage.evidence.DeviceCountEvidence;
import io.iothubtriage.evidence.DeviceCountEvidence.MetricPoint;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads the connected-devices metric the way an engineer reads the chart:
 * <ul>
 *   <li>{@code min}: the lowest per-minute Minimum (Average when a minute has no Minimum), and when it was;</li>
 *   <li>{@code before}: the highest per-minute Average before that lowest minute, i.e. how many were connected
 *       before the drop (empty when the lowest point is the first one);</li>
 *   <li>{@code now}: the latest minute with a value (Average, else Minimum, else Maximum);</li>
 *   <li>{@code registered}: the latest totalDeviceCount.</li>
 * </ul>
 * An empty minute is skipped, never read as zero.
 */
final class DeviceCounts {
    private DeviceCounts() {
    }

    static Optional<DeviceCount> of(Optional<DeviceCountEvidence> evidence) {
        return evidence.isPresent() ? Optional.of(of(evidence.get())) : Optional.empty();
    }

    static DeviceCount of(DeviceCountEvidence e) {
        List<MetricPoint> connected = e.connected();
        OptionalDouble min = OptionalDouble.empty();
        Optional<Instant> minAt = Optional.empty();
        for (MetricPoint p : connected) {
            OptionalDouble low = first(p.minimum(), p.average(), p.maximum());
            if (low.isPresent() && (min.isEmpty() || low.getAsDouble() < min.getAsDouble())) {
                min = low;
                minAt = Optional.of(p.time());
            }
        }
        OptionalDouble before = OptionalDouble.empty();
        if (minAt.isPresent()) {
            Instant at = minAt.get();
            // a loop, as DoubleStream.max() folds (Math.max), without a stream's set-up on every cold CLI run
            for (MetricPoint p : connected) {
                OptionalDouble v = first(p.average(), p.maximum(), p.minimum());
                if (p.time().isBefore(at) && v.isPresent()) {
                    before = OptionalDouble.of(before.isEmpty() ? v.getAsDouble()
                            : Math.max(before.getAsDouble(), v.getAsDouble()));
                }
            }
        }
        return new DeviceCount(before, min, minAt, latest(connected), latest(e.registered()), latestAt(connected));
    }

    private static OptionalDouble latest(List<MetricPoint> points) {
        for (int i = points.size() - 1; i >= 0; i--) {
            MetricPoint p = points.get(i);
            OptionalDouble v = first(p.average(), p.minimum(), p.maximum());
            if (v.isPresent()) {
                return v;
            }
        }
        return OptionalDouble.empty();
    }

    /** The time of {@link #latest}'s point. */
    private static Optional<Instant> latestAt(List<MetricPoint> points) {
        for (int i = points.size() - 1; i >= 0; i--) {
            MetricPoint p = points.get(i);
            if (first(p.average(), p.minimum(), p.maximum()).isPresent()) {
                return Optional.of(p.time());
            }
        }
        return Optional.empty();
    }

    private static OptionalDouble first(OptionalDouble a, OptionalDouble b, OptionalDouble c) {
        return a.isPresent() ? a : b.isPresent() ? b : c;
    }
}
