package io.iothubtriage.alert;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ARM identity of one IoT hub. Alerts lower-case resource ids and resource logs upper-case them, so two
 * hub ids are equal when they match case-insensitively; {@link #resourceId()} keeps the canonical form
 * {@code /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.Devices/IotHubs/{name}}.
 */
public record HubId(String subscriptionId, String resourceGroup, String name) {

    /** In a holder: a hub built from its parts (the demo's) never compiles the pattern. */
    private static final class Syntax {
        static final Pattern ARM_ID = Pattern.compile(
                "^/?subscriptions/([0-9a-fA-F-]{36})/resourcegroups/([-\\w._()]{1,90})"
                        + "/providers/microsoft\\.devices/iothubs/([A-Za-z0-9-]{3,50})/?$",
                Pattern.CASE_INSENSITIVE);
    }

    public HubId {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(resourceGroup, "resourceGroup");
        Objects.requireNonNull(name, "name");
        subscriptionId = subscriptionId.toLowerCase(Locale.ROOT);
    }

    /**
     * Parses an ARM resource id of an IoT hub, in any letter case, with or without the leading slash.
     *
     * @throws IllegalArgumentException naming what is wrong; the message never echoes more than 200 characters
     */
    public static HubId parse(String resourceId) {
        if (resourceId == null || resourceId.isBlank()) {
            throw new IllegalArgumentException("hub resource id is empty");
        }
        Matcher m = Syntax.ARM_ID.matcher(resourceId.trim());
        if (!m.matches()) {
            String shown = resourceId.length() > 200 ? resourceId.substring(0, 200) + "…" : resourceId;
            throw new IllegalArgumentException("not an IoT hub resource id (expected /subscriptions/{id}/resourceGroups/{rg}"
                    + "/providers/Microsoft.Devices/IotHubs/{name}): " + shown);
        }
        return new HubId(m.group(1), m.group(2), m.group(3));
    }

    /** True when the text is a well-formed IoT hub resource id. */
    public static boolean isHubId(String resourceId) {
        return resourceId != null && Syntax.ARM_ID.matcher(resourceId.trim()).matches();
    }

    public String resourceId() {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.Devices/IotHubs/" + name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HubId h
                && subscriptionId.equalsIgnoreCase(h.subscriptionId)
                && resourceGroup.equalsIgnoreCase(h.resourceGroup)
                && name.equalsIgnoreCase(h.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subscriptionId.toLowerCase(Locale.ROOT), resourceGroup.toLowerCase(Locale.ROOT),
                name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return resourceId();
    }
}
