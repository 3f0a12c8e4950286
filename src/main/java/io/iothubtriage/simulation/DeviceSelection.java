package io.iothubtriage.simulation;

import java.util.Locale;
import java.util.Objects;

/**
 * Which devices of the fleet an incident hits: all of them, those sharing one property value, or exactly
 * {@code count} devices; then, for all but {@link Kind#COUNT}, each matching device with probability {@code share}
 * (a seeded draw, so the same scenario always hits the same devices). A device already hit by an earlier incident of
 * the scenario is not hit again.
 *
 * @param kind  what the devices must share
 * @param value the value they share: a masked IP or a prefix of one ("203.0.113.XXX", "203.0."), an authType, a
 *              sdkVersion prefix, a protocol; empty for FLEET and COUNT
 * @param share the probability a matching device is hit, in (0, 1]
 * @param count for COUNT: how many devices
 */
public record DeviceSelection(Kind kind, String value, double share, int count) {

    public enum Kind { FLEET, MASKED_IP, AUTH_TYPE, SDK_VERSION_PREFIX, PROTOCOL, COUNT }

    public DeviceSelection {
        Objects.requireNonNull(kind, "kind");
        value = value == null ? "" : value;
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in (0, 1], was " + share);
        }
        if (kind == Kind.COUNT && count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
    }

    public static DeviceSelection fleet() {
        return new DeviceSelection(Kind.FLEET, "", 1, 0);
    }

    /** Devices whose masked IP starts with {@code maskedIpPrefix}: one site ("203.0.113.XXX") or a wider range. */
    public static DeviceSelection behind(String maskedIpPrefix) {
        return new DeviceSelection(Kind.MASKED_IP, maskedIpPrefix, 1, 0);
    }

    public static DeviceSelection authType(String authType) {
        return new DeviceSelection(Kind.AUTH_TYPE, authType, 1, 0);
    }

    public static DeviceSelection sdkVersion(String prefix) {
        return new DeviceSelection(Kind.SDK_VERSION_PREFIX, prefix, 1, 0);
    }

    public static DeviceSelection protocol(String protocol) {
        return new DeviceSelection(Kind.PROTOCOL, protocol, 1, 0);
    }

    public static DeviceSelection count(int k) {
        return new DeviceSelection(Kind.COUNT, "", 1, k);
    }

    /** The same selection, each matching device hit with probability {@code share}. */
    public DeviceSelection share(double share) {
        if (kind == Kind.COUNT) {
            throw new IllegalArgumentException("a count selection takes no share");
        }
        return new DeviceSelection(kind, value, share, count);
    }

    boolean matches(Fleet fleet, int device) {
        return switch (kind) {
            case FLEET, COUNT -> true;
            case MASKED_IP -> fleet.maskedIp(device).startsWith(value);
            case AUTH_TYPE -> fleet.authType(device).equals(value);
            case SDK_VERSION_PREFIX -> fleet.sdkVersion(device).startsWith(value);
            case PROTOCOL -> fleet.protocol(device).toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT));
        };
    }
}
