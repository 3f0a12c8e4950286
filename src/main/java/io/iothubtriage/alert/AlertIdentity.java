package io.iothubtriage.alert;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Who fired and what: the essentials of a common-alert-schema payload that a report repeats and that the
 * idempotency ledger keys on ({@code alertId} + {@code condition}).
 *
 * @param alertId           essentials.alertId (ARM id of the alert instance)
 * @param rule              essentials.alertRule (rule name)
 * @param severity          Sev0..Sev4, or empty when the payload has none
 * @param condition         Fired or Resolved
 * @param firedAt           essentials.firedDateTime
 * @param resolvedAt        essentials.resolvedDateTime, only when Resolved
 * @param signalType        Metric, Log or Activity Log (normalised: "ActivityLog" becomes "Activity Log")
 * @param monitoringService Platform, Log Alerts V2, ResourceHealth, ...
 * @param metric            the metric criterion, for metric and log-measure alerts
 * @param description       the rule description, may be empty
 */
public record AlertIdentity(String alertId, String rule, String severity, MonitorCondition condition,
                            Instant firedAt, Optional<Instant> resolvedAt, String signalType,
                            String monitoringService, Optional<MetricCondition> metric, String description) {
    public AlertIdentity {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(firedAt, "firedAt");
        rule = rule == null ? "" : rule;
        severity = severity == null ? "" : severity;
        resolvedAt = resolvedAt == null ? Optional.empty() : resolvedAt;
        signalType = signalType == null ? "" : signalType;
        monitoringService = monitoringService == null ? "" : monitoringService;
        metric = metric == null ? Optional.empty() : metric;
        description = description == null ? "" : description;
    }
}
