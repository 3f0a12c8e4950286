package io.iothubtriage.functions.testing;

import java.time.Instant;

/**
 * Common-alert-schema payloads of the connectedDeviceCount metric alert on an IoT hub (the shape Azure Monitor
 * sends for a static "less than" threshold), Fired or Resolved.
 */
public final class Alerts {
    public static final String SUBSCRIPTION = "11111111-2222-3333-4444-555555555555";
    public static final String HUB = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg-iot"
            + "/providers/Microsoft.Devices/IotHubs/contoso-hub";
    public static final String HUB_LOWER = HUB.toLowerCase();

    private Alerts() {
    }

    public static String alertId(String guid) {
        return "/subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.AlertsManagement/alerts/" + guid;
    }

    public static String fired(String alertGuid, Instant firedAt) {
        return payload(alertGuid, "Fired", firedAt, null, HUB_LOWER, 611);
    }

    public static String resolved(String alertGuid, Instant firedAt, Instant resolvedAt) {
        return payload(alertGuid, "Resolved", firedAt, resolvedAt, HUB_LOWER, 1190);
    }

    public static String forTarget(String alertGuid, Instant firedAt, String targetId) {
        return payload(alertGuid, "Fired", firedAt, null, targetId, 611);
    }

    public static String payload(String alertGuid, String condition, Instant firedAt, Instant resolvedAt,
                                 String target, double value) {
        return """
                {
                  "schemaId": "azureMonitorCommonAlertSchema",
                  "data": {
                    "essentials": {
                      "alertId": "%s",
                      "alertRule": "contoso-hub-connected-devices",
                      "alertRuleID": "/subscriptions/%s/resourceGroups/rg-iot/providers/microsoft.insights/metricAlerts/contoso-hub-connected-devices",
                      "severity": "Sev2",
                      "signalType": "Metric",
                      "monitorCondition": "%s",
                      "monitoringService": "Platform",
                      "alertTargetIDs": ["%s"],
                      "configurationItems": ["contoso-hub"],
                      "originAlertId": "%s_rg-iot_microsoft.insights_metricAlerts_contoso-hub-connected-devices_-1",
                      "firedDateTime": "%s",
                      %s
                      "description": "Connected devices dropped",
                      "essentialsVersion": "1.0",
                      "alertContextVersion": "1.0"
                    },
                    "alertContext": {
                      "properties": null,
                      "conditionType": "SingleResourceMultipleMetricCriteria",
                      "condition": {
                        "windowSize": "PT5M",
                        "allOf": [
                          {
                            "metricName": "connectedDeviceCount",
                            "metricNamespace": "Microsoft.Devices/IotHubs",
                            "operator": "LessThan",
                            "threshold": "900",
                            "timeAggregation": "Minimum",
                            "dimensions": [],
                            "metricValue": %s,
                            "webTestName": null
                          }
                        ],
                        "windowStartTime": "%s",
                        "windowEndTime": "%s"
                      }
                    },
                    "customProperties": null
                  }
                }
                """.formatted(alertId(alertGuid), SUBSCRIPTION, condition, target, SUBSCRIPTION, firedAt,
                resolvedAt == null ? "" : "\"resolvedDateTime\": \"" + resolvedAt + "\",", value,
                firedAt.minusSeconds(300), firedAt);
    }
}
