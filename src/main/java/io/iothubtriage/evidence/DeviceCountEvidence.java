package io.iothubtriage.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The hub's {@code connectedDeviceCount} and {@code totalDeviceCount} metrics over the window, one point per
 * minute, oldest first. An empty minute has empty aggregations, never zero.
 */
public record DeviceCountEvidence(List<MetricPoint> connected, List<MetricPoint> registered) {

    public DeviceCountEvidence {
        connected = List.copyOf(connected);
        registered = List.copyOf(registered);
    }

    public record MetricPoint(Instant time, OptionalDouble minimum, OptionalDouble average, OptionalDouble maximum) {
        public MetricPoint {
            Objects.requireNonNull(time, "time");
            minimum = minimum == null ? OptionalDouble.empty() : minimum;
            average = average == null ? OptionalDouble.empty() : average;
            maximum = maximum == null ? OptionalDouble.empty() : maximum;
        }
    }
}
