package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ChangeEvent;
import io.iothubtriage.evidence.ChangeEvent.PropertyChange;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a change touches, as far as device connections go, and which cause families it can therefore explain.
 * Decided from the changed property paths (Resource Graph) or, without them, from the ARM operation (Activity Log).
 */
enum ChangeKind {
    /**
     * Local authentication switched off, device or module SAS disabled, shared access policies or their keys
     * changed: only devices that authenticate with SAS tokens of the scope the property governs can be refused
     * because of it ({@link #sasReach}), so the kind's own reach is empty and each property adds its scope.
     */
    SAS_SETTINGS(EnumSet.of(CauseFamily.AUTHENTICATION), true, EnumSet.noneOf(AuthMethod.class)),
    /** An X.509 CA certificate added, replaced or removed: only devices with X.509 certificates depend on it. */
    CERTIFICATES(EnumSet.of(CauseFamily.AUTHENTICATION), true, EnumSet.of(AuthMethod.X509)),
    /**
     * A linked provisioning service's linked hubs, allocation, policies or state: which devices get credentials
     * for the hub, whatever their method.
     */
    PROVISIONING(EnumSet.of(CauseFamily.AUTHENTICATION), true, EnumSet.allOf(AuthMethod.class)),
    /**
     * IP filter, network rule sets, public network access, private endpoints, minimum TLS version: devices that
     * are shut out either lose their connection (NETWORK_OR_KEEPALIVE) or are refused on reconnect
     * (AUTHENTICATION), so the codes say which. Whatever the devices' authentication method.
     */
    NETWORK_ACCESS(EnumSet.of(CauseFamily.NETWORK_OR_KEEPALIVE, CauseFamily.AUTHENTICATION), true,
            EnumSet.allOf(AuthMethod.class)),
    /** Tier, SKU or units: the hub restarts its gateways (PLATFORM_CHANGE) and its quotas change (throttling). */
    SCALE(EnumSet.of(CauseFamily.PLATFORM_CHANGE, CauseFamily.THROTTLING_OR_QUOTA), true,
            EnumSet.allOf(AuthMethod.class)),
    /** A manual failover to the paired region: every device is disconnected and must reconnect. */
    FAILOVER(EnumSet.of(CauseFamily.PLATFORM_CHANGE, CauseFamily.NETWORK_OR_KEEPALIVE), true,
            EnumSet.allOf(AuthMethod.class)),
    /**
     * The hub was written, but the source does not say which properties (an Activity Log event without a
     * Resource Graph change): it may explain any of the families a hub setting can cause, never with certainty.
     */
    HUB_WRITE_UNKNOWN(EnumSet.of(CauseFamily.AUTHENTICATION, CauseFamily.NETWORK_OR_KEEPALIVE,
            CauseFamily.PLATFORM_CHANGE, CauseFamily.THROTTLING_OR_QUOTA), false, EnumSet.allOf(AuthMethod.class)),
    /** Tags, routing, endpoints, messaging settings, a failed change: nothing a device connection depends on. */
    NONE(EnumSet.noneOf(CauseFamily.class), false, EnumSet.noneOf(AuthMethod.class));

    private static final Pattern DEVICE_SAS_PATH = Pattern.compile("(?i)^properties\\.disabledevicesas\\b.*");
    private static final Pattern MODULE_SAS_PATH = Pattern.compile("(?i)^properties\\.disablemodulesas\\b.*");
    private static final Pattern AUTH_PATH = Pattern.compile(
            "(?i)^properties\\.(disablelocalauth|disabledevicesas|disablemodulesas|authorizationpolicies)\\b.*"
                    + "|.*(primarykey|secondarykey|sharedaccesspolic).*");
    private static final Pattern CERT_PATH = Pattern.compile("(?i).*(certificate|thumbprint|\\.rootcertificate).*");
    private static final Pattern NETWORK_PATH = Pattern.compile(
            "(?i)^properties\\.(ipfilterrules|networkrulesets|publicnetworkaccess|privateendpointconnections|"
                    + "mintlsversion|ipversion|restrictoutboundnetworkaccess)\\b.*");
    /** An IoT hub's own ARM id (lower-cased), not one of its child resources. */
    static final Pattern HUB_RESOURCE = Pattern.compile(".*/providers/microsoft\\.devices/iothubs/[^/]+$");
    /** A Device Provisioning Service's settings that decide which devices reach the hub, and with what. */
    private static final Pattern DPS_PATH = Pattern.compile(
            "(?i)^properties\\.(iothubs|authorizationpolicies|allocationpolicy|state)\\b.*");
    private static final Pattern SCALE_PATH = Pattern.compile("(?i)^sku\\b.*");
    private static final Pattern FAILOVER_PATH = Pattern.compile("(?i)^properties\\.locations\\b.*");

    private final Set<CauseFamily> families;
    private final boolean specific;
    private final Set<AuthMethod> reach;

    ChangeKind(Set<CauseFamily> families, boolean specific, Set<AuthMethod> reach) {
        this.families = families;
        this.specific = specific;
        this.reach = reach;
    }

    /** The cause families a change of this kind can explain. */
    Set<CauseFamily> explains() {
        return families;
    }

    /** True when the change's own record says what it touched (not just "the hub was written"). */
    boolean specific() {
        return specific;
    }

    /**
     * The credentials of the devices a change can refuse: its kind's, and for a change of several properties the
     * union of theirs (local auth switched off and a CA certificate replaced in one write reaches both hub-policy
     * SAS tokens and X.509 devices).
     */
    static Set<AuthMethod> reach(ChangeEvent e) {
        ChangeKind kind = of(e);
        Set<AuthMethod> out = EnumSet.noneOf(AuthMethod.class);
        out.addAll(kind.reach);
        if (kind != NONE) {
            for (PropertyChange p : e.properties()) {
                ChangeKind k = ofPath(p);
                out.addAll(k == SAS_SETTINGS ? sasReach(p) : k.reach);
            }
        }
        return out;
    }

    /**
     * The SAS tokens a SAS setting refuses, as Azure's API reference (IotHubProperties) words the switches:
     * {@code disableDeviceSAS} "all device (including Edge devices but excluding modules) scoped SAS keys",
     * {@code disableModuleSAS} "all module scoped SAS keys", {@code disableLocalAuth} "SAS tokens with Iot hub
     * scoped SAS keys", i.e. those signed with a shared access policy's key, which are also the only tokens a
     * policy's key regeneration or removal invalidates (a device's own keys belong to its identity, a data-plane
     * object, not to the hub's ARM resource).
     */
    static Set<AuthMethod> sasReach(PropertyChange p) {
        if (DEVICE_SAS_PATH.matcher(p.path()).matches()) {
            return EnumSet.of(AuthMethod.DEVICE_SAS);
        }
        if (MODULE_SAS_PATH.matcher(p.path()).matches()) {
            return EnumSet.of(AuthMethod.MODULE_SAS);
        }
        return EnumSet.of(AuthMethod.HUB_SAS);
    }

    /** The strongest kind among the change's properties, else from its operation. A failed change is NONE. */
    static ChangeKind of(ChangeEvent e) {
        if (!e.succeeded()) {
            return NONE;
        }
        String op = e.operation().toLowerCase(Locale.ROOT);
        String resource = e.resourceId().toLowerCase(Locale.ROOT);
        if (resource.contains("/providers/microsoft.network/privateendpoints/")) {
            // The hub's private endpoint removed or reconfigured: devices on that network lose their way in.
            return onlyTags(e) ? NONE : NETWORK_ACCESS;
        }
        if (resource.contains("/providers/microsoft.devices/provisioningservices/")) {
            // A DPS linked to the hub: its linked-hub list, policies or certificates decide which devices get
            // credentials for the hub; a change of its certificates alone concerns X.509 devices only.
            if (op.contains("/certificates/") || resource.contains("/certificates/")) {
                return op.endsWith("/generateverificationcode/action") ? NONE : CERTIFICATES;
            }
            if (e.changeType().equalsIgnoreCase("Delete")
                    || e.properties().stream().anyMatch(p -> DPS_PATH.matcher(p.path()).matches())) {
                return PROVISIONING;
            }
            return e.properties().stream().anyMatch(p -> CERT_PATH.matcher(p.path()).matches()) ? CERTIFICATES : NONE;
        }
        if (op.endsWith("/failover/action") || op.contains("/failover")) {
            return FAILOVER;
        }
        if (op.contains("/certificates/") || resource.contains("/certificates/")) {
            return op.endsWith("/generateverificationcode/action") ? NONE : CERTIFICATES;
        }
        if (op.contains("/privateendpointconnections/") || resource.contains("/privateendpointconnections/")) {
            return NETWORK_ACCESS;
        }
        if (!e.properties().isEmpty()) {
            return e.properties().stream().map(ChangeKind::ofPath)
                    .min(Comparator.comparingInt(Enum::ordinal)).orElse(NONE);
        }
        boolean hubWrite = op.equals("microsoft.devices/iothubs/write")
                || (op.isEmpty() || op.equals("update") || op.equals("create"))
                && HUB_RESOURCE.matcher(resource).matches();
        return hubWrite && !e.changeType().equalsIgnoreCase("Delete") ? HUB_WRITE_UNKNOWN : NONE;
    }

    private static boolean onlyTags(ChangeEvent e) {
        return !e.properties().isEmpty() && e.properties().stream().allMatch(p -> p.path().startsWith("tags"));
    }

    static ChangeKind ofPath(PropertyChange p) {
        String path = p.path();
        if (AUTH_PATH.matcher(path).matches()) {
            return SAS_SETTINGS;
        }
        if (NETWORK_PATH.matcher(path).matches()) {
            return NETWORK_ACCESS;
        }
        if (CERT_PATH.matcher(path).matches()) {
            return CERTIFICATES;
        }
        if (SCALE_PATH.matcher(path).matches()) {
            return SCALE;
        }
        if (FAILOVER_PATH.matcher(path).matches()) {
            return FAILOVER;
        }
        return NONE;
    }
}
