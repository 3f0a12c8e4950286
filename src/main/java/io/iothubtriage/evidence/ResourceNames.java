package io.iothubtriage.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The names of other resources whose rows were set aside, as the report words them. Rows are counted per
 * resource under a key {@code subscription/resourcegroup/name} ({@link #key}), since a workspace can hold two hubs
 * of one name in different resource groups (or subscriptions); the report names each by its name alone unless that
 * would not tell it apart, from another listed resource or from the hub triaged: then "contoso-hub in rg-iot-dev",
 * and with the subscription too when the resource groups are also alike.
 */
final class ResourceNames {
    private ResourceNames() {
    }

    /** The counting key of a resource; parts are lower case, empty when unknown. */
    static String key(String subscription, String resourceGroup, String name) {
        return lower(subscription) + "/" + lower(resourceGroup) + "/" + lower(name);
    }

    /** The key of a resource id ({@code /subscriptions/S/resourceGroups/G/providers/…/NAME}). */
    static String keyOfId(String resourceId) {
        String id = resourceId.strip();
        while (id.endsWith("/")) {
            id = id.substring(0, id.length() - 1);
        }
        String[] parts = id.split("/");
        String subscription = "";
        String group = "";
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equalsIgnoreCase("subscriptions") && subscription.isEmpty()) {
                subscription = parts[i + 1];
            } else if (parts[i].equalsIgnoreCase("resourceGroups") && group.isEmpty()) {
                group = parts[i + 1];
            }
        }
        String last = id.substring(id.lastIndexOf('/') + 1);
        return key(subscription, group, last.isEmpty() ? id : last);
    }

    /**
     * The counts by key, renamed for the report: the name alone where it is unique among them and is not the
     * triaged hub's name; else qualified by resource group, and by subscription when that is not enough either.
     * Keys that are not of the {@link #key} form ("(others)") are kept as they are.
     */
    static List<Inputs.Count> named(List<Inputs.Count> byKey, String hubName) {
        List<Inputs.Count> out = new ArrayList<>(byKey.size());
        for (Inputs.Count c : byKey) {
            String[] k = split(c.name());
            if (k == null) {
                out.add(c);
                continue;
            }
            boolean sameName = k[2].equalsIgnoreCase(hubName == null ? "" : hubName);
            boolean sameNameAndGroup = false;
            for (Inputs.Count other : byKey) {
                String[] o = split(other.name());
                if (other != c && o != null && o[2].equals(k[2])) {
                    sameName = true;
                    sameNameAndGroup |= o[1].equals(k[1]);
                }
            }
            String name = k[2].isEmpty() ? "(unnamed)" : k[2];
            if (sameName && !k[1].isEmpty()) {
                name += " in " + k[1];
            }
            if (sameNameAndGroup && !k[0].isEmpty()) {
                name += " of subscription " + k[0];
            }
            out.add(new Inputs.Count(name, c.rows()));
        }
        return out;
    }

    /** [subscription, group, name], or null for a key not of the {@link #key} form. */
    private static String[] split(String key) {
        int a = key.indexOf('/');
        int b = a < 0 ? -1 : key.indexOf('/', a + 1);
        if (b < 0 || key.indexOf('/', b + 1) >= 0) {
            return null;
        }
        return new String[]{key.substring(0, a), key.substring(a + 1, b), key.substring(b + 1)};
    }

    private static String lower(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }
}
