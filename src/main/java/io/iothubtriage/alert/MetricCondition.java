package io.iothubtriage.alert;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The metric criterion that made the alert fire: e.g. connectedDeviceCount LessThan 900, observed 611.
 * For dynamic thresholds the threshold is the computed one; it may be absent.
 */
public record MetricCondition(String name, String operator, String timeAggregation,
                              OptionalDouble threshold, OptionalDouble value) {
    public MetricCondition {
        name = name == null ? "" : name;
        operator = operator == null ? "" : operator;
        timeAggregation = timeAggregation == null ? "" : timeAggregation;
        threshold = threshold == null ? OptionalDouble.empty() : threshold;
        value = value == null ? OptionalDouble.empty() : value;
    }

    public Optional<String> nameIfKnown() {
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }
}
