package io.iothubtriage.alert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Resource ids hidden in {@code dimensions: [{name, value}]}. A multi-resource metric alert or a log alert that
 * splits by resource says which resource fired there, not (only) in {@code alertTargetIDs}; a log alert on a
 * workspace never names the hub anywhere else.
 */
final class Dimensions {

    /** Dimension (and search-result column) names whose value is a resource id; compared in lower case. */
    static final Set<String> RESOURCE_ID_NAMES =
            Set.of("_resourceid", "resourceid", "resource", "microsoft.resourceid", "resourceuri", "_resourceuri");

    private Dimensions() {
    }

    /**
     * The resource ids among the dimensions. Besides full ids, the AzureDiagnostics columns
     * {@code SubscriptionId} + {@code ResourceGroup} + {@code Resource} (hub name) make up a hub id when the
     * dimensions or the rule say the resource is an IoT hub ({@code ResourceProvider MICROSOFT.DEVICES},
     * {@code ResourceType IOTHUBS}, or {@code targetResourceTypes} naming IoT hubs).
     */
    static List<ResourceRef> resourceRefs(Field dimensions, boolean rowsAreHubs) throws BadInputException {
        List<ResourceRef> refs = new ArrayList<>();
        Map<String, String> byName = new HashMap<>();
        for (Field d : dimensions.elements()) {
            if (!d.node().isObject()) {
                continue;
            }
            String name = d.get("name").textOrEmpty().toLowerCase(Locale.ROOT);
            Field value = d.get("value");
            String text = value.textOrEmpty();
            if (name.isEmpty() || text.isEmpty()) {
                continue;
            }
            byName.putIfAbsent(name, text);
            if (RESOURCE_ID_NAMES.contains(name) && text.contains("/")) {
                refs.add(new ResourceRef(value.path(), text));
            }
        }
        boolean hubRows = rowsAreHubs
                || "microsoft.devices".equalsIgnoreCase(byName.get("resourceprovider"))
                || "iothubs".equalsIgnoreCase(byName.get("resourcetype"));
        String sub = byName.get("subscriptionid");
        String group = byName.get("resourcegroup");
        String resource = byName.get("resource");
        if (hubRows && sub != null && group != null && resource != null && !resource.contains("/")) {
            String id = "/subscriptions/" + sub + "/resourceGroups/" + group
                    + "/providers/Microsoft.Devices/IotHubs/" + resource;
            if (HubId.isHubId(id)) {
                refs.add(new ResourceRef(dimensions.path() + " (SubscriptionId, ResourceGroup, Resource)", id));
            }
        }
        return refs;
    }
}
