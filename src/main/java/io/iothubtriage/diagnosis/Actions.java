package io.iothubtriage.diagnosis;

import io.iothubtriage.alert.MetricCondition;
import io.iothubtriage.diagnosis.HealthView.Spell;
import io.iothubtriage.diagnosis.VerdictRules.PlatformBasis;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.Coverage;
import io.iothubtriage.evidence.ConnectionEvidence.CodeStats;
import io.iothubtriage.evidence.ConnectionEvidence.DeviceStats;
import io.iothubtriage.evidence.ConnectionEvidence.FamilyStats;
import io.iothubtriage.evidence.Dimension;
import io.iothubtriage.evidence.ConnectionEvidence.DimensionBreakdown;
import io.iothubtriage.evidence.ConnectionEvidence.ValueCount;
import io.iothubtriage.evidence.Gap;
import io.iothubtriage.evidence.HubHealthEvidence.AvailabilityStatus;
import io.iothubtriage.evidence.HubHealthEvidence.ServiceHealthEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.iothubtriage.diagnosis.Clauses.aroundOnset;
import static io.iothubtriage.diagnosis.Clauses.at;
import static io.iothubtriage.diagnosis.Clauses.codeList;
import static io.iothubtriage.diagnosis.Clauses.codesTagOf;
import static io.iothubtriage.diagnosis.Clauses.metricClause;
import static io.iothubtriage.diagnosis.Clauses.onsetOr;
import static io.iothubtriage.diagnosis.Clauses.range;
import static io.iothubtriage.diagnosis.Clauses.region;
import static io.iothubtriage.diagnosis.ReportFormat.count;
import static io.iothubtriage.diagnosis.ReportFormat.devices;
import static io.iothubtriage.diagnosis.ReportFormat.percent;
import static io.iothubtriage.diagnosis.ReportFormat.time;
import static io.iothubtriage.diagnosis.Wording.familyWords;
import static io.iothubtriage.diagnosis.Wording.shortSdk;
import static io.iothubtriage.diagnosis.Wording.shorten;

/** Next steps per verdict, naming the site, protocol, SDK, device, code and blade to open. */
final class Actions {
    private final Analysis a;

    Actions(Analysis a) {
        this.a = a;
    }

    List<String> list() {
        List<String> out = new ArrayList<>(switch (a.decision.verdict()) {
            case DEVICE_NETWORK_OR_KEEPALIVE -> networkActions();
            case AUTHENTICATION_FAILURES -> authActions();
            case DUPLICATE_CONNECTIONS -> duplicateActions();
            case TRANSIENT_SERVICE_ERRORS -> transientActions();
            case THROTTLING_OR_QUOTA -> throttlingActions();
            case PLATFORM_INCIDENT -> platformActions();
            case USER_INITIATED_HUB_CHANGE -> userChangeActions();
            case NO_CONNECTION_ERRORS -> cleanActions();
            case MIXED -> mixedActions();
            case NO_DIAGNOSTIC_LOGS -> noLogsActions();
            case INSUFFICIENT_EVIDENCE -> insufficientActions();
        });
        // ifs rather than Optional lambdas on the way of the demo's verdict (list, networkActions, resolution): a
        // report is made once per cold CLI run, where each lambda call site costs a bootstrap on its first call
        Optional<String> lead = new ChangeNarrative(a).leadAction();
        if (lead.isPresent()) {
            out.add(0, lead.get());
        }
        return out.size() > Narrative.MAX_ACTIONS ? out.subList(0, Narrative.MAX_ACTIONS) : out;
    }

    private List<String> networkActions() {
        List<String> out = new ArrayList<>();
        TriageReport.Scope s = a.scope;
        // what became of the devices, true of the rows (still offline, flapping with its period, reconnected)
        String offline = a.recoveryClause(false).substring(" and ".length());
        switch (s.kind()) {
            case SINGLE_DEVICE -> out.add("Check device " + s.value().orElse("(see top devices)") + ": power, network "
                    + "link and application logs " + aroundOnset(a) + "; "
                    + "it" + a.recoveryClause(true).substring(" and".length()) + ".");
            case SUBSET -> {
                String v = s.value().get();
                // the devices on the value, counted as such: the others affected are not "its devices"
                int on = a.onScopeValue();
                boolean all = on >= s.affectedDevices();
                // what became of them is counted over every affected device: say so when some are elsewhere
                String outcome = all ? offline : "of all " + count(s.affectedDevices()) + " affected, " + offline;
                out.add(switch (s.dimension().get()) {
                    case MASKED_IP_ADDRESS -> "Check the network at the site behind " + v + " (ISP link, firewall, NAT "
                            + "or proxy): " + count(on) + " of its devices dropped" + (a.onset.isPresent() ? at(a) : " together")
                            + " and " + outcome + "; they need outbound " + outboundPorts() + ".";
                    case PROTOCOL -> "Check what carries " + v + " traffic: a firewall or proxy change blocking port "
                            + port(v) + " would cut exactly these " + count(on) + " devices; " + outcome + ".";
                    case SDK_VERSION -> "The " + count(on) + " devices running " + shortSdk(v)
                            + " dropped together: look for keep-alive or reconnect issues in that SDK version and "
                            + "upgrade it; " + outcome + ".";
                    case AUTH_TYPE -> (all ? "All " + count(on) : count(on) + " of the " + count(s.affectedDevices()))
                            + " authenticate with " + v + ": look for "
                            + "what else they share (a gateway, a TLS-inspecting proxy); " + outcome + ".";
                });
            }
            default -> out.add("Devices on many networks dropped" + (a.onset.isPresent() ? at(a) : " at once")
                    + ": check what they all share "
                    + "(DNS, an outbound proxy or firewall, a TLS-inspecting appliance) and Azure status for the hub's "
                    + "region" + a.health.region().map(r -> " (" + r + ")").orElse("") + "; " + offline + ".");
        }
        // the keep-alive to compare is the one of the protocol the devices use: AMQP devices have no MQTT keep-alive
        out.add(KeepAliveAdvice.of(ScopeFinder.merge(a.causeStats, Dimension.PROTOCOL), a.affected())
                .step(a.affected()));
        Optional<String> resolution = resolution();
        if (resolution.isPresent()) {
            out.add(resolution.get());
        }
        out.add(logsAction());
        return out;
    }

    private List<String> authActions() {
        List<String> out = new ArrayList<>();
        TriageReport.Scope s = a.scope;
        int disabled = a.codesOf(CauseFamily.AUTHENTICATION).stream().filter(c -> c.code().equals("403012"))
                .mapToInt(CodeStats::devices).sum();
        if (disabled > 0) {
            out.add(devices(disabled) + (disabled == 1 ? " is" : " are") + " disabled in the registry (403012): "
                    + "enable those that should be online, e.g. az iot hub device-identity update --hub-name "
                    + a.hubName() + " --device-id <id> --set status=enabled.");
        }
        if (s.kind() == ScopeKind.SINGLE_DEVICE) {
            String id = s.value().orElse("<device-id>");
            out.add("Inspect device " + id + ": az iot hub device-identity show --hub-name " + a.hubName()
                    + " --device-id " + id + " shows its status, auth type and thumbprints; check its clock too.");
        }
        Optional<String> authType = dominantValue(Dimension.AUTH_TYPE);
        AuthMethod method = authType.map(AuthMethod::of).orElse(AuthMethod.UNKNOWN);
        // a code the catalog does not know whose logged name points at certificates: the token and key
        // advice of the family would be false of it, whatever credential the devices log
        Optional<UncataloguedCode> odd = a.causeCodes.isEmpty() ? Optional.empty()
                : UncataloguedCode.of(a.causeCodes.get(0));
        boolean certificateName = odd.isPresent() && odd.get().hint().certificates();
        if (certificateName) {
            out.add(certificateChainStep(odd.get(), authType, method));
        } else if (method == AuthMethod.X509) {
            out.add("Check the X.509 certificates of the " + devices(devicesWith(Dimension.AUTH_TYPE, authType.get()))
                    + " authenticating with " + authType.get() + ": expiry, registered thumbprint or CA certificate,"
                    + " and the chain of any re-issued certificate.");
        } else if (method != AuthMethod.UNKNOWN) {
            // The token's scope says which key signs it, and so which change could refuse it (see AuthMethod).
            String what = switch (method) {
                case HUB_SAS -> "the shared access policy they sign with was regenerated or removed, or the hub's "
                        + "local authentication switched off,";
                case DEVICE_SAS -> "their device keys were regenerated, or the hub's device SAS switched off,";
                case MODULE_SAS -> "their module keys were regenerated, or the hub's module SAS switched off,";
                default -> "a device key or shared access policy was regenerated";
            };
            out.add("Find out whether " + what + " " + aroundOnset(a)
                    + ": " + devices(devicesWith(Dimension.AUTH_TYPE, authType.get())) + " authenticating with " + authType.get()
                    + refusedNow() + ".");
        }
        if (certificateName || method == AuthMethod.X509) {
            // certificates, not tokens: "clock drift invalidates tokens" is not true of devices that sign with none
            out.addAll(certificateScopeSteps(s));
        } else if (s.kind() == ScopeKind.SUBSET && s.dimension().get() == Dimension.MASKED_IP_ADDRESS) {
            out.add("The failing devices sit behind " + s.value().get() + ": check that site's time source (clocks "
                    + "more than 5 minutes off invalidate tokens) and any TLS-inspecting proxy there.");
        } else if (s.kind() == ScopeKind.SUBSET && s.dimension().get() == Dimension.SDK_VERSION) {
            out.add("The failing devices run " + shortSdk(s.value().get()) + ": check how that SDK version renews "
                    + "tokens or presents certificates, and upgrade it.");
        } else if (s.kind() != ScopeKind.SINGLE_DEVICE) {
            out.add("Check the devices' clocks (more than 5 minutes of drift invalidates tokens) and whether their "
                    + "keys or certificates changed " + aroundOnset(a) + ".");
        }
        Optional<String> catalog = resolution();
        // the catalog's words for a code may be about keys and tokens only: not true of devices that sign with a
        // certificate, whose steps are above
        // ...unless some of them sign with keys: then the catalog's words are theirs
        boolean allCertificates = certificateName || (method == AuthMethod.X509
                && devicesWith(Dimension.AUTH_TYPE, authType.get()) >= a.affected());
        if (catalog.isPresent() && !(allCertificates && speaksOfKeysOnly(catalog.get()))) {
            out.add(catalog.get());
        }
        out.add(logsAction());
        return out;
    }

    /** A resolution about SAS keys, policies or tokens that says nothing of certificates. */
    static boolean speaksOfKeysOnly(String resolution) {
        String r = resolution.toLowerCase(Locale.ROOT);
        return !r.contains("certificate") && (r.contains("token") || r.contains("shared access") || r.contains(" key"));
    }

    /**
     * "401099 IotHubCertificateChainUntrusted is not in the error catalog, and its logged name points at a certificate
     * chain: …": the step for a code whose logged name says the devices' certificates, not their tokens, are refused.
     */
    private String certificateChainStep(UncataloguedCode odd, Optional<String> authType, AuthMethod method) {
        String head = odd.label() + " is not in the error catalog, and its logged name points at " + odd.pointsAt()
                + ": ";
        if (method == AuthMethod.X509) {
            return head + "check the chain the " + devices(a.affected()) + " authenticating with " + authType.get()
                    + " present (their certificates, any intermediate certificate, and the CA certificate registered "
                    + "and verified on the hub), and any TLS-inspecting proxy between them and the hub.";
        }
        String logged = authType.isPresent()
                ? "the logs show the " + devices(a.affected()) + " authenticating with " + authType.get()
                : "the logs do not show how the " + devices(a.affected()) + " authenticate";
        return head + logged + ", so check both the X.509 chain any of them presents (and the CA certificate "
                + "registered and verified on the hub) and any TLS-inspecting proxy or gateway between them and the "
                + "hub, which replaces the certificates on the way.";
    }

    /** Where to look for a certificate problem of the scope's devices: their site, their SDK, or what they share. */
    private List<String> certificateScopeSteps(TriageReport.Scope s) {
        if (s.kind() == ScopeKind.SUBSET && s.dimension().get() == Dimension.MASKED_IP_ADDRESS) {
            return List.of("The failing devices sit behind " + s.value().get() + ": look there first for a "
                    + "TLS-inspecting proxy or a changed gateway, and check the site's time source (a certificate "
                    + "is valid only between its dates).");
        }
        if (s.kind() == ScopeKind.SUBSET && s.dimension().get() == Dimension.SDK_VERSION) {
            return List.of("The failing devices run " + shortSdk(s.value().get()) + ": check how that SDK version "
                    + "presents its certificate chain and which CA certificates it trusts, and upgrade it.");
        }
        if (s.kind() == ScopeKind.SINGLE_DEVICE) {
            return List.of();
        }
        return List.of("Check whether the devices' certificates or the CA certificates registered on the hub changed "
                + aroundOnset(a) + ", and the devices' clocks (a certificate is valid only "
                + "between its dates).");
    }

    private List<String> duplicateActions() {
        List<String> out = new ArrayList<>();
        List<String> ids = topDeviceIds(CauseFamily.DUPLICATE_CONNECTION, 3);
        int once = a.singleTakeovers();
        if (once > 0) {
            out.add("Check whether the network of these " + count(once) + " devices changed " + aroundOnset(a)
                    + " (a failover, a new address or NAT): each was taken over once and not again, which is what a"
                    + " device that reconnects before the hub has dropped its old link looks like; a second client"
                    + " with the same identity would keep taking over. If it did change, nothing else needs doing.");
        }
        out.add((once > 0 ? "Otherwise, find" : "Find") + " the second client using the same identity"
                + (ids.isEmpty() ? "" : ": " + String.join(", ", ids) + " logged the most 409002/400027")
                + "; every process or device needs its own device identity.");
        out.add("Check what changed " + aroundOnset(a) + ": a deployment that started a second instance of "
                + "the device app, a cloned image carrying the same connection string, or a restart loop.");
        resolution().ifPresent(out::add);
        out.add(logsAction());
        return out;
    }

    private List<String> transientActions() {
        List<String> out = new ArrayList<>();
        if (!a.health.known()) {
            out.add("Open the hub's Resource Health (link below) before treating these errors as transient: "
                    + (a.health.present() ? "it reports Unknown." : a.healthMissingAsClause() + "."));
        }
        String codes = codeList(a.causeCodes, 3);
        out.add("Let the SDKs retry with back-off: " + devices(a.affected()) + " hit " + codes + " from "
                + onsetOr(a, "the drop") + recovery().map(r -> "; " + r).orElse("") + ".");
        out.add("If the errors last beyond about 15 minutes, check Azure status for "
                + a.health.region().orElse("the hub's region") + ", consider a manual failover, and open a support "
                + "case quoting hub " + a.hubName() + ", " + onsetOr(a, range(a)) + " and codes " + codes + ".");
        out.add(logsAction());
        return out;
    }

    private List<String> throttlingActions() {
        List<String> out = new ArrayList<>();
        List<CodeStats> codes = a.codesOf(CauseFamily.THROTTLING_OR_QUOTA);
        boolean quota = codes.stream().anyMatch(c -> c.code().equals("403002"));
        boolean throttled = codes.stream().anyMatch(c -> c.code().startsWith("429"));
        if (quota) {
            out.add("The daily message quota is used up (403002): check the 'Total number of messages used' metric, "
                    + "then add units or wait for the reset at 00:00 UTC.");
        }
        if (throttled) {
            // the devices of the throttling codes, not every affected device (some may only hit the quota)
            List<CodeStats> throttling = codes.stream().filter(c -> c.code().startsWith("429")).toList();
            String list = throttling.stream().limit(3).map(CodeStats::code).collect(Collectors.joining(", "));
            int n = Math.min(a.affected(), throttling.stream().mapToInt(CodeStats::devices).max().orElse(0));
            out.add("Check 'Number of throttling errors' and 'Telemetry message send attempts' for " + range(a)
                    + " against the tier's limits: " + (n >= a.affected() || throttling.size() == 1 ? devices(n)
                    : "at least " + devices(n)) + (n == 1 ? " was" : " were") + " throttled (" + list + ").");
        }
        if (throttled && !Headline.quotaOnly(codes)) {
            // a used-up quota refuses every device until it resets, however their reconnects are spread
            out.add("Spread reconnects with exponential back-off and jitter: " + devices(a.affected())
                    + " reconnecting at once keep the hub throttling them.");
        }
        resolution().ifPresent(out::add);
        out.add(logsAction());
        return out;
    }

    private List<String> platformActions() {
        List<String> out = new ArrayList<>();
        PlatformBasis basis = a.decision.platformBasis().orElseThrow();
        switch (basis) {
            case RESOURCE_HEALTH -> {
                AvailabilityStatus st = a.health.platformOutage().get().status();
                out.add("Follow the outage in the hub's Resource Health (link below)"
                        + (st.title().isBlank() ? "" : ": “" + shorten(st.title(), 80) + "”")
                        + "; devices with an SDK retry policy reconnect on their own, so do not restart them en masse.");
            }
            case SERVICE_HEALTH -> {
                ServiceHealthEvent e = a.health.incidents().get(0);
                out.add("Follow Azure Service Health event " + (e.id().isBlank() ? "" : e.id() + " ") + "(“"
                        + shorten(e.title(), 80) + "”) for IoT Hub" + region(a, e).map(r -> " in " + r).orElse("")
                        + "; devices with an SDK retry policy reconnect on their own.");
            }
            case PLATFORM_CODES -> out.add("The platform closed connections during an upgrade or failover ("
                    + codeList(a.causeCodes, 3)
                    + "): retries succeed at once, so devices that stay offline have a retry problem; check their SDK "
                    + "version and retry policy.");
        }
        recovery().ifPresent(r -> out.add("Watch the devices come back: " + r + "."));
        List<String> ids = topDeviceIds(null, 3);
        if (a.stillOffline > 0 && !ids.isEmpty()) {
            out.add(devices(a.stillOffline) + (a.stillOffline == 1 ? " was" : " were") + " still offline at the last "
                    + "log row; start with " + String.join(", ", ids) + " if they do not return.");
        }
        String quote = basis == PlatformBasis.SERVICE_HEALTH && !a.health.incidents().get(0).id().isBlank()
                ? "event " + a.health.incidents().get(0).id() : "hub " + a.hubName() + " and " + onsetOr(a, range(a));
        out.add("If the hub stays impaired, consider a manual failover and open a support case quoting " + quote + ".");
        out.add(logsAction());
        return out;
    }

    private List<String> userChangeActions() {
        List<String> out = new ArrayList<>();
        Spell s = a.health.userOutage().get();
        out.add("Find who changed the hub" + s.from().map(f -> " at " + time(f)).orElse("") + ": the hub's Activity log "
                + "shows failovers, scale and tier changes and who started them"
                + (s.status().title().isBlank() ? "" : " (Resource Health: “" + shorten(s.status().title(), 80) + "”)") + ".");
        List<String> ids = topDeviceIds(null, 3);
        if (a.stillOffline > 0) {
            out.add("Devices reconnect once the change completes: " + count(a.stillOffline)
                    + " " + a.age.stillOffline(a.stillOffline == 1, a.dataEnd())
                    + (ids.isEmpty() ? "" : "; look at " + String.join(", ", ids) + " if they do not return") + ".");
        } else {
            out.add("Devices reconnect once the change completes" + recovery().map(r -> ": " + r + ".").orElse("."));
        }
        out.add(logsAction());
        return out;
    }

    /**
     * The first step for a dip within routine churn ({@link Clauses#routineChurn}): the alert fired on devices coming
     * and going at their own times, so its threshold or evaluation window is what to change.
     */
    private String churnAction() {
        Optional<MetricCondition> metric = a.request.alert().isPresent() ? a.request.alert().get().metric()
                : Optional.empty();
        String threshold = metric.isPresent() && metric.get().threshold().isPresent()
                ? " (" + metric.get().name() + " " + metric.get().operator() + " "
                + count(metric.get().threshold().getAsDouble()) + ")" : "";
        // "its clean disconnects came at their own times" only when there were some: a dip with none is churn too
        boolean clean = a.connections.isPresent() && a.connections.get().cleanDisconnectDevices() > 0;
        return (clean ? "The dip is routine churn: its clean disconnects came at their own times across the window, not"
                + " together." : "The dip is routine churn: devices come and go all day, and no group of them left"
                + " together in the window.")
                + " If this alert fires on such dips, set its threshold" + threshold + " further below the hub's usual"
                + " count or give it a longer evaluation window.";
    }

    private List<String> cleanActions() {
        List<String> out = new ArrayList<>();
        ConnectionEvidence c = a.connections.orElseThrow();
        // a dip within routine churn: nothing shut down, so no owners to ask; the alert's threshold is the question
        boolean churn = c.analysisRows() > 0 && Clauses.routineChurn(a);
        if (c.analysisRows() == 0) {
            out.add("Rerun the triage in 10 to 15 minutes: resource logs can land late, and " + range(a)
                    + " has no Connections rows yet.");
        } else {
            // the devices the headline counts, by the same rule (a disconnect without an error) and at their own
            // times: not every device that disconnected, whose errors may be noise or at the edge of the data
            int clean = c.cleanDisconnectDevices();
            if (churn) {
                out.add(churnAction());
            } else if (Clauses.fellBeforeWindow(a)) {
                java.time.Instant lowest = a.deviceCount.get().minAt().get();
                java.time.Instant from = lowest.minus(java.time.Duration.ofMinutes(30));
                out.add("Rerun the triage with a window that starts before the fall (connected devices were at their"
                        + " lowest at " + ReportFormat.timeOnDayOf(lowest, a.request.window().start()) + ", before this"
                        + " window; from " + ReportFormat.timeOnDayOf(from, a.request.window().start())
                        + ", say): its rows will show what took them.");
            } else if (clean > 0) {
                String when = Clauses.cleanDisconnectTime(a);
                out.add((clean == 1 ? "Ask the owner of the device" : "Ask the owners of the " + devices(clean))
                        + " that disconnected cleanly" + when
                        + (when.contains(",") ? "," : "") + " whether " + (clean == 1 ? "it was" : "they were")
                        + " shut down, lost power or " + (clean == 1 ? "was" : "were") + " restarted (maintenance, "
                        + "a deployment, a site power cut).");
            }
            if (a.edgeOfData() > 0) {
                // from files, time alone brings no new rows: the export must be taken again, reaching past the edge
                String edge = (a.fromFiles() ? "Export the hub's Connections rows again, to a few minutes past the"
                        + " data's end, and rerun the triage: " : "Rerun the triage in a few minutes: ")
                        + devices(a.edgeOfData()) + " logged errors only "
                        + "in the last 2 minutes of the data" + c.lastRowTime().map(t -> " (to " + time(t) + ")")
                        .orElse("") + ", too recent to tell whether they come back or are the start of a drop.";
                out.add(a.edgeCouldExplainDrop() ? 0 : out.size(), edge);
            }
        }
        a.deviceCount.filter(d -> d.min().isPresent()).ifPresent(d -> out.add("Watch connected devices: "
                + count(d.min().getAsDouble()) + " at the lowest"
                + (d.now().isPresent() ? ", " + a.age.metricNow(count(d.now().getAsDouble()), d.nowAt()) : "")
                + (churn ? "." : "; if they come back on their own, the drop was planned or local.")));
        if (!churn) {
            a.request.alert().flatMap(x -> x.metric()).filter(m -> m.threshold().isPresent()).ifPresent(m ->
                    out.add("If planned restarts trip this alert, review its threshold (" + m.name() + " "
                            + m.operator() + " " + count(m.threshold().getAsDouble())
                            + ") or add a longer evaluation window."));
        }
        if (a.allAffected() > 0) {
            out.add("Look at the " + devices(a.allAffected()) + " that did log errors ("
                    + codeList(a.codes, 2)
                    + ") in the logs link; they are too few to explain the drop.");
        }
        out.add(logsAction());
        return out;
    }

    private List<String> mixedActions() {
        List<String> out = new ArrayList<>();
        int all = a.allAffected();
        Optional<ErrorCode> resolved = Optional.empty();
        for (FamilyStats f : a.allFamilies().stream().limit(2).toList()) {
            String group = "Group of " + count(f.devices()) + " (" + percent((double) f.devices() / all) + ") with ";
            // codes outside the cause families have no family advice: the catalog's resolution of the group's
            // main code, when it knows one, is the step
            Optional<ErrorCode> known = f.family() == CauseFamily.OTHER
                    ? a.codesOf(CauseFamily.OTHER).stream().findFirst().flatMap(c -> ErrorCatalog.lookup(c.code()))
                    .filter(e -> !e.resolution().isBlank())
                    : Optional.empty();
            Optional<UncataloguedCode> unknown = f.family() == CauseFamily.OTHER
                    ? a.codesOf(CauseFamily.OTHER).stream().findFirst().flatMap(UncataloguedCode::of)
                    : Optional.empty();
            if (known.isPresent()) {
                resolved = known;
                out.add(group + known.get().label() + ": " + Headline.sentenceClause(known.get().resolution()) + ".");
            } else if (unknown.isPresent()) {
                // the errors table has no meaning for a code the catalog does not know: say so, and where to look
                out.add(group + unknown.get().label() + ", a code the error catalog does not know: look it up in "
                        + "IoT Hub's error-code reference and read its rows in the logs link.");
            } else {
                out.add(group + familyWords(f.family()) + " errors" + codesTagOf(a, f.family()) + ": "
                        + advice(f) + ".");
            }
        }
        out.add("Open the logs link and compare the groups' addresses and SDK versions: causes that share a site or "
                + "version usually have one root.");
        Optional<ErrorCode> main = a.mainCode().flatMap(c -> ErrorCatalog.lookup(c.code()))
                .filter(e -> !e.resolution().isBlank());
        if (main.isPresent() && !main.equals(resolved)) {
            out.add(main.get().label() + ": " + main.get().resolution());
        }
        return out;
    }

    private List<String> noLogsActions() {
        List<String> out = new ArrayList<>();
        out.add("Send the hub's Connections logs to Log Analytics: portal → " + a.hubName() + " → Monitoring → "
                + "Diagnostic settings → add the Connections category, or az monitor diagnostic-settings create "
                + "--name connections-to-logs --resource " + a.hubName() + " --resource-group "
                + a.request.hub().resourceGroup() + " --resource-type Microsoft.Devices/IotHubs --subscription "
                + a.request.hub().subscriptionId() + " --workspace <workspace resource id> "
                + "--logs '[{\"category\":\"Connections\",\"enabled\":true}]'.");
        out.add("Meanwhile, check the hub's Resource Health (link below) and its Connected devices metric"
                + metricClause(a, ": ") + ".");
        out.add("Rerun the triage once logs flow; events before the setting existed are never logged, so this drop "
                + "can only be explained from health and metrics.");
        return out;
    }

    private List<String> insufficientActions() {
        List<String> out = new ArrayList<>();
        Optional<Gap> gap = a.gap(Gap.CONNECTION_LOGS);
        String reason = gap.map(Gap::reason).orElse("no log source was configured");
        // A source that did not answer (no network, a time-out) needs another try, not a role: advising a role
        // there sends the on-call engineer to the wrong place. A refusal's reason already names the role it needs.
        if (a.coverage.isPresent()) {
            // the logs were read: they are of another time, another hub, or part of the window, not out of reach
            out.add(exportAgain(a.coverage.get()));
        } else {
            out.add(gap.map(Gap::retryable).orElse(false)
                    ? "Rerun the triage once the connection logs can be read again (" + reason + ")."
                    : "Restore access to the connection logs (" + reason + "), then rerun the triage.");
        }
        out.add("Meanwhile, open the logs link to read the hub's connection errors for " + range(a) + " directly.");
        if (!a.health.present()) {
            out.add(a.healthOfAnotherTime()
                    ? "Check the hub's Resource Health for " + range(a) + " (link below): the file given covers another"
                    + " time."
                    : "Check the hub's Resource Health (link below): " + (a.notGiven(Gap.RESOURCE_HEALTH)
                    ? "no Resource Health file was given either." : "it could not be read either."));
        }
        return out;
    }

    // ------------------------------------------------------------------ helpers

    /** The step for logs that were read but do not speak for the window: export the window's rows. */
    private String exportAgain(Coverage.Problem p) {
        String window = Coverage.span(a.request.window().start(), a.request.window().end());
        return switch (p.shortfall()) {
            case OTHER_RESOURCES_ONLY -> "Export " + a.hubName() + "'s Connections rows for " + window + " ("
                    + p.reason() + "), then rerun the triage.";
            case ANOTHER_TIME -> "Export the hub's Connections rows for the window " + window + " (" + p.reason()
                    + "), then rerun the triage.";
            case PART_OF_WINDOW -> "Export the hub's Connections rows for the whole window " + window + " ("
                    + p.reason() + "), then rerun the triage; an export taken soon after the window holds only the"
                    + " rows that had landed by then, so wait a few minutes past its end.";
        };
    }

    /**
     * " are refused on reconnect" while every device still is at the end of the data; otherwise what the rows show:
     * " were refused on reconnect (25 let in again later, 15 not by the end of the data)".
     */
    private String refusedNow() {
        if (a.stillOffline >= a.affected()) {
            return a.affected() == 1 ? " is refused on reconnect" : " are refused on reconnect";
        }
        int back = a.affected() - a.stillOffline;
        return (a.affected() == 1 ? " was" : " were") + " refused on reconnect (" + (a.stillOffline == 0
                ? (a.affected() == 1 ? "let in again later" : "all let in again later")
                : count(back) + " let in again later, " + count(a.stillOffline) + " not by the end of the data") + ")";
    }

    private Optional<String> resolution() {
        if (a.causeCodes.isEmpty()) {
            return Optional.empty();
        }
        Optional<ErrorCode> e = ErrorCatalog.lookup(a.causeCodes.get(0).code());
        return e.isPresent() && !e.get().resolution().isBlank()
                ? Optional.of(e.get().label() + ": " + e.get().resolution()) : Optional.empty();
    }

    private String logsAction() {
        String filter = a.scope.kind() == ScopeKind.SUBSET
                ? " (uncomment the filter line to see only " + a.scope.value().get() + ")" : "";
        return "Open the logs link: it lists each device's connection errors for " + range(a) + ", most events first"
                + filter + ".";
    }

    /**
     * "640 connected now against 1,198 before the drop" ("640 connected at 10:49 UTC (the metric's last value) …" when
     * the metric ended long before the check), when the metric has both.
     */
    private Optional<String> recovery() {
        return a.deviceCount.filter(d -> d.now().isPresent() && d.before().isPresent())
                .map(d -> count(d.now().getAsDouble()) + " connected " + a.age.metricNowWord(d.nowAt()) + " against "
                        + count(d.before().getAsDouble())
                        + " before the drop");
    }

    /**
     * How many of the cause's devices have {@code value} of {@code d}: those on it in a SUBSET scope on it
     * ({@link Analysis#onScopeValue}, as the headline counts them), else its count in their breakdown (a majority, for
     * the dominant value: not every affected device).
     */
    private int devicesWith(Dimension d, String value) {
        if (a.scope.kind() == ScopeKind.SUBSET && a.scope.dimension().get() == d && a.scope.value().get().equals(value)) {
            return a.onScopeValue();
        }
        var b = ScopeFinder.merge(a.causeStats, d);
        for (ConnectionEvidence.ValueCount v : b.top()) {
            if (v.value().equals(value)) {
                return v.devices();
            }
        }
        return a.affected();
    }

    /** The most common value of a dimension among the affected devices, when most of them share it. */
    private Optional<String> dominantValue(Dimension d) {
        if (a.scope.kind() == ScopeKind.SUBSET && a.scope.dimension().get() == d) {
            return a.scope.value();
        }
        var b = ScopeFinder.merge(a.causeStats, d);
        return b.top().stream().findFirst().filter(v -> b.devices() > 0 && v.devices() * 2 > b.devices())
                .map(ConnectionEvidence.ValueCount::value);
    }

    /** Ids of the noisiest devices of a family (any cause family when null). */
    private List<String> topDeviceIds(CauseFamily family, int n) {
        return a.connections.map(c -> c.topDevices().stream()
                .filter(d -> family == null ? a.decision.causes().contains(d.family()) : d.family() == family)
                .limit(n).map(DeviceStats::deviceId).toList()).orElse(List.of());
    }

    private static String advice(FamilyStats stats) {
        return switch (stats.family()) {
            case NETWORK_OR_KEEPALIVE -> KeepAliveAdvice.of(stats.dimensions().getOrDefault(Dimension.PROTOCOL,
                    ConnectionEvidence.DimensionBreakdown.empty()), stats.devices()).clause();
            case AUTHENTICATION -> "check their keys, certificates and clocks";
            case DUPLICATE_CONNECTION -> "look for clients sharing one identity";
            case SERVICE_TRANSIENT -> "let the SDKs retry and watch Resource Health";
            case PLATFORM_CHANGE -> "let the SDKs retry; the platform was upgrading or failing over";
            case THROTTLING_OR_QUOTA -> "check the throttling and quota metrics and spread reconnects";
            case OTHER -> "look the codes up in the errors table";
        };
    }

    /**
     * The outbound ports the dropped devices' protocols use: "8883 (MQTT), 5671 (AMQP) or 443 (WebSockets)" when the
     * logs show all three kinds, fewer when they show fewer (a site of MQTT-over-WebSockets devices needs 443 alone),
     * all three when they do not show the protocol of most devices or show one not known here.
     */
    private String outboundPorts() {
        DimensionBreakdown b = ScopeFinder.merge(a.causeStats, Dimension.PROTOCOL);
        boolean mqtt = false;
        boolean amqp = false;
        boolean web = false;
        int known = 0;
        for (ValueCount v : b.top()) {
            Optional<String> port = knownPort(v.value());
            if (port.isEmpty()) {
                continue; // a protocol not known here: its port is not known either
            }
            mqtt |= port.get().equals(MQTT_PORT);
            amqp |= port.get().equals(AMQP_PORT);
            web |= port.get().equals(WEB_PORT);
            known += v.devices();
        }
        String all = "8883 (MQTT), 5671 (AMQP) or 443 (WebSockets)";
        if (known == 0 || known < b.devices() || known * 2 < a.affected()) {
            return all;
        }
        List<String> ports = new ArrayList<>();
        if (mqtt) {
            ports.add("8883 (MQTT)");
        }
        if (amqp) {
            ports.add("5671 (AMQP)");
        }
        if (web) {
            ports.add("443 (WebSockets)");
        }
        return ports.size() == 1 ? ports.get(0)
                : String.join(", ", ports.subList(0, ports.size() - 1)) + " or " + ports.get(ports.size() - 1);
    }

    private static final String MQTT_PORT = "8883";
    private static final String AMQP_PORT = "5671";
    private static final String WEB_PORT = "443";

    /** The port a logged protocol connects to: 443 over WebSockets or HTTPS, 5671 for AMQP, 8883 for MQTT. */
    private static Optional<String> knownPort(String protocol) {
        String p = protocol.toLowerCase(Locale.ROOT);
        if (p.contains("ws") || p.contains("websocket") || p.startsWith("http")) {
            return Optional.of(WEB_PORT);
        }
        return p.startsWith("amqp") ? Optional.of(AMQP_PORT)
                : p.startsWith("mqtt") ? Optional.of(MQTT_PORT) : Optional.empty();
    }

    /** {@link #knownPort}, MQTT's for a protocol not known here (the scope's protocol step names one port). */
    private static String port(String protocol) {
        return knownPort(protocol).orElse(MQTT_PORT);
    }
}
