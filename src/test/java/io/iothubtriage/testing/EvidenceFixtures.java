package io.iothubtriage.testing;

import io.iothubtriage.alert.AlertIdentity;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.MetricCondition;
import io.iothubtriage.alert.MonitorCondition;
import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.ConnectionEvidence.CodeStats;
import io.iothubtriage.evidence.ConnectionEvidence.DeviceStats;
import io.iothubtriage.evidence.ConnectionEvidence.DimensionBreakdown;
import io.iothubtriage.evidence.ConnectionEvidence.FamilyStats;
import io.iothubtriage.evidence.ConnectionEvidence.MinuteBucket;
import io.iothubtriage.evidence.ConnectionEvidence.Noise;
import io.iothubtriage.evidence.ConnectionEvidence.ValueCount;
import io.iothubtriage.evidence.DeviceCountEvidence;
import io.iothubtriage.evidence.DeviceCountEvidence.MetricPoint;
import io.iothubtriage.evidence.Dimension;
import io.iothubtriage.evidence.Evidence;
import io.iothubtriage.evidence.Gap;
import io.iothubtriage.evidence.HubHealthEvidence;
import io.iothubtriage.evidence.HubHealthEvidence.AvailabilityStatus;
import io.iothubtriage.evidence.HubHealthEvidence.ServiceHealthEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Hand-built evidence shaped like real hubs (hundreds to thousands of devices, a long tail of codes, SAS-renewal
 * noise), for diagnosis and renderer tests. The builders fill in what a summarising source would; the scenarios
 * are the incidents on-call engineers actually meet. Numbers are chosen so that each scenario sits clearly on one
 * side of every threshold unless its name says otherwise.
 */
public final class EvidenceFixtures {

    public static final HubId HUB = HubId.parse("/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/"
            + "iot-prod/providers/Microsoft.Devices/IotHubs/contoso-hub");
    /** When the alert fired; the drop starts at {@link #DROP}. */
    public static final Instant FIRED = Instant.parse("2026-01-15T10:41:00Z");
    public static final Instant DROP = Instant.parse("2026-01-15T10:41:00Z");
    /** The default analysis window: fired − 30 min to fired + 5 min. */
    public static final TimeWindow WINDOW = new TimeWindow(FIRED.minus(Duration.ofMinutes(30)), FIRED.plus(Duration.ofMinutes(5)));
    public static final TimeWindow BASELINE = WINDOW.before(Duration.ofHours(24));
    public static final Instant NOW = Instant.parse("2026-01-15T10:52:00Z");
    public static final String SITE_IP = "203.0.113.XXX";

    private EvidenceFixtures() {
    }

    // ------------------------------------------------------------------ requests

    public static TriageRequest request() {
        return new TriageRequest(HUB, WINDOW, BASELINE, Optional.of(alert()));
    }

    public static TriageRequest requestWithoutAlert() {
        return new TriageRequest(HUB, WINDOW, BASELINE, Optional.empty());
    }

    public static AlertIdentity alert() {
        return new AlertIdentity("/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/providers/Microsoft.AlertsManagement/"
                + "alerts/6b0c8a8e-9d43-4c2e-bd1e-2f4a4c1f7f11", "contoso-hub connected devices low", "Sev2",
                MonitorCondition.FIRED, FIRED, Optional.empty(), "Metric", "Platform",
                Optional.of(new MetricCondition("connectedDeviceCount", "LessThan", "Minimum",
                        OptionalDouble.of(900), OptionalDouble.of(611))), "");
    }

    // ------------------------------------------------------------------ building blocks

    public static ValueCount v(String value, int devices) {
        return new ValueCount(value, devices);
    }

    /** How devices spread over one dimension: known devices, distinct values, most common values. */
    public static DimensionBreakdown spread(int devices, int distinct, ValueCount... top) {
        return new DimensionBreakdown(devices, distinct, List.of(top));
    }

    /** A fleet of {@code active} devices spread like a typical multi-site deployment, unless overridden. */
    public static Map<Dimension, DimensionBreakdown> typicalFleet(int active) {
        Map<Dimension, DimensionBreakdown> m = new EnumMap<>(Dimension.class);
        m.put(Dimension.MASKED_IP_ADDRESS, spread(active, 180, v(SITE_IP, active * 27 / 100), v("198.51.100.XXX", active / 10),
                v("192.0.2.XXX", active / 20)));
        m.put(Dimension.PROTOCOL, spread(active, 2, v("Mqtt", active * 87 / 100), v("Amqp", active - active * 87 / 100)));
        m.put(Dimension.AUTH_TYPE, spread(active, 2, v("device/sas", active * 74 / 100), v("device/x509", active - active * 74 / 100)));
        m.put(Dimension.SDK_VERSION, spread(active * 9 / 10, 6, v(".NET/1.42.3 (.NET 6.0.25; Linux)", active * 40 / 100),
                v("azure-iot-device/1.18.2 (node v18.19.0; linux)", active * 30 / 100),
                v("com.microsoft.azure.sdk.iot.iot-device-client/2.5.0", active * 20 / 100)));
        return m;
    }

    /** Dimensions of affected devices that spread like the fleet (nothing discriminates). */
    public static Map<Dimension, DimensionBreakdown> likeTheFleet(int devices) {
        return typicalFleet(devices);
    }

    public static CodeStats code(String code, String description, long events, int devices, long baselineEvents) {
        return new CodeStats(code, description, events, devices, 0, 0, baselineEvents, Math.max(1, devices / 2),
                Optional.of(DROP), Optional.of(DROP.plusSeconds(240)));
    }

    public static CodeStats code(String code, String description, long events, int devices, long noiseEvents,
                                 long onConnect, long baselineEvents) {
        return new CodeStats(code, description, events, devices, noiseEvents, onConnect, baselineEvents,
                Math.max(1, devices / 2), events > 0 ? Optional.of(DROP) : Optional.empty(),
                events > 0 ? Optional.of(DROP.plusSeconds(240)) : Optional.empty());
    }

    /** A tail of {@code n} rare codes (one or two devices each), as big hubs show. */
    public static List<CodeStats> tail(int n) {
        List<CodeStats> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String code = String.valueOf(400100 + i * 7);
            out.add(code(code, "RareError" + i, 2 + i % 3, 1 + i % 2, 5));
        }
        return out;
    }

    public static FamilyStats family(CauseFamily f, int devices, int stillOffline, Map<Dimension, DimensionBreakdown> dims) {
        return new FamilyStats(f, devices, stillOffline, dims, Optional.of(DROP), Optional.of(DROP.plusSeconds(300)));
    }

    public static DeviceStats device(String id, long events, CauseFamily family, String... codes) {
        return new DeviceStats(id, events, List.of(codes), family);
    }

    /**
     * Per-minute activity of a shutdown: two clean disconnects a minute of churn, and {@code spikeClean} more at
     * {@code spikeAt}; two error rows a minute.
     */
    public static List<MinuteBucket> cleanTimeline(TimeWindow window, Instant spikeAt, int spikeClean) {
        List<MinuteBucket> out = new ArrayList<>();
        for (Instant m = window.start(); m.isBefore(window.end()); m = m.plusSeconds(60)) {
            int clean = 2 + (m.equals(spikeAt) ? spikeClean : 0);
            out.add(new MinuteBucket(m, 30, clean + 2, 2, Map.of(), clean));
        }
        return out;
    }

    /** Per-minute activity: steady churn, and a spike of disconnects and errors at {@code spikeAt}. */
    public static List<MinuteBucket> timeline(TimeWindow window, int steadyConnects, int steadyErrors, Instant spikeAt,
                                              int spikeDisconnects, int spikeErrors) {
        List<MinuteBucket> out = new ArrayList<>();
        for (Instant m = window.start(); m.isBefore(window.end()); m = m.plusSeconds(60)) {
            boolean spike = spikeAt != null && !m.isBefore(spikeAt) && m.isBefore(spikeAt.plusSeconds(120));
            boolean first = spikeAt != null && m.equals(spikeAt);
            out.add(new MinuteBucket(m, steadyConnects, spike ? (first ? spikeDisconnects : spikeDisconnects / 4) : 2,
                    steadyErrors + (spike ? (first ? spikeErrors : spikeErrors / 4) : 0)));
        }
        return out;
    }

    public static ConnectionsBuilder connections() {
        return new ConnectionsBuilder();
    }

    /** Fluent builder of {@link ConnectionEvidence}; codes and families are sorted as the record requires. */
    public static final class ConnectionsBuilder {
        private TimeWindow window = WINDOW;
        private long analysisRows = 5_230;
        private long baselineRows = 98_400;
        private int active = 1_204;
        private int disconnected = 420;
        private final List<CodeStats> codes = new ArrayList<>();
        private final List<FamilyStats> families = new ArrayList<>();
        private Noise noise = Noise.none();
        private Map<Dimension, DimensionBreakdown> fleet;
        private final List<DeviceStats> top = new ArrayList<>();
        private List<MinuteBucket> timeline;

        public ConnectionsBuilder window(TimeWindow w) {
            this.window = w;
            return this;
        }

        public ConnectionsBuilder rows(long analysis, long baseline) {
            this.analysisRows = analysis;
            this.baselineRows = baseline;
            return this;
        }

        public ConnectionsBuilder active(int n) {
            this.active = n;
            return this;
        }

        public ConnectionsBuilder disconnected(int n) {
            this.disconnected = n;
            return this;
        }

        public ConnectionsBuilder code(CodeStats c) {
            codes.add(c);
            return this;
        }

        public ConnectionsBuilder codes(List<CodeStats> cs) {
            codes.addAll(cs);
            return this;
        }

        public ConnectionsBuilder family(FamilyStats f) {
            families.add(f);
            return this;
        }

        public ConnectionsBuilder family(CauseFamily f, int devices, int stillOffline, Map<Dimension, DimensionBreakdown> dims) {
            return family(EvidenceFixtures.family(f, devices, stillOffline, dims));
        }

        public ConnectionsBuilder noise(int sasDevices, long sasEvents, int edgeDevices, long edgeEvents, int sideEffect) {
            this.noise = new Noise(sasDevices, sasEvents, edgeDevices, edgeEvents, sideEffect);
            return this;
        }

        public ConnectionsBuilder fleet(Map<Dimension, DimensionBreakdown> f) {
            this.fleet = f;
            return this;
        }

        public ConnectionsBuilder fleet(Dimension d, DimensionBreakdown b) {
            if (fleet == null) {
                fleet = new EnumMap<>(typicalFleet(active));
            }
            fleet = new EnumMap<>(fleet);
            fleet.put(d, b);
            return this;
        }

        public ConnectionsBuilder top(DeviceStats d) {
            top.add(d);
            return this;
        }

        public ConnectionsBuilder timeline(List<MinuteBucket> t) {
            this.timeline = t;
            return this;
        }

        public ConnectionEvidence build() {
            List<CodeStats> sortedCodes = codes.stream().sorted((a, b) -> a.devices() != b.devices()
                    ? Integer.compare(b.devices(), a.devices()) : Long.compare(b.events(), a.events())).toList();
            List<FamilyStats> sortedFamilies = families.stream()
                    .sorted((a, b) -> Integer.compare(b.devices(), a.devices())).toList();
            Optional<Instant> last = analysisRows > 0 ? Optional.of(window.end().minusSeconds(20)) : Optional.empty();
            return new ConnectionEvidence(window, analysisRows, baselineRows, last, active, disconnected, sortedCodes,
                    sortedFamilies, noise, fleet == null ? typicalFleet(active) : fleet,
                    top.stream().limit(ConnectionEvidence.TOP_DEVICES).toList(),
                    timeline == null ? EvidenceFixtures.timeline(window, 30, 2, DROP, disconnected / 2, 200) : timeline);
        }
    }

    // ------------------------------------------------------------------ health

    public static AvailabilityStatus status(String state, String reasonType, String context, String title,
                                            Instant occurred, String cause) {
        return new AvailabilityStatus(state, reasonType, context, "Unplanned", title, title, Optional.of(occurred),
                Optional.of(NOW.minusSeconds(120)), "westeurope", cause);
    }

    /** Resource Health: Available for days, nothing in the region. */
    public static HubHealthEvidence healthy() {
        AvailabilityStatus ok = status("Available", "", "", "There aren't any known Azure platform problems "
                + "affecting this IoT hub", Instant.parse("2026-01-10T08:00:00Z"), "");
        return new HubHealthEvidence(Optional.of(ok), List.of(ok), List.of());
    }

    /** Resource Health: Unknown (no signal for more than 10 minutes). */
    public static HubHealthEvidence unknown() {
        AvailabilityStatus s = status("Unknown", "", "", "We're unable to determine the health of this resource",
                Instant.parse("2026-01-15T10:20:00Z"), "");
        return new HubHealthEvidence(Optional.of(s), List.of(s), List.of());
    }

    /** A platform-initiated outage from 10:38 to 10:52 UTC; Available again now. */
    public static HubHealthEvidence platformOutage() {
        AvailabilityStatus before = status("Available", "", "", "", Instant.parse("2026-01-10T08:00:00Z"), "");
        AvailabilityStatus down = status("Unavailable", "Unplanned", "Platform Initiated",
                "We're sorry, your IoT hub is unavailable", Instant.parse("2026-01-15T10:38:00Z"), "PlatformInitiated");
        AvailabilityStatus back = status("Available", "", "", "", Instant.parse("2026-01-15T10:52:00Z"), "");
        return new HubHealthEvidence(Optional.of(back), List.of(back, down, before), List.of());
    }

    /** A customer-initiated failover from 10:38 to 10:50 UTC; Available again now. */
    public static HubHealthEvidence userFailover() {
        AvailabilityStatus before = status("Available", "", "", "", Instant.parse("2026-01-10T08:00:00Z"), "");
        AvailabilityStatus down = status("Unavailable", "Customer Initiated", "Customer Initiated",
                "A failover of your IoT hub was initiated", Instant.parse("2026-01-15T10:38:00Z"), "UserInitiated");
        AvailabilityStatus back = status("Available", "", "", "", Instant.parse("2026-01-15T10:50:00Z"), "");
        return new HubHealthEvidence(Optional.of(back), List.of(before, down, back), List.of());
    }

    public static ServiceHealthEvent serviceIssue(String id, String status, List<String> regions, Instant start,
                                                  Optional<Instant> mitigation) {
        return new ServiceHealthEvent(id, "ServiceIssue", status, "Azure IoT Hub - connectivity issues in West Europe",
                "Customers may experience device disconnections", "Warning", Optional.of(start), mitigation,
                Optional.of(NOW), List.of("IoT Hub"), regions, true);
    }

    /** Resource Health Available, but an active IoT Hub service issue in West Europe since 10:35. */
    public static HubHealthEvidence healthyWithServiceIssue(List<String> regions) {
        HubHealthEvidence h = healthy();
        return new HubHealthEvidence(h.current(), h.history(), List.of(serviceIssue("VN1T-7PZ", "Active", regions,
                Instant.parse("2026-01-15T10:35:00Z"), Optional.empty())));
    }

    public static HubHealthEvidence healthyWith(ServiceHealthEvent... events) {
        HubHealthEvidence h = healthy();
        return new HubHealthEvidence(h.current(), h.history(), List.of(events));
    }

    // ------------------------------------------------------------------ metrics

    /** connectedDeviceCount: {@code before} until the drop, {@code min} at {@code minAt}, then {@code now}. */
    public static DeviceCountEvidence deviceCountDrop(double before, double min, Instant minAt, double now, double registered) {
        List<MetricPoint> connected = new ArrayList<>();
        List<MetricPoint> total = new ArrayList<>();
        for (Instant m = WINDOW.start(); m.isBefore(WINDOW.end()); m = m.plusSeconds(60)) {
            double value = m.isBefore(minAt) ? before - (m.getEpochSecond() / 60 % 3) : m.equals(minAt) ? min : now;
            double low = m.equals(minAt) ? min : value;
            connected.add(new MetricPoint(m, OptionalDouble.of(low), OptionalDouble.of(value), OptionalDouble.of(value)));
            total.add(new MetricPoint(m, OptionalDouble.of(registered), OptionalDouble.of(registered), OptionalDouble.of(registered)));
        }
        // The last minute is still being aggregated: no value yet, which must not read as zero.
        connected.add(new MetricPoint(WINDOW.end(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty()));
        return new DeviceCountEvidence(connected, total);
    }

    public static DeviceCountEvidence typicalDrop() {
        return deviceCountDrop(1_198, 611, Instant.parse("2026-01-15T10:42:00Z"), 640, 1_250);
    }

    // ------------------------------------------------------------------ evidence

    public static Evidence evidence(ConnectionEvidence c, HubHealthEvidence h, DeviceCountEvidence d) {
        return new Evidence(Optional.ofNullable(c), Optional.ofNullable(h), Optional.ofNullable(d), List.of());
    }

    public static Evidence withGaps(Evidence e, Gap... gaps) {
        List<Gap> all = new ArrayList<>(e.gaps());
        all.addAll(List.of(gaps));
        return new Evidence(e.connections(), e.health(), e.deviceCount(), all);
    }

    // ------------------------------------------------------------------ scenarios

    /**
     * A site's uplink fails: 312 devices behind 203.0.113.XXX drop with 404104 at 10:41 and 298 stay offline;
     * 22 devices elsewhere fail authentication, 6 log duplicates on their own, 18 were only renewing SAS tokens,
     * and a tail of 40 rare codes fills the log (43 codes in all).
     */
    public static ConnectionsBuilder siteNetworkOutage() {
        return connections()
                .rows(5_230, 98_400).active(1_204).disconnected(420)
                .code(code("404104", "DeviceConnectionClosedRemotely", 1_877, 312, 12, 0, 2_900))
                .code(code("401003", "IoTHubUnauthorized", 210, 22, 31, 188, 9_800))
                .code(code("409002", "LinkCreationConflict", 40, 6, 0, 40, 30))
                .codes(tail(40))
                .family(CauseFamily.NETWORK_OR_KEEPALIVE, 312, 298, Map.of(
                        Dimension.MASKED_IP_ADDRESS, spread(312, 5, v(SITE_IP, 298), v("198.51.100.XXX", 8)),
                        Dimension.PROTOCOL, spread(312, 2, v("Mqtt", 290), v("Amqp", 22)),
                        Dimension.AUTH_TYPE, spread(312, 2, v("device/sas", 240), v("device/x509", 72)),
                        Dimension.SDK_VERSION, spread(280, 3, v(".NET/1.42.3 (.NET 6.0.25; Linux)", 150),
                                v("azure-iot-device/1.18.2 (node v18.19.0; linux)", 90))))
                .family(CauseFamily.AUTHENTICATION, 22, 9, likeTheFleet(22))
                .family(CauseFamily.DUPLICATE_CONNECTION, 6, 0, likeTheFleet(6))
                .noise(18, 31, 7, 9, 25)
                .top(device("plant7-line3-press-014", 17, CauseFamily.NETWORK_OR_KEEPALIVE, "404104", "409002"))
                .top(device("plant7-line1-robot-002", 15, CauseFamily.NETWORK_OR_KEEPALIVE, "404104"))
                .top(device("hvac-roof-221", 12, CauseFamily.AUTHENTICATION, "401003", "404104"));
    }

    /** 500 devices whose X.509 certificates expired: 401003 on every reconnect, 480 of them device/x509. */
    public static ConnectionsBuilder certificateExpiry() {
        return connections()
                .rows(9_870, 98_400).active(1_204).disconnected(530)
                .code(code("401003", "IoTHubUnauthorized", 6_420, 500, 40, 6_100, 900))
                .code(code("404104", "DeviceConnectionClosedRemotely", 520, 500, 10, 0, 60))
                .code(code("403012", "DeviceDisabled", 36, 4, 0, 36, 0))
                .family(CauseFamily.AUTHENTICATION, 504, 470, Map.of(
                        Dimension.AUTH_TYPE, spread(504, 2, v("device/x509", 484), v("device/sas", 20)),
                        Dimension.MASKED_IP_ADDRESS, spread(504, 90, v(SITE_IP, 140), v("198.51.100.XXX", 60)),
                        Dimension.PROTOCOL, spread(504, 2, v("Mqtt", 440), v("Amqp", 64))))
                .family(CauseFamily.NETWORK_OR_KEEPALIVE, 12, 3, likeTheFleet(12))
                .noise(22, 40, 0, 0, 0)
                .top(device("meter-x509-0007", 48, CauseFamily.AUTHENTICATION, "401003"))
                .top(device("meter-x509-0192", 47, CauseFamily.AUTHENTICATION, "401003"));
    }

    /**
     * 620 devices refused with 401003 on every reconnect since 10:40, all authenticating with SAS tokens signed with
     * their own device keys ({@code device/sas}, as when device SAS is disabled); the fleet's X.509 devices carry on.
     */
    public static ConnectionsBuilder sasRefusal() {
        return authRefusal(620, 0, 0);
    }

    /**
     * 620 devices refused with 401003 since 10:40, all connecting with SAS tokens signed with a key of one of the
     * hub's shared access policies ({@code hub/sas}, as when local authentication is switched off).
     */
    public static ConnectionsBuilder policySasRefusal() {
        return authRefusal("hub/sas", 620, 0, 0);
    }

    /** {@link #authRefusal(String, int, int, int)} with device-key SAS tokens ({@code device/sas}). */
    public static ConnectionsBuilder authRefusal(int sas, int x509, int unknownAuth) {
        return authRefusal("device/sas", sas, x509, unknownAuth);
    }

    /**
     * 401003 on every reconnect since 10:40 for devices authenticating with SAS tokens (of authType
     * {@code sasAuthType}: {@code device/sas}, {@code hub/sas}, {@code module/sas}), with X.509 certificates, or
     * with no authType logged (as real records often have).
     */
    public static ConnectionsBuilder authRefusal(String sasAuthType, int sas, int x509, int unknownAuth) {
        Map<String, Integer> byAuthType = new java.util.LinkedHashMap<>();
        byAuthType.put(sasAuthType, sas);
        byAuthType.put("device/x509", x509);
        return authRefusal(byAuthType, unknownAuth);
    }

    /** 401003 on every reconnect since 10:40 for devices of the given authTypes, and some with none logged. */
    public static ConnectionsBuilder authRefusal(Map<String, Integer> byAuthType, int unknownAuth) {
        int known = byAuthType.values().stream().mapToInt(Integer::intValue).sum();
        int devices = known + unknownAuth;
        List<ValueCount> auth = new ArrayList<>();
        byAuthType.forEach((type, n) -> {
            if (n > 0) {
                auth.add(v(type, n));
            }
        });
        auth.sort(java.util.Comparator.comparingInt(ValueCount::devices).reversed());
        return connections()
                .rows(9_400, 98_400).active(1_204).disconnected(devices + 20)
                .code(code("401003", "IoTHubUnauthorized", 12L * devices, devices, 40, 12L * devices - 60, 900))
                .code(code("404104", "DeviceConnectionClosedRemotely", devices + 20, devices, 10, 0, 60))
                .family(CauseFamily.AUTHENTICATION, devices, devices - 30, Map.of(
                        Dimension.AUTH_TYPE, spread(known, auth.size(), auth.toArray(ValueCount[]::new)),
                        Dimension.MASKED_IP_ADDRESS, spread(devices, 120, v(SITE_IP, devices / 4),
                                v("198.51.100.XXX", devices / 9)),
                        Dimension.PROTOCOL, spread(devices, 2, v("Mqtt", devices - devices / 8),
                                v("Amqp", devices / 8))))
                .family(CauseFamily.NETWORK_OR_KEEPALIVE, 12, 3, likeTheFleet(12))
                .noise(22, 40, 0, 0, 0)
                .top(device("sensor-0031", 44, CauseFamily.AUTHENTICATION, "401003"))
                .top(device("sensor-0418", 43, CauseFamily.AUTHENTICATION, "401003"));
    }

    /** One device keeps failing authentication; two others disconnected cleanly. */
    public static ConnectionsBuilder singleDeviceAuth() {
        return connections()
                .rows(2_140, 96_000).active(1_180).disconnected(3)
                .code(code("401003", "IoTHubUnauthorized", 64, 1, 0, 64, 0))
                .family(CauseFamily.AUTHENTICATION, 1, 1, Map.of(
                        Dimension.AUTH_TYPE, spread(1, 1, v("device/sas", 1))))
                .top(device("thermostat-0042", 64, CauseFamily.AUTHENTICATION, "401003"))
                .timeline(timeline(WINDOW, 28, 2, null, 0, 0));
    }

    /** 41 devices run two instances each: 409002/400027 on their own, all on one SDK build. */
    public static ConnectionsBuilder duplicateIdentities() {
        return connections()
                .rows(4_400, 97_000).active(1_204).disconnected(60)
                .code(code("409002", "LinkCreationConflict", 2_900, 38, 0, 2_900, 40))
                .code(code("400027", "ConnectionForcefullyClosedOnNewConnection", 610, 41, 0, 0, 12))
                .family(CauseFamily.DUPLICATE_CONNECTION, 41, 0, Map.of(
                        Dimension.SDK_VERSION, spread(41, 1, v("azure-iot-device/1.17.1 (node v10.16.0; linux)", 41)),
                        Dimension.PROTOCOL, spread(41, 1, v("Mqtt", 41))))
                .family(CauseFamily.NETWORK_OR_KEEPALIVE, 4, 0, likeTheFleet(4))
                .fleet(Dimension.SDK_VERSION, spread(1_100, 7, v(".NET/1.42.3 (.NET 6.0.25; Linux)", 480),
                        v("azure-iot-device/1.18.2 (node v18.19.0; linux)", 330),
                        v("azure-iot-device/1.17.1 (node v10.16.0; linux)", 60)))
                .top(device("kiosk-17", 140, CauseFamily.DUPLICATE_CONNECTION, "409002", "400027"))
                .top(device("kiosk-22", 138, CauseFamily.DUPLICATE_CONNECTION, "409002", "400027"))
                .top(device("kiosk-03", 120, CauseFamily.DUPLICATE_CONNECTION, "409002"));
    }

    /** Hub-side faults across the fleet: 500001/500008 on 900 of 1,204 devices, spread like the fleet. */
    public static ConnectionsBuilder transientFaults() {
        return connections()
                .rows(14_200, 98_400).active(1_204).disconnected(910)
                .code(code("500001", "ServerError", 3_100, 820, 0, 2_900, 14))
                .code(code("500008", "GenericTimeout", 700, 310, 0, 700, 3))
                .code(code("404104", "DeviceConnectionClosedRemotely", 920, 70, 0, 0, 60))
                .family(CauseFamily.SERVICE_TRANSIENT, 900, 420, likeTheFleet(900))
                .family(CauseFamily.NETWORK_OR_KEEPALIVE, 70, 10, likeTheFleet(70))
                .top(device("pump-0311", 22, CauseFamily.SERVICE_TRANSIENT, "500001"));
    }

    /** A reconnect storm meets the tier's limits: 429001 on 300 devices. */
    public static ConnectionsBuilder throttled() {
        return connections()
                .rows(8_800, 98_400).active(1_204).disconnected(360)
                .code(code("429001", "ThrottlingException", 2_400, 300, 0, 2_350, 0))
                .code(code("404104", "DeviceConnectionClosedRemotely", 380, 40, 0, 0, 60))
                .family(CauseFamily.THROTTLING_OR_QUOTA, 300, 260, likeTheFleet(300))
                .family(CauseFamily.NETWORK_OR_KEEPALIVE, 40, 5, likeTheFleet(40));
    }

    /** A platform upgrade closes and refuses connections: 400029/400030 on 1,100 devices. */
    public static ConnectionsBuilder platformUpgrade() {
        return connections()
                .rows(12_000, 98_400).active(1_204).disconnected(1_120)
                .code(code("400029", "ConnectionForcefullyClosedOnFaultInjection", 1_100, 1_100, 0, 0, 0))
                .code(code("400030", "ConnectionRejectedOnFaultInjection", 900, 420, 0, 900, 0))
                .family(CauseFamily.PLATFORM_CHANGE, 1_100, 40, likeTheFleet(1_100))
                .family(CauseFamily.NETWORK_OR_KEEPALIVE, 20, 2, likeTheFleet(20));
    }

    /** 540 devices disconnect cleanly (a site powered down); only 12 log errors, fewer than a tenth. */
    public static ConnectionsBuilder cleanShutdown() {
        return connections()
                .rows(3_900, 98_400).active(1_204).disconnected(540)
                .timeline(cleanTimeline(WINDOW, DROP, 470))
                .code(code("404104", "DeviceConnectionClosedRemotely", 30, 12, 20, 0, 300))
                .family(CauseFamily.NETWORK_OR_KEEPALIVE, 12, 2, likeTheFleet(12))
                .noise(18, 31, 0, 0, 0);
    }

    /** Several causes at once: 140 network, 112 authentication, 60 transient, 28 duplicate devices. */
    public static ConnectionsBuilder mixedCauses() {
        return connections()
                .rows(6_100, 98_400).active(1_204).disconnected(380)
                .code(code("404104", "DeviceConnectionClosedRemotely", 700, 140, 0, 0, 50))
                .code(code("401003", "IoTHubUnauthorized", 900, 112, 10, 850, 800))
                .code(code("500001", "ServerError", 160, 60, 0, 150, 4))
                .code(code("409002", "LinkCreationConflict", 90, 28, 0, 90, 20))
                .family(CauseFamily.NETWORK_OR_KEEPALIVE, 140, 100, likeTheFleet(140))
                .family(CauseFamily.AUTHENTICATION, 112, 90, likeTheFleet(112))
                .family(CauseFamily.SERVICE_TRANSIENT, 60, 10, likeTheFleet(60))
                .family(CauseFamily.DUPLICATE_CONNECTION, 28, 0, likeTheFleet(28));
    }

    /** The diagnostic setting is off: the query answered, with no row at all. */
    public static ConnectionsBuilder noDiagnosticLogs() {
        return connections().rows(0, 0).active(0).disconnected(0).timeline(List.of());
    }
}
