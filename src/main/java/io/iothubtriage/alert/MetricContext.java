package io.iothubtriage.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Metric alert contexts ({@code SingleResourceMultipleMetricCriteria}, {@code MultipleResourceMultipleMetricCriteria},
 * {@code DynamicThresholdCriteria}, {@code WebtestLocationAvailabilityCriteria}): one criterion per
 * {@code condition.allOf[]} entry with {@code metricName}, {@code operator}, {@code threshold} (a string; computed
 * for dynamic thresholds), {@code timeAggregation}, {@code metricValue} and {@code dimensions}.
 */
final class MetricContext {
    /** The metric this product is about; preferred when a rule has several criteria. */
    static final String CONNECTED_DEVICES = "connectedDeviceCount";

    private MetricContext() {
    }

    static ContextFacts read(Field context) throws BadInputException {
        List<Field> criteria = criteria(context);
        List<ResourceRef> refs = new ArrayList<>();
        for (Field c : criteria) {
            refs.addAll(Dimensions.resourceRefs(c.get("dimensions"), false));
        }
        Optional<Field> chosen = criteria.stream()
                .filter(c -> CONNECTED_DEVICES.equalsIgnoreCase(c.get("metricName").node().asText()))
                .findFirst()
                .or(() -> criteria.stream().findFirst());
        Optional<MetricCondition> metric = Optional.empty();
        if (chosen.isPresent()) {
            Field c = chosen.get();
            metric = Optional.of(new MetricCondition(c.get("metricName").textOrEmpty(), c.get("operator").textOrEmpty(),
                    c.get("timeAggregation").textOrEmpty(), c.get("threshold").number(), c.get("metricValue").number()));
        }
        return new ContextFacts(metric, refs, Optional.empty());
    }

    /** The {@code condition.allOf[]} entries, each an object; none when the context has no condition. */
    static List<Field> criteria(Field context) throws BadInputException {
        Optional<Field> condition = context.get("condition").optionalObject();
        if (condition.isEmpty()) {
            return List.of();
        }
        List<Field> out = new ArrayList<>();
        for (Field c : condition.get().get("allOf").elements()) {
            if (!c.absent()) {
                out.add(c.requireObject());
            }
        }
        return out;
    }
}
