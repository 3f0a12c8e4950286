package io.iothubtriage.alert;

import java.util.List;
import java.util.Optional;

/**
 * What an {@code alertContext} reader found: the metric criterion (metric and log-measure alerts), resource ids
 * that say which resource fired (dimensions, activity-log scope, legacy search results), and for Service Health
 * a one-line summary used when the alert names no hub.
 */
record ContextFacts(Optional<MetricCondition> metric, List<ResourceRef> refs, Optional<ServiceHealthSummary> serviceHealth) {

    static ContextFacts none() {
        return new ContextFacts(Optional.empty(), List.of(), Optional.empty());
    }

    ContextFacts {
        refs = List.copyOf(refs);
    }
}
