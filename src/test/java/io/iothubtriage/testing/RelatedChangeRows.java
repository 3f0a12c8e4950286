package io.iothubtriage.testing;

import io.iothubtriage.alert.HubId;

/**
 * resourcechanges rows (Resource Graph 2022-10-01, objectArray) of a hub's related resources, shaped like the
 * rows of {@code samples/changes/2022-05-01_ListChanges.json}: a private endpoint connection of the hub that names
 * its private endpoint, the private endpoint's deletion, and a Device Provisioning Service's linked-hub list.
 */
public final class RelatedChangeRows {

    private RelatedChangeRows() {
    }

    /** The private endpoint the hub's connection names: in another resource group, as network teams keep them. */
    public static String privateEndpoint(HubId hub) {
        return "/subscriptions/" + hub.subscriptionId()
                + "/resourceGroups/network-rg/providers/Microsoft.Network/privateEndpoints/contoso-pe";
    }

    public static String provisioningService(HubId hub, String name) {
        return "/subscriptions/" + hub.subscriptionId() + "/resourceGroups/" + hub.resourceGroup()
                + "/providers/Microsoft.Devices/provisioningServices/" + name;
    }

    /** The hub's private endpoint connection to {@link #privateEndpoint} went away (by the network's deletion). */
    public static String hubConnectionRemoved(HubId hub, String time) {
        return row(hub.resourceId(), "microsoft.devices/iothubs", "Update", "Microsoft.Devices/IotHubs/write", time,
                "c-hub", "System", "Unknown", """
                        {"properties.privateEndpointConnections[0].properties.privateEndpoint.id": {
                          "previousValue": "%s", "newValue": null, "changeCategory": "User",
                          "propertyChangeType": "Remove"}}""".formatted(privateEndpoint(hub)));
    }

    public static String privateEndpointDeleted(HubId hub, String time, String caller) {
        return row(privateEndpoint(hub), "microsoft.network/privateendpoints", "Delete",
                "Microsoft.Network/privateEndpoints/delete", time, "c-pe", caller, "User", "{}");
    }

    /** A DPS's linked hub removed: {@code properties.iotHubs[].name} is the hub's host name. */
    public static String linkedHubRemoved(HubId hub, String dps, String linkedHost, String time, String caller) {
        return row(provisioningService(hub, dps), "microsoft.devices/provisioningservices", "Update",
                "Microsoft.Devices/provisioningServices/write", time, "c-" + dps, caller, "User", """
                        {"properties.iotHubs[0].name": {"previousValue": "%s", "newValue": null,
                          "changeCategory": "User", "propertyChangeType": "Remove"},
                         "properties.iotHubs[0].connectionString": {"previousValue": "HostName=%s;SharedAccessKeyName=iothubowner;SharedAccessKey=****",
                          "newValue": null, "changeCategory": "User", "propertyChangeType": "Remove"}}"""
                        .formatted(linkedHost, linkedHost));
    }

    static String row(String target, String type, String changeType, String operation, String time,
                      String correlationId, String caller, String callerType, String changes) {
        return """
                {"id": "%s/providers/Microsoft.Resources/changes/08585", "name": "08585",
                 "type": "microsoft.resources/changes",
                 "properties": {"targetResourceId": "%s", "targetResourceType": "%s", "changeType": "%s",
                   "changeAttributes": {"correlationId": "%s", "timestamp": "%s", "changedBy": "%s",
                     "changedByType": "%s", "clientType": "Azure Portal", "operation": "%s", "changesCount": 1},
                   "changes": %s}}
                """.formatted(target, target, type, changeType, correlationId, time, caller, callerType, operation,
                changes);
    }
}
