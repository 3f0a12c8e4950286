package io.iothubtriage.alert;

/**
 * One line about a Service Health event for the rejection message, e.g.
 * {@code Maintenance "Azure Synapse Analytics Scheduled Maintenance Pending" for Azure Synapse Analytics in East US}.
 *
 * @param iotHubAffected whether IoT Hub is among the impacted services
 */
record ServiceHealthSummary(String text, boolean iotHubAffected) {
}
