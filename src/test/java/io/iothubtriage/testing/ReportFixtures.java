package io.iothubtriage.testing;

import io.iothubtriage.alert.AlertIdentity;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.MetricCondition;
import io.iothubtriage.alert.MonitorCondition;
import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.diagnosis.Confidence;
import io.iothubtriage.diagnosis.ScopeKind;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.diagnosis.TriageReport.DeviceCount;
import io.iothubtriage.diagnosis.TriageReport.ErrorLine;
import io.iothubtriage.diagnosis.TriageReport.HealthEvent;
import io.iothubtriage.diagnosis.TriageReport.Links;
import io.iothubtriage.diagnosis.TriageReport.NoiseSummary;
import io.iothubtriage.diagnosis.TriageReport.PlatformHealth;
import io.iothubtriage.diagnosis.TriageReport.Scope;
import io.iothubtriage.diagnosis.TriageReport.TopDevice;
import io.iothubtriage.diagnosis.Verdict;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence.MinuteBucket;
import io.iothubtriage.evidence.Dimension;
import io.iothubtriage.evidence.Gap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.OptionalDouble;
import java.util.zip.GZIPOutputStream;

/**
 * Realistic triage reports built by hand: one per verdict, the contract's example, and extreme ones for size
 * tests. Values follow the reference (error-code catalog, common alert schema, Resource Health states) so the
 * rendered cards look like what an engineer would really receive.
 */
public final class ReportFixtures {

    public static final HubId HUB = HubId.parse("/subscriptions/8f0c1d2e-3b4a-4c5d-9e6f-0a1b2c3d4e5f/resourceGroups/"
            + "iot-prod-rg/providers/Microsoft.Devices/IotHubs/contoso-hub-prod");
    public static final Instant FIRED = Instant.parse("2026-11-26T10:45:00Z");
    public static final TimeWindow WINDOW = new TimeWindow(FIRED.minus(Duration.ofMinutes(30)),
            FIRED.plus(Duration.ofMinutes(5)));
    public static final Instant GENERATED = Instant.parse("2026-11-26T10:52:17Z");
    static final String PORTAL = "https://portal.azure.com/#@contoso.onmicrosoft.com/resource";

    private ReportFixtures() {
    }

    /** One report per verdict, plus the extreme ones, by file-friendly name, in a stable order. */
    public static Map<String, TriageReport> all() {
        Map<String, TriageReport> m = new LinkedHashMap<>();
        m.put("network-subset", networkSubset());
        m.put("platform-incident", platformIncident());
        m.put("user-initiated-change", userInitiatedChange());
        m.put("authentication-failures", authenticationFailures());
        m.put("change-caused", changeCaused());
        m.put("duplicate-connections", duplicateConnections());
        m.put("transient-service-errors", transientServiceErrors());
        m.put("throttling-or-quota", throttlingOrQuota());
        m.put("no-connection-errors", noConnectionErrors());
        m.put("mixed", mixed());
        m.put("no-diagnostic-logs", noDiagnosticLogs());
        m.put("insufficient-evidence", insufficientEvidence());
        m.put("huge-fleet", hugeFleet());
        m.put("oversized-texts", oversizedTexts());
        return m;
    }

    /** The report of one verdict (the first fixture with it). */
    public static TriageReport forVerdict(Verdict v) {
        return all().values().stream().filter(r -> r.verdict() == v).findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------- catalog used by the fixtures

    record Code(String code, String name, CauseFamily family, String meaning, String anchor) {
        ErrorLine line(long events, int devices, long baseline, boolean unusual, Instant first, Instant last) {
            return new ErrorLine(code, name, family, events, devices, OptionalLong.of(baseline), unusual, Optional.ofNullable(first),
                    Optional.ofNullable(last), meaning, anchor.isEmpty() ? ""
                    : "https://learn.microsoft.com/azure/iot-hub/troubleshoot-error-codes#" + anchor);
        }
    }

    static final Code C404104 = new Code("404104", "DeviceConnectionClosedRemotely", CauseFamily.NETWORK_OR_KEEPALIVE,
            "The device closed the connection or went silent longer than its keep-alive: network loss, a crash, or an "
                    + "SDK that drops TCP without an MQTT DISCONNECT.", "404104-deviceconnectionclosedremotely");
    static final Code C401003 = new Code("401003", "IoTHubUnauthorized", CauseFamily.AUTHENTICATION,
            "The hub rejected the device's credentials: expired SAS token or certificate, unregistered thumbprint, or "
                    + "a device clock more than 5 minutes off.", "401003-iothubunauthorized");
    static final Code C409002 = new Code("409002", "LinkCreationConflict", CauseFamily.DUPLICATE_CONNECTION,
            "A second connection with the same device identity replaced the first; usually a side effect of a "
                    + "reconnect, or two clients sharing one identity.", "409002-linkcreationconflict");
    static final Code C400027 = new Code("400027", "ConnectionForcefullyClosedOnNewConnection",
            CauseFamily.DUPLICATE_CONNECTION, "A second client connected with the same identity, so the hub closed "
            + "the older connection.", "400027-connectionforcefullyclosedonnewconnection");
    static final Code C500001 = new Code("500001", "ServerError", CauseFamily.SERVICE_TRANSIENT,
            "A transient fault on some hub nodes; the SDKs retry. If it persists, check Resource Health.",
            "500xxx-internal-errors");
    static final Code C500008 = new Code("500008", "GenericTimeout", CauseFamily.SERVICE_TRANSIENT,
            "The hub could not finish the connection request in time; transient.", "500xxx-internal-errors");
    static final Code C400029 = new Code("400029", "ConnectionForcefullyClosedOnFaultInjection",
            CauseFamily.PLATFORM_CHANGE, "A service or platform upgrade closed existing connections; devices can "
            + "reconnect at once.", "400029-connectionforcefullyclosedonfaultinjection");
    static final Code C404012 = new Code("404012", "IotHubFailingOver", CauseFamily.PLATFORM_CHANGE,
            "The hub is failing over to its paired region; connections are refused until it completes.", "");
    static final Code C403002 = new Code("403002", "IoTHubQuotaExceeded", CauseFamily.THROTTLING_OR_QUOTA,
            "The daily message quota is used up; add units or wait for the UTC day to roll over.",
            "403002-iothubquotaexceeded");
    static final Code C429001 = new Code("429001", "ThrottlingException", CauseFamily.THROTTLING_OR_QUOTA,
            "Operations exceeded the hub's throttle for too long; scale up or slow devices down.",
            "429001-throttlingexception");
    static final Code C403012 = new Code("403012", "DeviceDisabled", CauseFamily.AUTHENTICATION,
            "The device identity is disabled in the hub's registry.", "");

    static Instant at(String hhmm) {
        return Instant.parse("2026-11-26T" + hhmm + ":00Z");
    }

    // ---------------------------------------------------------------- the reports

    /** The contract's example: 312 devices behind one NAT lost their connections; the hub is healthy. */
    public static TriageReport networkSubset() {
        return new Draft()
                .verdict(Verdict.DEVICE_NETWORK_OR_KEEPALIVE, Confidence.HIGH)
                .headline("312 devices behind 203.0.113.XXX lost their connections at 10:41 (404104); the hub is "
                        + "healthy.")
                .scope(new Scope(ScopeKind.SUBSET, 312, 1204, Optional.of(Dimension.MASKED_IP_ADDRESS),
                        Optional.of("203.0.113.XXX")))
                .errors(C404104.line(1877, 312, 41, true, at("10:41"), at("10:49")),
                        C409002.line(96, 44, 12, false, at("10:42"), at("10:48")))
                .noise(new NoiseSummary(18, 2, 44))
                .deviceCount(1198, 611, at("10:44"), 640, 1250)
                .health(available())
                .findings("95% of the affected devices (297 of 312) connect through 203.0.113.XXX; the other 892 active "
                                + "devices use 37 other addresses and stayed connected.",
                        "404104 rose from 41 events in the previous 24 h to 1,877 in 35 minutes, all starting at 10:41.",
                        "Resource Health reports the hub Available throughout the window.",
                        "44 devices also logged 409002 while reconnecting; set aside as a side effect.")
                .actions("Check the network behind 203.0.113.XXX (site router, NAT, ISP) for an outage starting "
                                + "10:41 UTC.",
                        "Open the logs and compare one affected device with one that stayed connected.",
                        "If the site is up, check the devices' MQTT keep-alive (maximum useful value 1,177 s).")
                .topDevices(new TopDevice("plant-lyon-press-017", 17, List.of("404104", "409002")),
                        new TopDevice("plant-lyon-press-004", 15, List.of("404104")),
                        new TopDevice("plant-lyon-conveyor-112", 12, List.of("404104")))
                .build();
    }

    public static TriageReport platformIncident() {
        return new Draft()
                .alert(alert("Sev1", 8000, 2140))
                .verdict(Verdict.PLATFORM_INCIDENT, Confidence.HIGH)
                .headline("Azure reports IoT Hub degraded in West Europe since 10:38; 6,912 of 8,430 devices were "
                        + "disconnected across the fleet (400029, 500001).")
                .scope(new Scope(ScopeKind.FLEET, 6912, 8430, Optional.empty(), Optional.empty()))
                .errors(C400029.line(7104, 6120, 0, true, at("10:38"), at("10:49")),
                        C500001.line(2211, 1804, 3, true, at("10:39"), at("10:49")),
                        C404104.line(1930, 1650, 210, true, at("10:38"), at("10:48")))
                .noise(new NoiseSummary(4, 11, 210))
                .deviceCount(8390, 2140, at("10:43"), 3870, 8600)
                .health(new PlatformHealth("Degraded", "We're sorry, your IoT hub is degraded: we are working to "
                        + "resolve a problem in the region.", false, List.of(new HealthEvent("VL7Z-9T8",
                        "Azure IoT Hub - West Europe - Connectivity issues", "ServiceIssue", "Active",
                        Optional.of(at("10:36")), Optional.empty()))))
                .findings("Resource Health shows the hub Degraded from 10:38 (platform-initiated).",
                        "An active service issue VL7Z-9T8 covers IoT Hub in West Europe.",
                        "400029 and 500001 appeared on 6,912 devices at the same minute; their baseline is near zero.")
                .actions("Follow service issue VL7Z-9T8 in Service Health; no change on the devices is needed.",
                        "Devices reconnect on their own; watch Connected devices recover.",
                        "If the hub stays degraded beyond the SLA, open a support case quoting VL7Z-9T8.")
                .docs("https://learn.microsoft.com/azure/iot-hub/troubleshoot-error-codes"
                        + "#400029-connectionforcefullyclosedonfaultinjection")
                .build();
    }

    public static TriageReport userInitiatedChange() {
        return new Draft()
                .verdict(Verdict.USER_INITIATED_HUB_CHANGE, Confidence.HIGH)
                .headline("A manual failover made the hub unavailable from 10:33 to 10:41; 1,187 of 1,204 devices "
                        + "reconnected afterwards.")
                .scope(new Scope(ScopeKind.FLEET, 1204, 1204, Optional.empty(), Optional.empty()))
                .errors(C404012.line(2350, 1204, 0, true, at("10:33"), at("10:41")),
                        C404104.line(1210, 1180, 41, true, at("10:33"), at("10:34")))
                .deviceCount(1198, 0, at("10:35"), 1187, 1250)
                .health(new PlatformHealth("Unavailable", "Your IoT hub is unavailable because of a failover you "
                        + "started.", true, List.of()))
                .findings("Resource Health attributes the unavailability to a customer-initiated failover.",
                        "404012 IotHubFailingOver was logged for every active device between 10:33 and 10:41.")
                .actions("Confirm with the team who started the failover and whether it was planned.",
                        "Check the hub's Activity Log for the failover operation and its caller.")
                .build();
    }

    public static TriageReport authenticationFailures() {
        return new Draft()
                .alert(alert("Sev1", 900, 402))
                .verdict(Verdict.AUTHENTICATION_FAILURES, Confidence.HIGH)
                .headline("788 devices using X.509 certificates are refused with 401003 since 10:20; certificates "
                        + "probably expired. The hub is healthy.")
                .scope(new Scope(ScopeKind.SUBSET, 788, 1204, Optional.of(Dimension.AUTH_TYPE),
                        Optional.of("x509Certificate")))
                .errors(C401003.line(15320, 788, 96, true, at("10:20"), at("10:49")),
                        C404104.line(802, 788, 41, true, at("10:20"), at("10:21")),
                        C403012.line(12, 3, 12, false, at("10:25"), at("10:44")))
                .noise(new NoiseSummary(9, 0, 0))
                .deviceCount(1190, 402, at("10:31"), 410, 1250)
                .health(available())
                .findings("Every affected device authenticates with an X.509 certificate; devices using SAS keys are "
                                + "unaffected.",
                        "Each affected device retries every 30 s and is refused with 401003 on deviceConnect.",
                        "3 devices are disabled in the registry (403012); they are not the cause.")
                .actions("Check the expiry of the device certificates or of their issuing CA.",
                        "Renew the certificates and re-register thumbprints for self-signed devices.",
                        "If certificates are valid, check the devices' clocks (drift over 5 minutes is refused).")
                .docs("https://learn.microsoft.com/azure/iot-hub/troubleshoot-error-codes#401003-iothubunauthorized")
                .build();
    }

    /**
     * A user switched local authentication off at 10:19: the 792 devices that connect with SAS tokens signed with
     * the hub's shared access policies (authType hub/sas, the only tokens disableLocalAuth refuses) are refused
     * from 10:20; the devices signing with their own keys and the X.509 devices carry on. The change is the first
     * finding and the first step; a tag edit an hour earlier is listed only.
     */
    public static TriageReport changeCaused() {
        TriageReport b = new Draft()
                .alert(alert("Sev1", 900, 398))
                .verdict(Verdict.AUTHENTICATION_FAILURES, Confidence.HIGH)
                .headline("792 devices authenticating with hub/sas are refused with 401003 since 10:20 and none has "
                        + "reconnected yet; the hub is healthy.")
                .scope(new Scope(ScopeKind.SUBSET, 792, 1204, Optional.of(Dimension.AUTH_TYPE),
                        Optional.of("hub/sas")))
                .errors(C401003.line(15410, 792, 96, true, at("10:20"), at("10:49")),
                        C404104.line(806, 792, 41, true, at("10:20"), at("10:21")))
                .noise(new NoiseSummary(9, 0, 0))
                .deviceCount(1190, 398, at("10:31"), 405, 1250)
                .health(available())
                .findings("Every affected device authenticates with a SAS token signed with the hub's shared access "
                                + "policy; devices signing with their own keys or using X.509 certificates are "
                                + "unaffected.",
                        "Each affected device retries every 30 s and is refused with 401003 on deviceConnect.")
                .actions("Find out whether the shared access policy they sign with was regenerated or removed, or "
                                + "the hub's local authentication switched off, around 10:20 UTC: 792 devices "
                                + "authenticating with hub/sas are refused on reconnect.",
                        "If the keys are unchanged, check the devices' clocks (drift over 5 minutes is refused).")
                .docs("https://learn.microsoft.com/azure/iot-hub/troubleshoot-error-codes#401003-iothubunauthorized")
                .build();
        TriageReport.ChangeLine likely = new TriageReport.ChangeLine(at("10:19").plusSeconds(10), HUB.resourceId(),
                "Microsoft.Devices/IotHubs/write", "Succeeded", "maria.lopez@contoso.com",
                io.iothubtriage.evidence.CallerKind.USER, "activityLog+resourceGraph",
                "properties.disableLocalAuth false → true",
                List.of(new TriageReport.PropertyLine("properties.disableLocalAuth", Optional.of("false"),
                        Optional.of("true"))),
                io.iothubtriage.diagnosis.ChangeRelation.LIKELY_CAUSE, Optional.of(CauseFamily.AUTHENTICATION),
                Optional.of(Confidence.HIGH), Optional.of(Duration.ofSeconds(50)));
        TriageReport.ChangeLine tag = new TriageReport.ChangeLine(at("09:21"), HUB.resourceId(),
                "Microsoft.Devices/IotHubs/write", "Succeeded", "5c3f1d7e-2b4a-4e8f-9a6b-1c2d3e4f5a6b",
                io.iothubtriage.evidence.CallerKind.APPLICATION, "resourceGraph", "tags.costCenter 1001 → 1002",
                List.of(new TriageReport.PropertyLine("tags.costCenter", Optional.of("1001"), Optional.of("1002"))),
                io.iothubtriage.diagnosis.ChangeRelation.UNRELATED, Optional.empty(), Optional.empty(),
                Optional.of(Duration.ofMinutes(59)));
        List<String> findings = new ArrayList<>();
        findings.add("A change by maria.lopez@contoso.com at 10:19 UTC, less than a minute before 401003 started, "
                + "can explain these authentication errors: properties.disableLocalAuth false → true "
                + "(IotHubs/write, attribution HIGH); all 792 failing devices authenticate with SAS tokens signed "
                + "with the hub's shared access policies, which it refuses.");
        findings.addAll(b.findings());
        List<String> actions = new ArrayList<>();
        actions.add("Review or revert the change of properties.disableLocalAuth false → true by "
                + "maria.lopez@contoso.com, 10:19 UTC, less than a minute before 401003 started (to undo it: az iot "
                + "hub update --name " + HUB.name() + " --set properties.disableLocalAuth=false); confirm with its "
                + "author whether it was intended.");
        actions.addAll(b.actions());
        return new TriageReport(b.schemaVersion(), b.generatedAt(), b.hub(), b.alert(), b.window(), b.verdict(),
                b.confidence(), b.headline(), b.scope(), b.errors(), b.noise(), b.deviceCount(), b.platformHealth(),
                findings, actions, b.topDevices(), b.gaps(), b.links(), b.timeline(), List.of(tag, likely),
                Optional.empty(), TriageReport.Series.none(), Optional.empty());
    }

    public static TriageReport duplicateConnections() {
        return new Draft()
                .alert(alert("Sev3", 1200, 1196))
                .verdict(Verdict.DUPLICATE_CONNECTIONS, Confidence.MEDIUM)
                .headline("Device gateway-north-02 connects from two places and keeps replacing its own connection "
                        + "(400027, 409002); the hub is healthy.")
                .scope(new Scope(ScopeKind.SINGLE_DEVICE, 1, 1204, Optional.empty(), Optional.of("gateway-north-02")))
                .errors(C400027.line(412, 1, 2, true, at("10:15"), at("10:49")),
                        C409002.line(388, 1, 3, true, at("10:15"), at("10:49")))
                .deviceCount(1202, 1196, at("10:40"), 1201, 1250)
                .health(available())
                .findings("gateway-north-02 connected 412 times in 35 minutes from two addresses, 198.51.100.XXX and "
                        + "192.0.2.XXX.", "No other device has errors of another family.")
                .actions("Find the second client using the identity gateway-north-02 (a cloned image or a test "
                                + "rig) and give it its own identity.",
                        "Until then, disable one of the two clients to stop the reconnect loop.")
                .topDevices(new TopDevice("gateway-north-02", 800, List.of("400027", "409002")))
                .docs("https://learn.microsoft.com/azure/iot-hub/troubleshoot-error-codes"
                        + "#400027-connectionforcefullyclosedonnewconnection")
                .build();
    }

    public static TriageReport transientServiceErrors() {
        return new Draft()
                .verdict(Verdict.TRANSIENT_SERVICE_ERRORS, Confidence.MEDIUM)
                .headline("604 devices saw 500001/500008 between 10:38 and 10:42 and reconnected; Resource Health "
                        + "shows the hub Available.")
                .scope(new Scope(ScopeKind.FLEET, 604, 1204, Optional.empty(), Optional.empty()))
                .errors(C500001.line(930, 512, 4, true, at("10:38"), at("10:42")),
                        C500008.line(210, 180, 1, true, at("10:39"), at("10:42")),
                        C404104.line(640, 590, 41, true, at("10:38"), at("10:42")))
                .deviceCount(1198, 612, at("10:40"), 1190, 1250)
                .health(available())
                .findings("The errors lasted 4 minutes and 598 of the 604 devices have reconnected.",
                        "No service-health event covers IoT Hub in the region.")
                .actions("No action needed if devices stay connected; the SDKs retry these errors.",
                        "If it repeats, check Azure status and open a support case with the times above.")
                .docs("https://learn.microsoft.com/azure/iot-hub/troubleshoot-error-codes#500xxx-internal-errors")
                .build();
    }

    public static TriageReport throttlingOrQuota() {
        return new Draft()
                .alert(alert("Sev1", 900, 0))
                .verdict(Verdict.THROTTLING_OR_QUOTA, Confidence.HIGH)
                .headline("The hub's daily message quota ran out at 10:31 (403002); 1,204 devices are refused until "
                        + "the UTC day rolls over.")
                .scope(new Scope(ScopeKind.FLEET, 1204, 1204, Optional.empty(), Optional.empty()))
                .errors(C403002.line(24012, 1204, 0, true, at("10:31"), at("10:49")),
                        C429001.line(310, 95, 22, true, at("10:28"), at("10:31")))
                .deviceCount(1198, 0, at("10:32"), 0, 1250)
                .health(available())
                .findings("403002 IoTHubQuotaExceeded began at 10:31 for every device.",
                        "The quota resets at 00:00 UTC, in 13 h 28 min.")
                .actions("Add IoT Hub units (or move to a higher tier) to restore service now.",
                        "Find which devices sent the most messages today (metric dailyMessageQuotaUsed).")
                .docs("https://learn.microsoft.com/azure/iot-hub/troubleshoot-error-codes#403002-iothubquotaexceeded")
                .build();
    }

    /** Clean disconnects, run by hand (no alert): good news. */
    public static TriageReport noConnectionErrors() {
        return new Draft()
                .alert(null)
                .verdict(Verdict.NO_CONNECTION_ERRORS, Confidence.MEDIUM)
                .headline("412 devices disconnected cleanly at 10:40 without errors (planned restart or power); the "
                        + "hub is healthy.")
                .scope(new Scope(ScopeKind.NONE, 0, 1204, Optional.empty(), Optional.empty()))
                .errors()
                .noise(new NoiseSummary(31, 0, 0))
                .deviceCount(1198, 786, at("10:41"), 1101, 1250)
                .health(available())
                .findings("412 devices logged deviceDisconnect without an error code at 10:40.",
                        "31 devices renewed their SAS tokens in the window (noise).")
                .actions("Check for a planned restart, a deployment or a power cut at the sites around 10:40.")
                .docs("https://learn.microsoft.com/azure/iot-hub/iot-hub-troubleshoot-connectivity")
                .build();
    }

    public static TriageReport mixed() {
        return new Draft()
                .verdict(Verdict.MIXED, Confidence.LOW)
                .headline("Errors of three families on 230 devices, none on a majority: 404104 (98), 401003 (81), "
                        + "500001 (51).")
                .scope(new Scope(ScopeKind.FLEET, 230, 1204, Optional.empty(), Optional.empty()))
                .errors(C404104.line(420, 98, 41, true, at("10:21"), at("10:49")),
                        C401003.line(330, 81, 96, true, at("10:22"), at("10:48")),
                        C500001.line(120, 51, 4, true, at("10:30"), at("10:35")))
                .deviceCount(1198, 968, at("10:36"), 1010, 1250)
                .gaps(new Gap(Gap.RESOURCE_HEALTH, "timed out after 10 s"))
                .findings("No family covers a majority of the 230 affected devices.",
                        "The three families overlap in time, which suggests more than one problem.")
                .actions("Open the logs and look at each family's devices separately.",
                        "Start with 404104: check the sites of the 98 devices for network trouble.")
                .build();
    }

    public static TriageReport noDiagnosticLogs() {
        return new Draft()
                .verdict(Verdict.NO_DIAGNOSTIC_LOGS, Confidence.HIGH)
                .headline("The workspace holds no Connections logs for the hub in the last 24 h: diagnostic settings "
                        + "are probably off.")
                .scope(new Scope(ScopeKind.NONE, 0, 0, Optional.empty(), Optional.empty()))
                .errors()
                .deviceCount(1198, 611, at("10:44"), 640, 1250)
                .health(available())
                .findings("Log Analytics answered, but no AzureDiagnostics row of category Connections exists for "
                        + "the hub in the analysis or baseline window.")
                .actions("Add a diagnostic setting on the hub that sends the Connections category to the workspace.",
                        "Until then, check Resource Health and the devices themselves.")
                .docs("https://learn.microsoft.com/azure/iot-hub/monitor-iot-hub")
                .timeline(List.of())
                .build();
    }

    public static TriageReport insufficientEvidence() {
        return new Draft()
                .verdict(Verdict.INSUFFICIENT_EVIDENCE, Confidence.LOW)
                .headline("The connection logs could not be read (access denied); the hub is Available and connected "
                        + "devices fell 49%.")
                .scope(new Scope(ScopeKind.NONE, 0, 0, Optional.empty(), Optional.empty()))
                .errors()
                .deviceCount(1198, 611, at("10:44"), 640, 1250)
                .health(available())
                .gaps(new Gap(Gap.CONNECTION_LOGS, "Log Analytics answered 403 InsufficientAccessError"))
                .findings("Without the connection logs the cause cannot be told apart.")
                .actions("Grant the app's identity Log Analytics Reader on the workspace, then rerun the triage.",
                        "Meanwhile, open the logs yourself.")
                .timeline(List.of())
                .build();
    }

    /**
     * 100,000 devices, 40 distinct codes, long texts everywhere, several gaps and health events: the size
     * budget's worst realistic case.
     */
    public static TriageReport hugeFleet() {
        List<ErrorLine> errors = new ArrayList<>();
        for (int i = 0; i < TriageReport.MAX_ERRORS; i++) {
            String code = String.valueOf(500100 + i);
            errors.add(new ErrorLine(code, "SyntheticServiceFault" + i + "WithAVeryLongNameThatGoesOnAndOn",
                    CauseFamily.SERVICE_TRANSIENT, 100_000L - i * 1000, 99_000 - i * 2000, OptionalLong.of(10_000L + i), i % 2 == 0,
                    Optional.of(at("10:16")), Optional.of(at("10:49")),
                    "Ünïcödé meaning 𝔘 of code " + code + ": " + "transient fault on hub nodes, retried by the SDKs; "
                            .repeat(12), "https://learn.microsoft.com/azure/iot-hub/troubleshoot-error-codes#" + code));
        }
        List<String> findings = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            findings.add("Finding " + i + ": " + "devices in region " + i + " show correlated failures; ".repeat(40));
            actions.add("Step " + i + ": " + "check the gateway fleet and the device SDK retry policy; ".repeat(40));
        }
        List<TopDevice> top = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            top.add(new TopDevice(("device-" + i + "-").repeat(12), 5000 - i, List.of("500100", "500101", "500102",
                    "500103", "500104")));
        }
        List<HealthEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(new HealthEvent("EVT-" + i, "Azure IoT Hub - West Europe - degraded connectivity " + i,
                    "ServiceIssue", "Active", Optional.of(at("10:10")), Optional.empty()));
        }
        return new Draft()
                .alert(alert("Sev0", 95_000, 1_204))
                .verdict(Verdict.TRANSIENT_SERVICE_ERRORS, Confidence.LOW)
                .headline("99,000 of 100,000 devices saw 40 distinct service errors; " + "details follow. ".repeat(30))
                .scope(new Scope(ScopeKind.FLEET, 99_000, 100_000, Optional.empty(), Optional.empty()))
                .errors(errors.toArray(ErrorLine[]::new))
                .noise(new NoiseSummary(1_500, 300, 20_000))
                .deviceCount(99_800, 1_204, at("10:44"), 3_400, 100_000)
                .health(new PlatformHealth("Degraded", "Summary ".repeat(200), false, events))
                .gaps(new Gap(Gap.METRICS, "timed out after 10 s ".repeat(20)),
                        new Gap(Gap.RESOURCE_HEALTH, "events list truncated after 10 pages"))
                .findings(findings.toArray(String[]::new))
                .actions(actions.toArray(String[]::new))
                .topDevices(top.toArray(TopDevice[]::new))
                .build();
    }

    /** Texts and links far beyond anything real (a 12,000-character headline, 40 KB links): rendering must cope. */
    public static TriageReport oversizedTexts() {
        String longLink = "https://portal.azure.com/#view/" + "x".repeat(40_000);
        return new Draft()
                .alert(alert("Sev2", 900, 611))
                .verdict(Verdict.MIXED, Confidence.LOW)
                .headline("H".repeat(12_000))
                .scope(new Scope(ScopeKind.SINGLE_DEVICE, 1, 1, Optional.empty(), Optional.of("d".repeat(5_000))))
                .errors(new ErrorLine("999999", "N".repeat(5_000), CauseFamily.OTHER, 1, 1, OptionalLong.of(0), true,
                        Optional.empty(), Optional.empty(), "", ""))
                .findings("F".repeat(20_000))
                .actions("A".repeat(20_000))
                .gaps(new Gap(Gap.METRICS, "G".repeat(20_000)))
                .topDevices(new TopDevice("t".repeat(5_000), 1, List.of("999999")))
                .links(new Links(longLink, longLink, longLink, longLink))
                .build();
    }

    /** The alert of {@link #networkSubset()} after it resolved 42 minutes later, with 1,190 devices connected. */
    public static AlertIdentity resolvedAlert() {
        AlertIdentity fired = alert("Sev2", 900, 1190);
        return new AlertIdentity(fired.alertId(), fired.rule(), fired.severity(), MonitorCondition.RESOLVED,
                fired.firedAt(), Optional.of(FIRED.plus(Duration.ofMinutes(42))), fired.signalType(),
                fired.monitoringService(), fired.metric(), fired.description());
    }

    public static AlertIdentity alert(String severity, double threshold, double value) {
        return new AlertIdentity(
                "/subscriptions/8f0c1d2e-3b4a-4c5d-9e6f-0a1b2c3d4e5f/providers/Microsoft.AlertsManagement/alerts/"
                        + "6c2f5b1e-8d4a-4f0b-9a3e-2b7c1d0e9f84",
                "contoso-hub-prod connected devices low", severity, MonitorCondition.FIRED, FIRED, Optional.empty(),
                "Metric", "Platform",
                Optional.of(new MetricCondition("connectedDeviceCount", "LessThan", "Minimum",
                        OptionalDouble.of(threshold), OptionalDouble.of(value))),
                "Connected devices fell below the expected floor");
    }

    static PlatformHealth available() {
        return new PlatformHealth("Available", "There aren't any known Azure platform problems affecting this "
                + "resource.", false, List.of());
    }

    /** Portal links as the diagnosis builds them: the logs link carries the triage's KQL, gzip + base64. */
    public static Links links(HubId hub, TimeWindow window, String docs) {
        String kql = "AzureDiagnostics\n| where TimeGenerated between (datetime(" + window.start() + ") .. datetime("
                + window.end() + "))\n| where ResourceProvider == \"MICROSOFT.DEVICES\" and ResourceType == \"IOTHUBS\""
                + "\n| where Category == \"Connections\" and _ResourceId =~ \"" + hub.resourceId() + "\"\n"
                + "| extend p = parse_json(properties_s)\n| extend DeviceId = tostring(p.deviceId), "
                + "MaskedIp = tostring(p.maskedIpAddress), Protocol = tostring(p.protocol)\n"
                + "| summarize Events = count(), Devices = dcount(DeviceId) by ResultType, ResultDescription, "
                + "OperationName, bin(TimeGenerated, 1m)\n| order by TimeGenerated asc";
        String encodedId = URLEncoder.encode(hub.resourceId(), StandardCharsets.UTF_8);
        String span = URLEncoder.encode(window.start() + "/" + window.end(), StandardCharsets.UTF_8);
        String logs = "https://portal.azure.com/#@contoso.onmicrosoft.com/blade/Microsoft_OperationsManagementSuite_"
                + "Workspace/Logs.ReactView/resourceId/" + encodedId + "/source/LogsBlade.AnalyticsShareLinkToQuery/q/"
                + URLEncoder.encode(gzipBase64(kql), StandardCharsets.UTF_8) + "/timespan/" + span;
        return new Links(logs, PORTAL + hub.resourceId() + "/overview", PORTAL + hub.resourceId()
                + "/resourceHealth", docs);
    }

    private static String gzipBase64(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    static List<MinuteBucket> timeline(TimeWindow w) {
        List<MinuteBucket> out = new ArrayList<>();
        int i = 0;
        for (Instant m = w.start(); m.isBefore(w.end()); m = m.plus(Duration.ofMinutes(1)), i++) {
            boolean drop = i >= 26 && i <= 29;
            out.add(new MinuteBucket(m, drop ? 40 : 12, drop ? 160 : 11, drop ? 420 : 3));
        }
        return out;
    }

    /** A mutable draft of a report with realistic defaults, so each fixture states only what is special. */
    static final class Draft {
        private Optional<AlertIdentity> alert = Optional.of(ReportFixtures.alert("Sev2", 900, 611));
        private Verdict verdict = Verdict.MIXED;
        private Confidence confidence = Confidence.MEDIUM;
        private String headline = "";
        private Scope scope = new Scope(ScopeKind.NONE, 0, 0, Optional.empty(), Optional.empty());
        private List<ErrorLine> errors = List.of();
        private NoiseSummary noise = new NoiseSummary(0, 0, 0);
        private Optional<DeviceCount> deviceCount = Optional.empty();
        private Optional<PlatformHealth> health = Optional.empty();
        private List<String> findings = List.of();
        private List<String> actions = List.of();
        private List<TopDevice> topDevices = List.of();
        private List<Gap> gaps = List.of();
        private String docs = "https://learn.microsoft.com/azure/iot-hub/troubleshoot-error-codes"
                + "#404104-deviceconnectionclosedremotely";
        private Links links;
        private List<MinuteBucket> timeline = ReportFixtures.timeline(WINDOW);

        Draft alert(AlertIdentity a) {
            this.alert = Optional.ofNullable(a);
            return this;
        }

        Draft verdict(Verdict v, Confidence c) {
            this.verdict = v;
            this.confidence = c;
            return this;
        }

        Draft headline(String h) {
            this.headline = h;
            return this;
        }

        Draft scope(Scope s) {
            this.scope = s;
            return this;
        }

        Draft errors(ErrorLine... e) {
            this.errors = List.of(e);
            return this;
        }

        Draft noise(NoiseSummary n) {
            this.noise = n;
            return this;
        }

        Draft deviceCount(double before, double min, Instant minAt, double now, double registered) {
            this.deviceCount = Optional.of(new DeviceCount(OptionalDouble.of(before), OptionalDouble.of(min),
                    Optional.of(minAt), OptionalDouble.of(now), OptionalDouble.of(registered)));
            return this;
        }

        Draft health(PlatformHealth h) {
            this.health = Optional.of(h);
            return this;
        }

        Draft findings(String... f) {
            this.findings = List.of(f);
            return this;
        }

        Draft actions(String... a) {
            this.actions = List.of(a);
            return this;
        }

        Draft topDevices(TopDevice... d) {
            this.topDevices = List.of(d);
            return this;
        }

        Draft gaps(Gap... g) {
            this.gaps = List.of(g);
            return this;
        }

        Draft docs(String d) {
            this.docs = d;
            return this;
        }

        Draft links(Links l) {
            this.links = l;
            return this;
        }

        Draft timeline(List<MinuteBucket> t) {
            this.timeline = t;
            return this;
        }

        TriageReport build() {
            return new TriageReport(TriageReport.SCHEMA_VERSION, GENERATED, new TriageReport.Hub(HUB), alert, WINDOW,
                    verdict, confidence, headline, scope, errors, noise, deviceCount, health, findings, actions,
                    topDevices, gaps, links != null ? links : ReportFixtures.links(HUB, WINDOW, docs), timeline,
                    List.of(), Optional.empty(), TriageReport.Series.none(), Optional.empty());
        }
    }
}
