package io.iothubtriage.simulation;

import io.iothubtriage.diagnosis.ScopeKind;
import io.iothubtriage.diagnosis.Verdict;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.Dimension;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Named scenarios, one per contract verdict and scope kind, with the outcome a correct triage reaches. Used by tests,
 * by {@code iothub-triage demo} and by benchmarks. Every preset is deterministic (fixed seed and times); building one
 * is cheap, rows are only produced when asked for.
 */
public final class Scenarios {

    /** The masked IP of the demo's failing site. */
    public static final String DEMO_SITE = "203.0.113.XXX";
    /** The SDK of the Raspberry Pi batch cloned from one image in {@link #duplicateIdentities()}. */
    public static final String CLONED_SDK = "azure-iot-device/1.17.1 (node v10.16.0; Raspbian GNU/Linux 10; arm)";

    private Scenarios() {
    }

    /**
     * A named scenario and what a correct triage says about it.
     *
     * @param name        stable kebab-case name
     * @param description one sentence: what happens on the hub
     * @param verdict     the expected verdict
     * @param scope       the expected scope kind, empty where the contract leaves it open (MIXED)
     * @param dimension   for SUBSET: the dimension the affected devices concentrate on
     * @param value       for SUBSET: its value; for SINGLE_DEVICE: the device id
     * @param family      the cause family the affected devices are attributed to, when one dominates
     */
    public record Preset(String name, String description, Verdict verdict, Optional<ScopeKind> scope,
                         Optional<Dimension> dimension, Optional<String> value, Optional<CauseFamily> family,
                         Supplier<FleetScenario> factory) {
        public Preset {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(verdict, "verdict");
            scope = scope == null ? Optional.empty() : scope;
            dimension = dimension == null ? Optional.empty() : dimension;
            value = value == null ? Optional.empty() : value;
            family = family == null ? Optional.empty() : family;
            Objects.requireNonNull(factory, "factory");
        }

        /** Builds the scenario (cheap: the fleet and incident plan, no rows). */
        public FleetScenario build() {
            return factory.get();
        }
    }

    /**
     * The demo: 1,000 devices with hourly SAS renewals and background churn; the network of the site behind
     * 203.0.113.XXX (30 % of the fleet) goes down four minutes before the alert fires.
     */
    public static FleetScenario demo() {
        return FleetScenario.builder().devices(1000).seed(7).site(DEMO_SITE, 0.30)
                .site("198.51.100.XXX", 0.12).site("192.0.2.XXX", 0.08)
                .incident(Incident.siteOutage(DEMO_SITE, 0.95)).build();
    }

    /** Who switches local authentication off in {@link #disableLocalAuth()}. */
    public static final String CHANGE_AUTHOR = "maria.lopez@contoso.com";

    /**
     * A change-caused incident: a user switches the hub's local authentication off one minute before the drop.
     * {@code disableLocalAuth} refuses SAS tokens signed with the hub's shared access policies (Azure's API
     * reference, IotHubProperties), so this fleet's SAS devices (85 % of 1,000) connect with such tokens
     * (authType {@code hub/sas}: a token service signs them with the hub's {@code device} policy, as a custom
     * gateway or provisioning backend does); they are closed and refused with 401003 on reconnect, the X.509
     * devices carry on (they rarely reconnect, so the active fleet is nearly all SAS: scope FLEET). An hour earlier
     * an automation account edited a tag, which explains nothing.
     */
    public static FleetScenario changeCausedOutage() {
        return FleetScenario.builder().devices(1000).seed(41).x509Share(0.15).sasScope("hub")
                .incident(Incident.expiredCredentials(DeviceSelection.authType("hub/sas")))
                .change(ScriptedChange.tagEdit(Duration.ofMinutes(62), "ops-bot@contoso.com", "costCenter", "1001", "1002"))
                .change(ScriptedChange.disableLocalAuth(Duration.ofSeconds(65), CHANGE_AUTHOR))
                .build();
    }

    public static Preset disableLocalAuth() {
        return new Preset("disable-local-auth",
                "A user switches the hub's local authentication off (properties.disableLocalAuth false → true): "
                        + "every device connecting with a SAS token signed with the hub's shared access policy "
                        + "(hub/sas) is refused with 401003; the X.509 devices carry on.",
                Verdict.AUTHENTICATION_FAILURES, Optional.of(ScopeKind.FLEET), Optional.empty(), Optional.empty(),
                Optional.of(CauseFamily.AUTHENTICATION), Scenarios::changeCausedOutage);
    }

    public static Preset siteOutageWithTagEdit() {
        return new Preset("site-outage-with-tag-edit",
                "The demo's site outage, three minutes after a user edited one of the hub's tags: the tag edit "
                        + "is listed and explains nothing.",
                Verdict.DEVICE_NETWORK_OR_KEEPALIVE, Optional.of(ScopeKind.SUBSET),
                Optional.of(Dimension.MASKED_IP_ADDRESS), Optional.of(DEMO_SITE),
                Optional.of(CauseFamily.NETWORK_OR_KEEPALIVE),
                () -> FleetScenario.builder().devices(1000).seed(7).site(DEMO_SITE, 0.30)
                        .site("198.51.100.XXX", 0.12).site("192.0.2.XXX", 0.08)
                        .incident(Incident.siteOutage(DEMO_SITE, 0.95))
                        .change(ScriptedChange.tagEdit(Duration.ofMinutes(3), CHANGE_AUTHOR, "owner", "ops", "iot-team"))
                        .build());
    }

    /** Every preset, in the contract's verdict order. */
    public static List<Preset> all() {
        return List.of(noDiagnosticLogs(), platformUpgrade(), platformFailover(), serviceOutage(), userFailover(),
                expiredCertificates(), clockDrift(), disableLocalAuth(), siteNetworkOutage(), siteOutageWithTagEdit(), singleDevice(), duplicateIdentities(),
                transientServiceErrors(), throttling(), quotaExceeded(), cleanShutdown(), quietHub(), mixedCauses(),
                logSourceDown());
    }

    public static Optional<Preset> byName(String name) {
        return all().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public static Preset siteNetworkOutage() {
        return new Preset("site-network-outage",
                "The site behind 203.0.113.XXX (30 % of 1,000 devices) loses its network; the devices stay offline.",
                Verdict.DEVICE_NETWORK_OR_KEEPALIVE, Optional.of(ScopeKind.SUBSET),
                Optional.of(Dimension.MASKED_IP_ADDRESS), Optional.of(DEMO_SITE),
                Optional.of(CauseFamily.NETWORK_OR_KEEPALIVE), Scenarios::demo);
    }

    /** The site outage on 100,000 devices: for benchmarks (about 4 million rows over 24 h). */
    public static Preset largeSiteNetworkOutage() {
        return new Preset("large-site-network-outage",
                "The site behind 203.0.113.XXX (20 % of 100,000 devices) loses its network.",
                Verdict.DEVICE_NETWORK_OR_KEEPALIVE, Optional.of(ScopeKind.SUBSET),
                Optional.of(Dimension.MASKED_IP_ADDRESS), Optional.of(DEMO_SITE),
                Optional.of(CauseFamily.NETWORK_OR_KEEPALIVE),
                () -> FleetScenario.builder().devices(100_000).seed(11).site(DEMO_SITE, 0.20)
                        .incident(Incident.siteOutage(DEMO_SITE, 0.9)).build());
    }

    public static Preset noDiagnosticLogs() {
        return new Preset("no-diagnostic-logs",
                "A site outage drops the device count, but the hub has no diagnostic setting: no Connections rows.",
                Verdict.NO_DIAGNOSTIC_LOGS, Optional.of(ScopeKind.NONE), Optional.empty(), Optional.empty(),
                Optional.empty(),
                () -> FleetScenario.builder().devices(1000).seed(21).site(DEMO_SITE, 0.30)
                        .incident(Incident.siteOutage(DEMO_SITE, 0.95)).incident(Incident.noDiagnosticLogs()).build());
    }

    public static Preset platformUpgrade() {
        return new Preset("platform-upgrade",
                "A rolling platform upgrade closes every connection (400029) and rejects reconnections (400030); "
                        + "Resource Health shows a platform-initiated Unavailable status.",
                Verdict.PLATFORM_INCIDENT, Optional.of(ScopeKind.FLEET), Optional.empty(), Optional.empty(),
                Optional.of(CauseFamily.PLATFORM_CHANGE),
                () -> FleetScenario.builder().devices(2000).seed(22).incident(Incident.platformUpgrade()).build());
    }

    public static Preset platformFailover() {
        return new Preset("platform-failover",
                "Azure fails the hub over: connections drop and reconnections are refused with 404012 for minutes; "
                        + "Resource Health shows a platform-initiated Unavailable status.",
                Verdict.PLATFORM_INCIDENT, Optional.of(ScopeKind.FLEET), Optional.empty(), Optional.empty(),
                Optional.of(CauseFamily.PLATFORM_CHANGE),
                () -> FleetScenario.builder().devices(1500).seed(23).incident(Incident.failover(false)).build());
    }

    public static Preset serviceOutage() {
        return new Preset("service-outage",
                "An IoT Hub service issue in the region: 60 % of devices drop and get 500008/500001 on reconnect; "
                        + "an active ServiceIssue event and a Degraded status.",
                Verdict.PLATFORM_INCIDENT, Optional.of(ScopeKind.FLEET), Optional.empty(), Optional.empty(),
                Optional.of(CauseFamily.SERVICE_TRANSIENT),
                () -> FleetScenario.builder().devices(1500).seed(24).incident(Incident.serviceOutage(0.6)).build());
    }

    public static Preset userFailover() {
        return new Preset("user-failover",
                "Someone starts a manual failover: every connection drops, 404012 on reconnect for minutes; "
                        + "Resource Health shows a user-initiated Unavailable status.",
                Verdict.USER_INITIATED_HUB_CHANGE, Optional.of(ScopeKind.FLEET), Optional.empty(), Optional.empty(),
                Optional.of(CauseFamily.PLATFORM_CHANGE),
                () -> FleetScenario.builder().devices(1500).seed(25).incident(Incident.failover(true)).build());
    }

    public static Preset expiredCertificates() {
        return new Preset("expired-x509-certificates",
                "The CA certificate of the X.509 devices (25 % of the fleet) expires: each is dropped and every "
                        + "reconnection is refused with 401003.",
                Verdict.AUTHENTICATION_FAILURES, Optional.of(ScopeKind.SUBSET), Optional.of(Dimension.AUTH_TYPE),
                Optional.of("device/x509"), Optional.of(CauseFamily.AUTHENTICATION),
                () -> FleetScenario.builder().devices(2000).seed(26).x509Share(0.25)
                        .incident(Incident.expiredCredentials(DeviceSelection.authType("device/x509"))).build());
    }

    public static Preset clockDrift() {
        return new Preset("clock-drift-fleet",
                "An NTP outage lets device clocks drift past 5 minutes: 70 % of the fleet is refused with 401003.",
                Verdict.AUTHENTICATION_FAILURES, Optional.of(ScopeKind.FLEET), Optional.empty(), Optional.empty(),
                Optional.of(CauseFamily.AUTHENTICATION),
                () -> FleetScenario.builder().devices(1000).seed(27)
                        .incident(Incident.expiredCredentials(DeviceSelection.fleet().share(0.7))).build());
    }

    /**
     * One device crash-loops (404104 again and again) on an X.509 fleet that rarely reconnects, so that the one
     * failing device is a visible share of the devices that disconnected.
     */
    public static Preset singleDevice() {
        Supplier<FleetScenario> factory = () -> FleetScenario.builder().devices(1000).seed(28).x509Share(1.0)
                .churnPerHour(0.002).blipsPerHour(0).incident(Incident.singleDeviceFailure()).build();
        String device = factory.get().truth().get(0).exampleDevices().get(0);
        return new Preset("single-device",
                "One device of an X.509 fleet crash-loops: it reconnects and drops with 404104 every few minutes.",
                Verdict.DEVICE_NETWORK_OR_KEEPALIVE, Optional.of(ScopeKind.SINGLE_DEVICE), Optional.empty(),
                Optional.of(device), Optional.of(CauseFamily.NETWORK_OR_KEEPALIVE), factory);
    }

    public static Preset duplicateIdentities() {
        return new Preset("duplicate-identities",
                "A batch of Raspberry Pis cloned from one image (all on " + CLONED_SDK + ") runs two clients per "
                        + "identity that keep replacing each other (400027/409002).",
                Verdict.DUPLICATE_CONNECTIONS, Optional.of(ScopeKind.SUBSET), Optional.of(Dimension.SDK_VERSION),
                Optional.of(CLONED_SDK), Optional.of(CauseFamily.DUPLICATE_CONNECTION),
                () -> FleetScenario.builder().devices(2000).seed(29)
                        .incident(Incident.duplicateClients(DeviceSelection.sdkVersion(CLONED_SDK))).build());
    }

    public static Preset transientServiceErrors() {
        return new Preset("transient-service-errors",
                "Half the fleet drops and gets 500008/500001 on its first reconnections, then recovers; the hub "
                        + "stays Available.",
                Verdict.TRANSIENT_SERVICE_ERRORS, Optional.of(ScopeKind.FLEET), Optional.empty(), Optional.empty(),
                Optional.of(CauseFamily.SERVICE_TRANSIENT),
                () -> FleetScenario.builder().devices(1500).seed(30)
                        .incident(Incident.transientServiceErrors(0.5)).build());
    }

    public static Preset throttling() {
        return new Preset("throttling",
                "A reconnection storm is throttled: 60 % of the fleet is refused with 429001 for about 12 minutes.",
                Verdict.THROTTLING_OR_QUOTA, Optional.of(ScopeKind.FLEET), Optional.empty(), Optional.empty(),
                Optional.of(CauseFamily.THROTTLING_OR_QUOTA),
                () -> FleetScenario.builder().devices(1500).seed(31).incident(Incident.throttling(0.6)).build());
    }

    public static Preset quotaExceeded() {
        return new Preset("quota-exceeded",
                "The daily message quota runs out: 90 % of the fleet is closed and refused with 403002.",
                Verdict.THROTTLING_OR_QUOTA, Optional.of(ScopeKind.FLEET), Optional.empty(), Optional.empty(),
                Optional.of(CauseFamily.THROTTLING_OR_QUOTA),
                () -> FleetScenario.builder().devices(1000).seed(32).incident(Incident.quotaExceeded(0.9)).build());
    }

    public static Preset cleanShutdown() {
        return new Preset("clean-shutdown",
                "The site behind 198.51.100.XXX is powered down for maintenance: its devices disconnect cleanly.",
                Verdict.NO_CONNECTION_ERRORS, Optional.of(ScopeKind.NONE), Optional.empty(), Optional.empty(),
                Optional.empty(),
                () -> FleetScenario.builder().devices(1000).seed(33)
                        .incident(Incident.cleanShutdown(DeviceSelection.behind("198.51.100.XXX"))).build());
    }

    public static Preset quietHub() {
        return new Preset("quiet-hub",
                "Nothing happens beyond SAS renewals and background churn (a mis-set alert threshold).",
                Verdict.NO_CONNECTION_ERRORS, Optional.of(ScopeKind.NONE), Optional.empty(), Optional.empty(),
                Optional.empty(), () -> FleetScenario.builder().devices(1000).seed(34).build());
    }

    public static Preset mixedCauses() {
        return new Preset("mixed-causes",
                "Expired credentials, network loss and transient service errors at once, each on about 7 % of "
                        + "the fleet: no family has a majority.",
                Verdict.MIXED, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                () -> FleetScenario.builder().devices(3000).seed(35).incident(Incident.mixed()).build());
    }

    public static Preset logSourceDown() {
        return new Preset("log-source-down",
                "A site outage, but the Log Analytics query times out; the hub is Available.",
                Verdict.INSUFFICIENT_EVIDENCE, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                () -> FleetScenario.builder().devices(1000).seed(36).site(DEMO_SITE, 0.3)
                        .incident(Incident.siteOutage(DEMO_SITE, 0.95))
                        .logSourceFails("the Log Analytics query timed out after 60 s").build());
    }

    /** A scenario whose incident starts just before the data ends: its errors sit at the edge of the data. */
    public static FleetScenario outageAtTheEdgeOfTheData() {
        FleetScenario.Builder b = FleetScenario.builder().devices(1000).seed(37).site(DEMO_SITE, 0.3)
                .incident(Incident.siteOutage(DEMO_SITE, 0.95));
        FleetScenario probe = b.build();
        return b.incidentAt(probe.dataEnd().minus(Duration.ofSeconds(100))).build();
    }
}
