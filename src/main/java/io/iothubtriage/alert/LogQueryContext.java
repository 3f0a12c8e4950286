package io.iothubtriage.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Log Alerts V2 and Simple Log Alert contexts ({@code conditionType: LogQueryCriteria}). No query results are
 * embedded; what names the hub is the alert target (a rule scoped to the hub) or a {@code _ResourceId}-style
 * dimension (a rule on a workspace split by resource).
 */
final class LogQueryContext {

    private LogQueryContext() {
    }

    static ContextFacts read(Field context) throws BadInputException {
        List<Field> criteria = MetricContext.criteria(context);
        List<ResourceRef> refs = new ArrayList<>();
        for (Field c : criteria) {
            boolean onHubs = c.get("targetResourceTypes").textOrEmpty().toLowerCase(Locale.ROOT)
                    .contains("microsoft.devices/iothubs");
            refs.addAll(Dimensions.resourceRefs(c.get("dimensions"), onHubs));
        }
        Optional<MetricCondition> metric = Optional.empty();
        if (!criteria.isEmpty()) {
            Field c = criteria.get(0);
            String operator = c.get("operator").textOrEmpty();
            var threshold = c.get("threshold").number();
            // a Simple Log Alert has neither: it fires on any result, there is no criterion to report
            if (!operator.isEmpty() || threshold.isPresent()) {
                metric = Optional.of(new MetricCondition(c.get("metricMeasureColumn").textOrEmpty(), operator,
                        c.get("timeAggregation").textOrEmpty(), threshold, c.get("metricValue").number()));
            }
        }
        return new ContextFacts(metric, refs, Optional.empty());
    }
}
