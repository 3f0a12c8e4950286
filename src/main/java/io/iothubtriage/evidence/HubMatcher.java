package io.iothubtriage.evidence;

import io.iothubtriage.alert.HubId;

import java.util.Locale;
import java.util.Optional;

/**
 * Tells whether a log row is about the hub being triaged, from whichever resource columns the export has: the
 * resource id ({@code _ResourceId}, {@code ResourceId}, or {@code resourceId} in raw records, upper-cased there),
 * else {@code SubscriptionId} + {@code ResourceGroup} + {@code Resource}. Names compare case-insensitively and
 * whole: {@code contoso-hub} is not {@code contoso-hub2}. A row with no resource value at all cannot be told apart
 * and is taken as the hub's ({@link Match#UNKNOWN}); the caller says so in the report.
 */
public final class HubMatcher {

    /** What a row's resource columns say. */
    public enum Match { HUB, OTHER, UNKNOWN }

    private final HubId hub;
    private final String resourceIdLower;
    /** The last resource id seen and what it matched: exports repeat the same value row after row. */
    private String lastId;
    private boolean lastIdMatched;
    /** The last other resource's values and their key (see {@link #otherKey}). */
    private String lastOtherId;
    private String lastOtherSubscription;
    private String lastOtherGroup;
    private String lastOtherResource;
    private String lastOtherKey;

    private HubMatcher(HubId hub) {
        this.hub = hub;
        this.resourceIdLower = hub == null ? null : hub.resourceId().toLowerCase(Locale.ROOT);
    }

    /** Rows of this hub only. */
    public static HubMatcher of(HubId hub) {
        return new HubMatcher(java.util.Objects.requireNonNull(hub, "hub"));
    }

    /** Every row is taken as the hub's (readers used without a hub, e.g. format tests and benchmarks). */
    public static HubMatcher any() {
        return new HubMatcher(null);
    }

    public Optional<HubId> hub() {
        return Optional.ofNullable(hub);
    }

    /**
     * @param resourceId    {@code _ResourceId}/{@code ResourceId}, or null/empty
     * @param subscription  {@code SubscriptionId}, or null/empty
     * @param resourceGroup {@code ResourceGroup}, or null/empty
     * @param resource      {@code Resource} (the hub's name), or null/empty
     */
    public Match match(String resourceId, String subscription, String resourceGroup, String resource) {
        if (resourceId != null && !resourceId.isEmpty()) {
            if (hub == null) {
                return Match.HUB;
            }
            if (resourceId == lastId) { // the collector hands the same String for a repeated value
                return lastIdMatched ? Match.HUB : Match.OTHER;
            }
            boolean same = sameId(resourceId);
            lastId = resourceId;
            lastIdMatched = same;
            return same ? Match.HUB : Match.OTHER;
        }
        boolean anyPart = notEmpty(resource) || notEmpty(subscription) || notEmpty(resourceGroup);
        if (!anyPart) {
            return Match.UNKNOWN;
        }
        if (hub == null) {
            return Match.HUB;
        }
        if (notEmpty(resource) && !resource.strip().equalsIgnoreCase(hub.name())) {
            return Match.OTHER;
        }
        if (notEmpty(subscription) && !subscription.strip().equalsIgnoreCase(hub.subscriptionId())) {
            return Match.OTHER;
        }
        if (notEmpty(resourceGroup) && !resourceGroup.strip().equalsIgnoreCase(hub.resourceGroup())) {
            return Match.OTHER;
        }
        return notEmpty(resource) ? Match.HUB : Match.UNKNOWN;
    }

    /**
     * The counting key of another resource's row ({@link ResourceNames#key}: subscription, resource group and name,
     * from the resource id, else from the columns). The last row's values and key are kept: exports repeat the same
     * values row after row, and the collector hands the same String for a repeated value.
     */
    String otherKey(String resourceId, String subscription, String resourceGroup, String resource) {
        if (lastOtherKey != null && resourceId == lastOtherId && subscription == lastOtherSubscription
                && resourceGroup == lastOtherGroup && resource == lastOtherResource) {
            return lastOtherKey;
        }
        String key = notEmpty(resourceId) ? ResourceNames.keyOfId(resourceId)
                : ResourceNames.key(subscription, resourceGroup, resource);
        lastOtherId = resourceId;
        lastOtherSubscription = subscription;
        lastOtherGroup = resourceGroup;
        lastOtherResource = resource;
        lastOtherKey = key;
        return key;
    }

    /**
     * The resource an ARM id of a child object is about: {@code .../IotHubs/x/providers/Microsoft.ResourceHealth/
     * availabilityStatuses/current} gives {@code .../IotHubs/x}. Empty when the id is empty; the whole id when it has
     * no {@code /providers/} after the resource's own provider.
     */
    public static String resourceOf(String armId) {
        if (armId == null || armId.isBlank()) {
            return "";
        }
        String id = armId.strip();
        String lower = id.toLowerCase(Locale.ROOT);
        int first = lower.indexOf("/providers/");
        int second = first < 0 ? -1 : lower.indexOf("/providers/", first + 1);
        return second < 0 ? id : id.substring(0, second);
    }

    /** True when {@code resourceId} names this matcher's hub (always true for {@link #any()}). */
    public boolean isHub(String resourceId) {
        return hub == null || sameId(resourceId);
    }

    private boolean sameId(String id) {
        String s = id.strip();
        if (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (!s.startsWith("/")) {
            s = "/" + s;
        }
        return s.equalsIgnoreCase(resourceIdLower);
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isBlank();
    }
}
