package io.iothubtriage.evidence;

import io.iothubtriage.alert.HubId;
import io.iothubtriage.evidence.ChangeEvent.PropertyChange;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The IoT resources outside the hub's own id whose changes can still shut devices out, found from the hub's own
 * change evidence:
 * <ul>
 *   <li>a private endpoint ({@code Microsoft.Network/privateEndpoints/…}) that one of the hub's private endpoint
 *       connections names ({@code properties.privateEndpoint.id}, in any subscription or resource group);</li>
 *   <li>a Device Provisioning Service in the hub's resource group whose change names the hub's host name
 *       ({@code properties.iotHubs[].name} is the linked hub's host name, e.g. {@code contoso-hub.azure-devices.net}).</li>
 * </ul>
 * IP filter and network rule sets are properties of the hub itself and count as the hub.
 *
 * @param hub              the hub
 * @param privateEndpoints the private endpoint ids the hub's changes name, lower-cased
 */
public record RelatedResources(HubId hub, Set<String> privateEndpoints) {

    /** A private endpoint's ARM id; the name's characters are those ARM allows, so the id is safe in a literal. */
    public static final Pattern PRIVATE_ENDPOINT = Pattern.compile(
            "(?i)/subscriptions/[0-9a-f-]{36}/resourceGroups/[-\\w._()]+/providers/Microsoft\\.Network/privateEndpoints/[-\\w.]+");

    public RelatedResources {
        privateEndpoints = Set.copyOf(privateEndpoints);
    }

    /** The related resources that the hub's own changes point to. */
    public static RelatedResources of(HubId hub, List<ChangeEvent> hubChanges) {
        Set<String> ids = new TreeSet<>();
        for (ChangeEvent e : hubChanges) {
            if (!ChangeRecords.concerns(e, hub)) {
                continue;
            }
            e.properties().stream()
                    .flatMap(p -> Stream.of(p.before(), p.after()).flatMap(java.util.Optional::stream))
                    .forEach(v -> {
                        Matcher m = PRIVATE_ENDPOINT.matcher(v);
                        while (m.find()) {
                            ids.add(m.group().toLowerCase(Locale.ROOT));
                        }
                    });
        }
        return new RelatedResources(hub, ids);
    }

    /** Where the Device Provisioning Services of the hub's resource group live: every DPS id starts so. */
    public String provisioningServicesPrefix() {
        return "/subscriptions/" + hub.subscriptionId() + "/resourceGroups/" + hub.resourceGroup()
                + "/providers/Microsoft.Devices/provisioningServices/";
    }

    /** The subscriptions the related resources live in, the hub's first. */
    public Set<String> subscriptions() {
        Set<String> out = new java.util.LinkedHashSet<>();
        out.add(hub.subscriptionId());
        for (String id : privateEndpoints) {
            out.add(id.split("/")[2]);
        }
        return out;
    }

    /** True when the change is of a related resource (not of the hub itself: {@link ChangeRecords#concerns}). */
    public boolean concerns(ChangeEvent e) {
        String id = e.resourceId().toLowerCase(Locale.ROOT);
        if (privateEndpoints.stream().anyMatch(pe -> id.equals(pe) || id.startsWith(pe + "/"))) {
            return true;
        }
        return id.startsWith(provisioningServicesPrefix().toLowerCase(Locale.ROOT)) && namesHub(e);
    }

    /** True when a path or value of the change names the hub's host name (a DPS's linked-hub list). */
    private boolean namesHub(ChangeEvent e) {
        String host = hub.name().toLowerCase(Locale.ROOT) + ".azure-devices.";
        for (PropertyChange p : e.properties()) {
            if (Stream.concat(Stream.of(p.path()), Stream.of(p.before(), p.after()).flatMap(java.util.Optional::stream))
                    .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains(host))) {
                return true;
            }
        }
        return false;
    }
}
