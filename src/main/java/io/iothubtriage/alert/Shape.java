package io.iothubtriage.alert;

import java.util.Locale;
import java.util.Optional;

/** Which {@code alertContext} layout a payload carries; picks the reader. */
enum Shape {
    /** monitoringService Platform: static, dynamic, multi-resource and web-test metric criteria. */
    METRIC,
    /** Log Alerts V2 and Simple Log Alert: {@code conditionType LogQueryCriteria}. */
    LOG_QUERY,
    /** Legacy log search alerts (monitoringService Log Analytics / Application Insights). */
    LOG_LEGACY,
    /** Activity Log - Administrative / Policy / Autoscale / Security. */
    ACTIVITY_LOG,
    RESOURCE_HEALTH,
    SERVICE_HEALTH,
    /** Prometheus, smart detection, budgets and anything new: only the targets can name a hub. */
    OTHER;

    boolean isLog() {
        return this == LOG_QUERY || this == LOG_LEGACY;
    }

    /**
     * From {@code essentials.monitoringService} (compared without case and spaces); when that is missing or
     * unknown, from what the context holds.
     */
    static Shape of(String monitoringService, Optional<Field> context) throws BadInputException {
        String service = monitoringService.toLowerCase(Locale.ROOT).replace(" ", "");
        switch (service) {
            case "platform":
                return METRIC;
            case "logalertsv2":
            case "simplelogalert":
                return LOG_QUERY;
            case "loganalytics":
            case "applicationinsights":
                return LOG_LEGACY;
            case "servicehealth":
                return SERVICE_HEALTH;
            case "resourcehealth":
                return RESOURCE_HEALTH;
            default:
                if (service.startsWith("activitylog")) {
                    return ACTIVITY_LOG;
                }
        }
        if (!service.isEmpty() || context.isEmpty()) {
            return OTHER;
        }
        Field ctx = context.get();
        String conditionType = ctx.get("conditionType").textOrEmpty();
        if (conditionType.equalsIgnoreCase("LogQueryCriteria")) {
            return LOG_QUERY;
        }
        if (!conditionType.isEmpty()) {
            return METRIC;
        }
        if (!ctx.get("SearchQuery").absent()) {
            return LOG_LEGACY;
        }
        String operation = ctx.get("operationName").textOrEmpty().toLowerCase(Locale.ROOT);
        if (operation.startsWith("microsoft.servicehealth/")) {
            return SERVICE_HEALTH;
        }
        if (operation.startsWith("microsoft.resourcehealth/")) {
            return RESOURCE_HEALTH;
        }
        return ctx.get("eventSource").absent() ? OTHER : ACTIVITY_LOG;
    }
}
