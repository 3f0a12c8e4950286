package io.iothubtriage.alert;

import java.util.Locale;
import java.util.Objects;

/**
 * The ARM identity of one IoT hub. Alerts lower-case resource ids and resource logs upper-case them, so two
 * hub ids are equal when they match case-insensitively; {@link #resourceId()} keeps the canonical form
 * {@code /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.Devices/IotHubs/{name}}.
 */
public record HubId(String subscriptionId, String resourceGroup, String name) {

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
        HubId id = read(resourceId.trim());
        if (id == null) {
            String shown = resourceId.length() > 200 ? resourceId.substring(0, 200) + "…" : resourceId;
            throw new IllegalArgumentException("not an IoT hub resource id (expected /subscriptions/{id}/resourceGroups/{rg}"
                    + "/providers/Microsoft.Devices/IotHubs/{name}): " + shown);
        }
        return id;
    }

    /** True when the text is a well-formed IoT hub resource id. */
    public static boolean isHubId(String resourceId) {
        return resourceId != null && read(resourceId.trim()) != null;
    }

    /**
     * The hub of {@code [/]subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.Devices/IotHubs/{name}[/]}, its
     * words in any ASCII letter case: the id 36 hex digits or dashes, the group 1 to 90 ASCII letters, digits or
     * {@code _ - . ( )}, the name 3 to 50 ASCII letters, digits or dashes; null for anything else. Read by hand, not
     * by a regular expression, whose compiling every CLI run paid at its start (HubIdTest holds the expression this
     * replaced and compares the two over generated texts).
     */
    private static HubId read(String t) {
        int subscription = word(t, t.startsWith("/") ? 1 : 0, "subscriptions/");
        int subscriptionEnd = field(t, subscription, SUBSCRIPTION, 36, 36);
        int group = word(t, subscriptionEnd, "/resourcegroups/");
        int groupEnd = field(t, group, GROUP, 1, 90);
        int name = word(t, groupEnd, "/providers/microsoft.devices/iothubs/");
        int nameEnd = field(t, name, NAME, 3, 50);
        if (nameEnd < 0) {
            return null;
        }
        int end = nameEnd < t.length() && t.charAt(nameEnd) == '/' ? nameEnd + 1 : nameEnd;
        if (end != t.length()) {
            return null;
        }
        return new HubId(t.substring(subscription, subscriptionEnd), t.substring(group, groupEnd),
                t.substring(name, nameEnd));
    }

    private static final int SUBSCRIPTION = 0;
    private static final int GROUP = 1;
    private static final int NAME = 2;

    /**
     * Where the field of {@code kind} that starts at {@code i} ends, when it is {@code min} to {@code max} characters
     * long; -1 otherwise, and when {@code i} is -1 (so that a failed step fails the rest).
     */
    private static int field(String t, int i, int kind, int min, int max) {
        if (i < 0) {
            return -1;
        }
        int end = i;
        while (end < t.length() && allowed(t.charAt(end), kind)) {
            end++;
        }
        return end - i >= min && end - i <= max ? end : -1;
    }

    private static boolean allowed(char c, int kind) {
        boolean digit = c >= '0' && c <= '9';
        boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        return switch (kind) {
            case SUBSCRIPTION -> digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '-';
            case GROUP -> digit || letter || c == '_' || c == '-' || c == '.' || c == '(' || c == ')';
            default -> digit || letter || c == '-';
        };
    }

    /**
     * Where {@code lower} (lower-case ASCII) ends when the text has it at {@code i} in any ASCII letter case, or -1.
     * ASCII only, as the expression matched: {@code String.regionMatches(true, …)} would also take the Kelvin sign for a
     * k and a dotless ı for an i.
     */
    private static int word(String t, int i, String lower) {
        if (i < 0 || i + lower.length() > t.length()) {
            return -1;
        }
        for (int k = 0; k < lower.length(); k++) {
            char c = t.charAt(i + k);
            char w = lower.charAt(k);
            if (c != w && !(w >= 'a' && w <= 'z' && c == w - 32)) {
                return -1;
            }
        }
        return i + lower.length();
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
