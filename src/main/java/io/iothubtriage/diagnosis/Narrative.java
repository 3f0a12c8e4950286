package io.iothubtriage.diagnosis;

import io.iothubtriage.diagnosis.ConfidenceRules.Assessment;
import io.iothubtriage.diagnosis.HealthView.Spell;
import io.iothubtriage.diagnosis.ScopeFinder.Concentration;
import io.iothubtriage.diagnosis.TriageReport.DeviceCount;
import io.iothubtriage.diagnosis.VerdictRules.PlatformBasis;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.ConnectionEvidence.CodeStats;
import io.iothubtriage.evidence.ConnectionEvidence.DeviceStats;
import io.iothubtriage.evidence.ConnectionEvidence.FamilyStats;
import io.iothubtriage.evidence.ConnectionEvidence.Noise;
import io.iothubtriage.evidence.Dimension;
import io.iothubtriage.evidence.Gap;
import io.iothubtriage.evidence.HubHealthEvidence.AvailabilityStatus;
import io.iothubtriage.evidence.HubHealthEvidence.ServiceHealthEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

import static io.iothubtriage.diagnosis.ReportFormat.count;
import static io.iothubtriage.diagnosis.ReportFormat.devices;
import static io.iothubtriage.diagnosis.ReportFormat.percent;
import static io.iothubtriage.diagnosis.ReportFormat.time;

/**
 * The words of a report: a one-sentence headline (what broke, how widely, when, whether the hub is healthy), the
 * findings that support it, and next steps that name the site, protocol, SDK, device, code and blade to open.
 * Every sentence is built from the evidence's numbers; nothing here decides the verdict.
 */
final class Narrative {
    static final int MAX_FINDINGS = 16;
    static final int MAX_ACTIONS = 6;

    private final Analysis a;
    private final Assessment confidence;

    Narrative(Analysis a, Assessment confidence) {
        this.a = a;
        this.confidence = confidence;
    }

    // ------------------------------------------------------------------ headline

    String headline() {
        Verdict v = a.decision.verdict();
        String s = switch (v) {
            case NO_DIAGNOSTIC_LOGS -> "No Connections logs reached Log Analytics for " + a.hubName() + " in "
                    + range() + " or the " + ReportFormat.span(a.request.baseline().duration())
                    + " before, so its diagnostic setting is probably off and device errors cannot be seen"
                    + metricClause(", while ") + "; " + healthClause();
            case PLATFORM_INCIDENT -> platformHeadline();
            case USER_INITIATED_HUB_CHANGE -> spellHeadline(a.health.userOutage().get(), "because of a user-initiated change");
            case NO_CONNECTION_ERRORS -> cleanHeadline();
            case MIXED -> mixedHeadline();
            case INSUFFICIENT_EVIDENCE -> "The cause is unknown because the connection logs could not be read ("
                    + a.gap(Gap.CONNECTION_LOGS).map(Gap::reason).orElse("no log source") + ")"
                    + metricClause(", while ") + "; " + healthClause();
            default -> familyHeadline(VerdictRules.familyOf(v).orElseThrow());
        };
        return s + ".";
    }

    private String familyHeadline(CauseFamily family) {
        boolean one = a.affected() == 1;
        return subject() + " " + verb(family, one) + at() + codesTag() + offlineClause(one) + "; " + healthClause();
    }

    private String platformHeadline() {
        PlatformBasis basis = a.decision.platformBasis().orElseThrow();
        return switch (basis) {
            case RESOURCE_HEALTH -> spellHeadline(a.health.platformOutage().get(), "platform-initiated");
            case SERVICE_HEALTH -> {
                ServiceHealthEvent e = a.health.incidents().get(0);
                String where = region(e).map(r -> " in " + r).orElse("");
                String start = e.impactStart().map(t -> ", from " + time(t)).orElse("");
                String devicesPart = a.affected() > 0
                        ? ": " + subject() + " " + verb(CauseFamily.NETWORK_OR_KEEPALIVE, a.affected() == 1) + at()
                        : metricClause(": ");
                yield "An Azure IoT Hub " + incidentWord(e) + where + " (“" + shorten(e.title(), 80) + "”" + start
                        + ") overlaps the drop" + devicesPart + "; Resource Health shows the hub "
                        + a.health.currentState();
            }
            case PLATFORM_CODES -> familyHeadline(CauseFamily.PLATFORM_CHANGE);
        };
    }

    private String spellHeadline(Spell spell, String why) {
        AvailabilityStatus st = spell.status();
        String when = spell.from().map(f -> " from " + time(f)).orElse("")
                + spell.to().map(t -> " to " + time(t)).orElse("");
        String title = st.title().isBlank() ? "" : ": " + shorten(st.title(), 80);
        String devicesPart = a.affected() > 0
                ? " and " + subject() + " " + verb(CauseFamily.NETWORK_OR_KEEPALIVE, a.affected() == 1) + at()
                : metricClause(" and ");
        String now = a.health.availableNow() ? "it is Available again" : "it is still " + a.health.currentState();
        return "The hub was " + st.availabilityState() + when + " (" + why + title + ")" + devicesPart + "; " + now;
    }

    private String cleanHeadline() {
        ConnectionEvidence c = a.connections.orElseThrow();
        if (c.analysisRows() == 0) {
            return "No Connections rows have arrived for " + a.hubName() + " in " + range() + " although the previous "
                    + ReportFormat.span(a.request.baseline().duration()) + " has " + count(c.baselineRows())
                    + ", so logs may still be on their way" + metricClause("; ") + "; " + healthClause();
        }
        if (c.disconnectedDevices() == 0) {
            return "No device logged a connection error or a disconnect in " + range() + metricClause(", while ")
                    + "; " + healthClause();
        }
        return devices(c.disconnectedDevices()) + " disconnected cleanly" + at() + " without connection errors"
                + metricClause(" while ") + ", which points at a shutdown, power loss or planned restart; "
                + healthClause();
    }

    private String mixedHeadline() {
        int n = a.allAffected();
        Optional<CauseFamily> dominant = a.decision.dominant();
        if (dominant.filter(f -> f == CauseFamily.OTHER).isPresent()) {
            String code = a.codesOf(CauseFamily.OTHER).stream().findFirst().map(Narrative::label).orElse("unknown codes");
            int other = a.family(CauseFamily.OTHER).map(FamilyStats::devices).orElse(0);
            return devices(n) + " failed" + at() + ", " + count(other) + " of them with " + code
                    + ", a code outside the known connection causes; " + healthClause();
        }
        String parts = a.allFamilies().stream().limit(2)
                .map(f -> percent((double) f.devices() / n) + " " + familyWords(f.family()) + codesTagOf(f.family()))
                .collect(Collectors.joining(", "));
        return devices(n) + " failed" + at() + " with no single cause: " + parts + "; " + healthClause();
    }

    /** "312 devices behind 203.0.113.XXX", "1,102 of 1,204 active devices", "Device thermostat-17". */
    private String subject() {
        TriageReport.Scope s = a.scope;
        return switch (s.kind()) {
            case SINGLE_DEVICE -> s.value().map(id -> "Device " + id).orElse("One device");
            case SUBSET -> devices(s.affectedDevices()) + " " + dimensionPhrase(s.dimension().get(), s.value().get());
            case FLEET -> s.activeDevices() > 0
                    ? count(s.affectedDevices()) + " of " + count(s.activeDevices()) + " active devices"
                    : devices(s.affectedDevices());
            case NONE -> "No device";
        };
    }

    static String dimensionPhrase(Dimension d, String value) {
        return switch (d) {
            case MASKED_IP_ADDRESS -> "behind " + value;
            case PROTOCOL -> "connecting over " + value;
            case AUTH_TYPE -> "authenticating with " + value;
            case SDK_VERSION -> "running " + shortSdk(value);
        };
    }

    /** ".NET/1.38.0 (.NET Core 3.1.19; Microsoft Windows ...)" → ".NET/1.38.0". */
    static String shortSdk(String sdk) {
        int paren = sdk.indexOf(" (");
        return shorten(paren > 0 ? sdk.substring(0, paren) : sdk, 60);
    }

    private static String verb(CauseFamily f, boolean one) {
        return switch (f) {
            case NETWORK_OR_KEEPALIVE -> one ? "lost its connection" : "lost their connections";
            case AUTHENTICATION -> "started failing authentication";
            case DUPLICATE_CONNECTION -> one ? "had its connection taken over by a second client with the same identity"
                    : "had their connections taken over by second clients with the same identities";
            case SERVICE_TRANSIENT -> "hit transient hub-side errors";
            case PLATFORM_CHANGE -> one ? "was disconnected by a platform upgrade or failover"
                    : "were disconnected by a platform upgrade or failover";
            case THROTTLING_OR_QUOTA -> one ? "was throttled" : "were throttled";
            case OTHER -> "failed";
        };
    }

    private String offlineClause(boolean one) {
        int off = a.stillOffline;
        if (one) {
            return off > 0 ? " and is still offline" : " and has reconnected";
        }
        if (off == 0) {
            return " and all have reconnected";
        }
        return off >= a.affected() ? " and none has reconnected yet" : " and " + count(off) + " are still offline";
    }

    /** " at 10:41 UTC", or nothing when the time is unknown. */
    private String at() {
        return a.onset.map(t -> " at " + time(t)).orElse("");
    }

    /** " (404104)" or " (401003, 403012)": the cause's top codes. */
    private String codesTag() {
        List<String> top = a.causeCodes.stream().limit(2).map(CodeStats::code).toList();
        return top.isEmpty() ? "" : " (" + String.join(", ", top) + ")";
    }

    /** " (404104)" or " (401003, 403012)": a family's top codes. */
    private String codesTagOf(CauseFamily f) {
        List<String> top = a.codesOf(f).stream().limit(2).map(CodeStats::code).toList();
        return top.isEmpty() ? "" : " (" + String.join(", ", top) + ")";
    }

    private String healthClause() {
        HealthView h = a.health;
        if (h.healthy()) {
            return "the hub is healthy";
        }
        if (!h.present()) {
            return "hub health is unknown (Resource Health could not be read)";
        }
        if (!h.known()) {
            return "Resource Health reports the hub's state as Unknown";
        }
        if (!h.unhealthy().isEmpty()) {
            Spell s = h.unhealthy().get(0);
            return "Resource Health shows the hub " + s.status().availabilityState()
                    + s.from().map(f -> " from " + time(f)).orElse("")
                    + (h.availableNow() ? " and Available again now" : "");
        }
        return "Resource Health shows the hub " + h.currentState() + " now";
    }

    /** "<lead>connected devices fell from 1,198 to 611 at 10:42 UTC", or nothing without the metric. */
    private String metricClause(String lead) {
        Optional<DeviceCount> dc = a.deviceCount;
        if (dc.isEmpty() || dc.get().min().isEmpty()) {
            return "";
        }
        DeviceCount d = dc.get();
        String when = d.minAt().map(t -> " at " + time(t)).orElse("");
        if (d.before().isPresent() && d.before().getAsDouble() > d.min().getAsDouble()) {
            return lead + "connected devices fell from " + count(d.before().getAsDouble()) + " to "
                    + count(d.min().getAsDouble()) + when;
        }
        return lead + "connected devices were at " + count(d.min().getAsDouble()) + " at the lowest" + when;
    }

    private String range() {
        return ReportFormat.range(a.request.window().start(), a.request.window().end());
    }

    // ------------------------------------------------------------------ findings

    List<String> findings() {
        List<String> core = new ArrayList<>();
        attribution().ifPresent(core::add);
        scopeFinding().ifPresent(core::add);
        core.addAll(baselineFindings());
        refusedOnConnect().ifPresent(core::add);
        oneTenth().ifPresent(core::add);
        core.addAll(noiseFindings());
        otherFamilies().ifPresent(core::add);
        metricFinding().ifPresent(core::add);
        core.addAll(healthFindings());
        tail().ifPresent(core::add);

        List<String> always = new ArrayList<>();
        for (Gap g : a.evidence.gaps()) {
            always.add("Not available: " + sourceWords(g.source()) + " (" + g.reason() + ").");
        }
        always.add(confidence.sentence());
        List<String> out = new ArrayList<>(core.subList(0, Math.min(core.size(), MAX_FINDINGS - always.size())));
        out.addAll(always);
        return out.size() > MAX_FINDINGS ? out.subList(out.size() - MAX_FINDINGS, out.size()) : out;
    }

    private Optional<String> attribution() {
        int all = a.allAffected();
        if (all == 0 || a.scope.kind() == ScopeKind.SINGLE_DEVICE && all == 1) {
            return Optional.empty();
        }
        Verdict v = a.decision.verdict();
        boolean single = VerdictRules.familyOf(v).isPresent()
                || a.decision.platformBasis().filter(b -> b == PlatformBasis.PLATFORM_CODES).isPresent();
        if (single && !a.causeStats.isEmpty()) {
            FamilyStats f = a.causeStats.get(0);
            return Optional.of(count(f.devices()) + " of " + count(all) + " affected devices ("
                    + percent((double) f.devices() / all) + ") are attributed to " + familyWords(f.family())
                    + " errors; " + devices(a.active()) + " were active in the window.");
        }
        if (v == Verdict.NO_CONNECTION_ERRORS) {
            return Optional.empty();
        }
        String parts = a.allFamilies().stream().limit(4)
                .map(f -> count(f.devices()) + " " + familyWords(f.family()) + " (" + percent((double) f.devices() / all) + ")")
                .collect(Collectors.joining(", "));
        return Optional.of("Affected devices by cause: " + parts + "; " + devices(a.active())
                + " were active in the window.");
    }

    private Optional<String> scopeFinding() {
        TriageReport.Scope s = a.scope;
        return switch (s.kind()) {
            case SUBSET -> a.concentration.map(this::concentrationSentence);
            case FLEET -> {
                if (s.activeDevices() > 0 && s.affectedDevices() >= a.options.fleetShare() * s.activeDevices()) {
                    yield Optional.of("They are " + percent((double) s.affectedDevices() / s.activeDevices())
                            + " of the " + devices(s.activeDevices()) + " active in the window.");
                }
                yield Optional.of("No address, protocol, auth type or SDK version sets them apart from the rest of "
                        + "the fleet" + (s.activeDevices() > 0 ? " (" + percent((double) s.affectedDevices()
                        / s.activeDevices()) + " of the " + devices(s.activeDevices()) + " active)" : "") + ".");
            }
            case SINGLE_DEVICE -> s.value().map(id -> "Only device " + id + " is affected" + deviceCodes(id) + ".");
            case NONE -> Optional.empty();
        };
    }

    private String concentrationSentence(Concentration c) {
        String verb = switch (c.dimension()) {
            case MASKED_IP_ADDRESS -> "sit behind " + c.value();
            case PROTOCOL -> "connect over " + c.value();
            case AUTH_TYPE -> "authenticate with " + c.value();
            case SDK_VERSION -> "run " + shortSdk(c.value());
        };
        return count(c.onValue()) + " of the " + count(c.known()) + " (" + percent(c.share()) + ") " + verb
                + ", while only " + percent(c.restShare()) + " of the other active devices do (" + count(c.restOnValue())
                + " of " + count(c.restKnown()) + ").";
    }

    private String deviceCodes(String id) {
        return a.connections.flatMap(c -> c.topDevices().stream().filter(d -> d.deviceId().equals(id)).findFirst())
                .map(d -> ": " + plural(d.events(), "error event") + " (" + String.join(", ", d.codes()) + ")")
                .orElse("");
    }

    private List<String> baselineFindings() {
        Verdict v = a.decision.verdict();
        if (a.connections.isEmpty() || v == Verdict.NO_DIAGNOSTIC_LOGS) {
            return List.of();
        }
        if (!a.baseline.available()) {
            return a.codes.isEmpty() ? List.of() : List.of("The previous " + ReportFormat.span(a.baseline.baseline())
                    + " hold no Connections rows, so error rates cannot be compared with a baseline.");
        }
        List<CodeStats> subjects = v == Verdict.NO_CONNECTION_ERRORS ? a.codes : a.causeCodes.isEmpty() ? a.codes : a.causeCodes;
        List<String> out = new ArrayList<>();
        String win = ReportFormat.span(a.baseline.window());
        String base = ReportFormat.span(a.baseline.baseline());
        for (CodeStats c : subjects.stream().limit(2).toList()) {
            long events = a.baseline.windowEvents(c);
            OptionalDouble r = a.baseline.ratio(c);
            boolean renewals = a.baseline.noiseSetAside(c);
            String windowPart = plural(events, "event") + " in " + win + (renewals ? " beyond SAS renewals" : "");
            String basePart = (renewals ? "about " : "") + count(a.baseline.baselineEvents(c)) + " in the previous "
                    + base + (renewals ? " (renewals set aside)" : "");
            if (r.isEmpty()) {
                if (events >= a.options.unusualMinEvents()) {
                    out.add(c.code() + " did not occur in the previous " + base
                            + (renewals ? " beyond SAS renewals" : "") + "; it has " + windowPart + ".");
                }
            } else if (a.baseline.unusual(c)) {
                out.add(c.code() + " is " + ReportFormat.times(r.getAsDouble()) + " its usual rate: "
                        + windowPart + " against " + basePart + ".");
            } else if (events >= a.options.unusualMinEvents()) {
                out.add(c.code() + " runs at about its usual rate (" + ReportFormat.times(r.getAsDouble()) + "): "
                        + windowPart + " against " + basePart + ".");
            }
        }
        return out;
    }

    private Optional<String> refusedOnConnect() {
        Verdict v = a.decision.verdict();
        if (v != Verdict.AUTHENTICATION_FAILURES && v != Verdict.THROTTLING_OR_QUOTA) {
            return Optional.empty();
        }
        return a.causeCodes.stream().findFirst().filter(c -> c.onConnect() > 0)
                .map(c -> count(c.onConnect()) + " of the " + count(c.events()) + " " + c.code()
                        + " events were on reconnect attempts: the hub keeps refusing these devices.");
    }

    private Optional<String> oneTenth() {
        if (a.decision.verdict() != Verdict.NO_CONNECTION_ERRORS || a.allAffected() == 0) {
            return Optional.empty();
        }
        String codes = a.codes.stream().limit(2).map(CodeStats::code).collect(Collectors.joining(", "));
        String share = a.options.explainsDropShare() == 0.1 ? "a tenth" : percent(a.options.explainsDropShare());
        return Optional.of("Only " + devices(a.allAffected()) + " logged errors (" + codes + "), fewer than " + share
                + " of the " + count(a.disconnected()) + " that disconnected: errors do not explain the drop.");
    }

    private List<String> noiseFindings() {
        if (a.connections.isEmpty()) {
            return List.of();
        }
        Noise n = a.connections.get().noise();
        List<String> out = new ArrayList<>();
        if (n.sasRenewalDevices() > 0) {
            out.add(devices(n.sasRenewalDevices()) + (n.sasRenewalDevices() == 1 ? " was" : " were")
                    + " only renewing SAS tokens (" + plural(n.sasRenewalEvents(), "event") + ") and set aside as noise.");
        }
        if (n.edgeOfDataDevices() > 0) {
            out.add(devices(n.edgeOfDataDevices()) + " had errors only in the last 2 minutes of the data ("
                    + plural(n.edgeOfDataEvents(), "event") + "); they are not counted until their follow-up is visible.");
        }
        if (n.sideEffectDuplicateDevices() > 0) {
            out.add(devices(n.sideEffectDuplicateDevices()) + " logged 409002/400027 only as a side effect of "
                    + "reconnecting; they count under their other errors.");
        }
        return out;
    }

    private Optional<String> otherFamilies() {
        Verdict v = a.decision.verdict();
        if (a.causeStats.size() != 1 || v == Verdict.MIXED) {
            return Optional.empty();
        }
        List<FamilyStats> others = a.allFamilies().stream().filter(f -> !a.decision.causes().contains(f.family()))
                .limit(3).toList();
        if (others.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Also seen: " + others.stream()
                .map(f -> devices(f.devices()) + " with " + familyWords(f.family()) + " errors" + codesTagOf(f.family()))
                .collect(Collectors.joining(", ")) + ".");
    }

    private Optional<String> metricFinding() {
        if (a.deviceCount.isEmpty()) {
            return Optional.empty();
        }
        DeviceCount d = a.deviceCount.get();
        List<String> parts = new ArrayList<>();
        d.before().ifPresent(b -> parts.add(count(b) + " before the drop"));
        if (d.min().isPresent()) {
            String drop = d.before().isPresent() && d.before().getAsDouble() > 0 && d.before().getAsDouble() > d.min().getAsDouble()
                    ? "−" + percent(1 - d.min().getAsDouble() / d.before().getAsDouble()) : "";
            List<String> detail = new ArrayList<>();
            d.minAt().ifPresent(t -> detail.add(time(t)));
            if (!drop.isEmpty()) {
                detail.add(drop);
            }
            parts.add(count(d.min().getAsDouble()) + " at the lowest"
                    + (detail.isEmpty() ? "" : " (" + String.join(", ", detail) + ")"));
        }
        d.now().ifPresent(x -> parts.add(count(x) + " now"));
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        String registered = d.registered().isPresent() ? "; " + count(d.registered().getAsDouble()) + " registered" : "";
        return Optional.of("Connected devices: " + String.join(", ", parts) + registered + ".");
    }

    private List<String> healthFindings() {
        HealthView h = a.health;
        if (!h.present()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Spell s : h.unhealthy().stream().limit(2).toList()) {
            AvailabilityStatus st = s.status();
            String when = s.from().map(f -> " " + (s.to().isPresent() ? ReportFormat.clock(f) + "–" + time(s.to().get())
                    : "from " + time(f))).orElse("");
            String words = !st.summary().isBlank() ? st.summary() : st.title();
            out.add("Resource Health: " + st.availabilityState() + when + ", "
                    + (st.isUserInitiated() ? "user-initiated" : "platform-initiated")
                    + (words.isBlank() ? "" : ": " + shorten(words, 160)) + ".");
        }
        if (h.unhealthy().isEmpty()) {
            if (h.known()) {
                out.add("Resource Health: " + h.currentState()
                        + h.current().flatMap(AvailabilityStatus::reportedTime).map(t -> " (checked " + time(t) + ")").orElse("")
                        + ".");
            } else {
                out.add("Resource Health reports Unknown: it has had no signal from the hub for more than 10 minutes.");
            }
        }
        for (ServiceHealthEvent e : h.relevantEvents().stream().limit(2).toList()) {
            String regions = e.impactedRegions().isEmpty() ? "" : " in " + String.join(", ", e.impactedRegions());
            String from = e.impactStart().map(t -> ", from " + time(t)).orElse("");
            out.add("Service health: " + e.eventType() + " “" + shorten(e.title(), 100) + "” (" + e.status() + from
                    + ")" + regions + ".");
        }
        return out;
    }

    private Optional<String> tail() {
        if (a.codes.size() <= TriageReport.MAX_ERRORS) {
            return Optional.empty();
        }
        List<CodeStats> rest = a.codes.subList(TriageReport.MAX_ERRORS, a.codes.size());
        long events = rest.stream().mapToLong(CodeStats::events).sum();
        return Optional.of(plural(rest.size(), "more code") + " (" + plural(events, "event")
                + ") are not listed; the logs link shows them all.");
    }

    // ------------------------------------------------------------------ actions

    List<String> actions() {
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
        return out.size() > MAX_ACTIONS ? out.subList(0, MAX_ACTIONS) : out;
    }

    private List<String> networkActions() {
        List<String> out = new ArrayList<>();
        TriageReport.Scope s = a.scope;
        String offline = a.stillOffline > 0 ? count(a.stillOffline) + " are still offline" : "all have reconnected";
        switch (s.kind()) {
            case SINGLE_DEVICE -> out.add("Check device " + s.value().orElse("(see top devices)") + ": power, network "
                    + "link and application logs around " + onsetOr("the drop") + "; "
                    + (a.stillOffline > 0 ? "it is still offline." : "it has reconnected."));
            case SUBSET -> {
                String v = s.value().get();
                out.add(switch (s.dimension().get()) {
                    case MASKED_IP_ADDRESS -> "Check the network at the site behind " + v + " (ISP link, firewall, NAT "
                            + "or proxy): " + count(s.affectedDevices()) + " of its devices dropped" + (a.onset.isPresent() ? at() : " together")
                            + " and " + offline + "; they need outbound 8883 (MQTT), 5671 (AMQP) or 443 (WebSockets).";
                    case PROTOCOL -> "Check what carries " + v + " traffic: a firewall or proxy change blocking port "
                            + port(v) + " would cut exactly these " + count(s.affectedDevices()) + " devices; " + offline + ".";
                    case SDK_VERSION -> "The " + count(s.affectedDevices()) + " devices running " + shortSdk(v)
                            + " dropped together: look for keep-alive or reconnect issues in that SDK version and "
                            + "upgrade it; " + offline + ".";
                    case AUTH_TYPE -> "All " + count(s.affectedDevices()) + " authenticate with " + v + ": look for "
                            + "what else they share (a gateway, a TLS-inspecting proxy); " + offline + ".";
                });
            }
            default -> out.add("Devices on many networks dropped " + onsetOr("at once") + ": check what they all share "
                    + "(DNS, an outbound proxy or firewall, a TLS-inspecting appliance) and Azure status for the hub's "
                    + "region" + a.health.region().map(r -> " (" + r + ")").orElse("") + "; " + offline + ".");
        }
        out.add("If the " + count(a.affected()) + " devices keep dropping at a steady interval, compare their MQTT "
                + "keep-alive with the hub's limit (it closes a connection after 1.5 × the keep-alive) and their SAS "
                + "token lifetime.");
        resolution().ifPresent(out::add);
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
        if (authType.filter(Narrative::isCertificate)
                .isPresent()) {
            out.add("Check the X.509 certificates of the " + devices(a.affected()) + " authenticating with "
                    + authType.get() + ": expiry, registered thumbprint or CA certificate, and the chain of any "
                    + "re-issued certificate.");
        } else if (authType.filter(t -> t.toLowerCase(Locale.ROOT).contains("sas")).isPresent()) {
            out.add("Find out whether a device key or shared access policy was regenerated around " + onsetOr("the drop")
                    + ": " + devices(a.affected()) + " authenticating with " + authType.get()
                    + (a.affected() == 1 ? " is" : " are") + " refused on reconnect.");
        }
        if (s.kind() == ScopeKind.SUBSET && s.dimension().get() == Dimension.MASKED_IP_ADDRESS) {
            out.add("The failing devices sit behind " + s.value().get() + ": check that site's time source (clocks "
                    + "more than 5 minutes off invalidate tokens) and any TLS-inspecting proxy there.");
        } else if (s.kind() == ScopeKind.SUBSET && s.dimension().get() == Dimension.SDK_VERSION) {
            out.add("The failing devices run " + shortSdk(s.value().get()) + ": check how that SDK version renews "
                    + "tokens or presents certificates, and upgrade it.");
        } else if (s.kind() != ScopeKind.SINGLE_DEVICE) {
            out.add("Check the devices' clocks (more than 5 minutes of drift invalidates tokens) and whether their "
                    + "keys or certificates changed around " + onsetOr("the drop") + ".");
        }
        resolution().ifPresent(out::add);
        out.add(logsAction());
        return out;
    }

    private List<String> duplicateActions() {
        List<String> out = new ArrayList<>();
        List<String> ids = topDeviceIds(CauseFamily.DUPLICATE_CONNECTION, 3);
        out.add("Find the second client using the same identity"
                + (ids.isEmpty() ? "" : ": " + String.join(", ", ids) + " logged the most 409002/400027")
                + "; every process or device needs its own device identity.");
        out.add("Check what changed around " + onsetOr("the drop") + ": a deployment that started a second instance of "
                + "the device app, a cloned image carrying the same connection string, or a restart loop.");
        resolution().ifPresent(out::add);
        out.add(logsAction());
        return out;
    }

    private List<String> transientActions() {
        List<String> out = new ArrayList<>();
        if (!a.health.known()) {
            out.add("Open the hub's Resource Health (link below) before treating these errors as transient: "
                    + (a.health.present() ? "it reports Unknown." : "it could not be read."));
        }
        String codes = a.causeCodes.stream().limit(3).map(CodeStats::code).collect(Collectors.joining(", "));
        out.add("Let the SDKs retry with back-off: " + devices(a.affected()) + " hit " + codes + " from "
                + onsetOr("the drop") + recovery().map(r -> "; " + r).orElse("") + ".");
        out.add("If the errors last beyond about 15 minutes, check Azure status for "
                + a.health.region().orElse("the hub's region") + ", consider a manual failover, and open a support "
                + "case quoting hub " + a.hubName() + ", " + onsetOr(range()) + " and codes " + codes + ".");
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
            String list = codes.stream().filter(c -> c.code().startsWith("429")).limit(3).map(CodeStats::code)
                    .collect(Collectors.joining(", "));
            out.add("Check 'Number of throttling errors' and 'Telemetry message send attempts' for " + range()
                    + " against the tier's limits: " + devices(a.affected()) + " were throttled (" + list + ").");
        }
        out.add("Spread reconnects with exponential back-off and jitter: " + devices(a.affected())
                + " reconnecting at once keep the hub throttling them.");
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
                        + shorten(e.title(), 80) + "”) for IoT Hub" + region(e).map(r -> " in " + r).orElse("")
                        + "; devices with an SDK retry policy reconnect on their own.");
            }
            case PLATFORM_CODES -> out.add("The platform closed connections during an upgrade or failover ("
                    + a.causeCodes.stream().limit(3).map(CodeStats::code).collect(Collectors.joining(", "))
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
                ? "event " + a.health.incidents().get(0).id() : "hub " + a.hubName() + " and " + onsetOr(range());
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
            out.add("Devices reconnect once the change completes: " + count(a.stillOffline) + " are still offline"
                    + (ids.isEmpty() ? "" : "; look at " + String.join(", ", ids) + " if they do not return") + ".");
        } else {
            out.add("Devices reconnect once the change completes" + recovery().map(r -> ": " + r + ".").orElse("."));
        }
        out.add(logsAction());
        return out;
    }

    private List<String> cleanActions() {
        List<String> out = new ArrayList<>();
        ConnectionEvidence c = a.connections.orElseThrow();
        if (c.analysisRows() == 0) {
            out.add("Rerun the triage in 10 to 15 minutes: resource logs can land late, and " + range()
                    + " has no Connections rows yet.");
        } else if (c.disconnectedDevices() > 0) {
            out.add("Ask the owners of the " + devices(c.disconnectedDevices()) + " that disconnected from "
                    + onsetOr("the start of the window") + " whether they were shut down, lost power or were restarted "
                    + "(maintenance, a deployment, a site power cut).");
        }
        a.deviceCount.filter(d -> d.min().isPresent()).ifPresent(d -> out.add("Watch connected devices: "
                + count(d.min().getAsDouble()) + " at the lowest"
                + (d.now().isPresent() ? ", " + count(d.now().getAsDouble()) + " now" : "")
                + "; if they come back on their own, the drop was planned or local."));
        a.request.alert().flatMap(x -> x.metric()).filter(m -> m.threshold().isPresent()).ifPresent(m ->
                out.add("If planned restarts trip this alert, review its threshold (" + m.name() + " " + m.operator()
                        + " " + count(m.threshold().getAsDouble()) + ") or add a longer evaluation window."));
        if (a.allAffected() > 0) {
            out.add("Look at the " + devices(a.allAffected()) + " that did log errors ("
                    + a.codes.stream().limit(2).map(CodeStats::code).collect(Collectors.joining(", "))
                    + ") in the logs link; they are too few to explain the drop.");
        }
        out.add(logsAction());
        return out;
    }

    private List<String> mixedActions() {
        List<String> out = new ArrayList<>();
        int all = a.allAffected();
        for (FamilyStats f : a.allFamilies().stream().limit(2).toList()) {
            out.add("Group of " + count(f.devices()) + " (" + percent((double) f.devices() / all) + ") with "
                    + familyWords(f.family()) + " errors" + codesTagOf(f.family()) + ": " + advice(f.family()) + ".");
        }
        out.add("Open the logs link and compare the groups' addresses and SDK versions: causes that share a site or "
                + "version usually have one root.");
        a.mainCode().flatMap(c -> ErrorCatalog.lookup(c.code())).filter(e -> !e.resolution().isBlank())
                .ifPresent(e -> out.add(e.label() + ": " + e.resolution()));
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
                + metricClause(": ") + ".");
        out.add("Rerun the triage once logs flow; events before the setting existed are never logged, so this drop "
                + "can only be explained from health and metrics.");
        return out;
    }

    private List<String> insufficientActions() {
        List<String> out = new ArrayList<>();
        String reason = a.gap(Gap.CONNECTION_LOGS).map(Gap::reason).orElse("no log source was configured");
        out.add("Restore access to the connection logs (" + reason + "): the triage's identity needs Log Analytics "
                + "Reader on the workspace that holds the hub's logs; then rerun the triage.");
        out.add("Meanwhile, open the logs link to read the hub's connection errors for " + range() + " directly.");
        if (!a.health.present()) {
            out.add("Check the hub's Resource Health (link below): it could not be read either.");
        }
        return out;
    }

    // ------------------------------------------------------------------ helpers

    private Optional<String> resolution() {
        return a.causeCodes.stream().findFirst().flatMap(c -> ErrorCatalog.lookup(c.code()))
                .filter(e -> !e.resolution().isBlank()).map(e -> e.label() + ": " + e.resolution());
    }

    private String logsAction() {
        String filter = a.scope.kind() == ScopeKind.SUBSET
                ? " (uncomment the filter line to see only " + a.scope.value().get() + ")" : "";
        return "Open the logs link: it lists each device's connection errors for " + range() + ", most events first"
                + filter + ".";
    }

    /** "640 connected now against 1,198 before the drop", when the metric has both. */
    private Optional<String> recovery() {
        return a.deviceCount.filter(d -> d.now().isPresent() && d.before().isPresent())
                .map(d -> count(d.now().getAsDouble()) + " connected now against " + count(d.before().getAsDouble())
                        + " before the drop");
    }

    /** The event's region as it names it, when it matches the hub's; else the hub's region. */
    private Optional<String> region(ServiceHealthEvent e) {
        Optional<String> hub = a.health.region();
        Optional<String> named = e.impactedRegions().stream()
                .filter(r -> hub.isEmpty() || HealthView.squash(r).equals(HealthView.squash(hub.get()))).findFirst();
        return named.or(() -> hub);
    }

    private String onsetOr(String fallback) {
        return a.onset.map(ReportFormat::time).orElse(fallback);
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

    private static String advice(CauseFamily f) {
        return switch (f) {
            case NETWORK_OR_KEEPALIVE -> "check their network path and MQTT keep-alive";
            case AUTHENTICATION -> "check their keys, certificates and clocks";
            case DUPLICATE_CONNECTION -> "look for clients sharing one identity";
            case SERVICE_TRANSIENT -> "let the SDKs retry and watch Resource Health";
            case PLATFORM_CHANGE -> "let the SDKs retry; the platform was upgrading or failing over";
            case THROTTLING_OR_QUOTA -> "check the throttling and quota metrics and spread reconnects";
            case OTHER -> "look the codes up in the errors table";
        };
    }

    private static boolean isCertificate(String authType) {
        String t = authType.toLowerCase(Locale.ROOT);
        return t.contains("x509") || t.contains("certificate") || t.endsWith("/ca");
    }

    private static String port(String protocol) {
        String p = protocol.toLowerCase(Locale.ROOT);
        if (p.contains("ws") || p.contains("websocket") || p.startsWith("http")) {
            return "443";
        }
        return p.startsWith("amqp") ? "5671" : "8883";
    }

    static String familyWords(CauseFamily f) {
        return switch (f) {
            case AUTHENTICATION -> "authentication";
            case NETWORK_OR_KEEPALIVE -> "network or keep-alive";
            case DUPLICATE_CONNECTION -> "duplicate-connection";
            case SERVICE_TRANSIENT -> "transient hub";
            case PLATFORM_CHANGE -> "platform upgrade or failover";
            case THROTTLING_OR_QUOTA -> "throttling or quota";
            case OTHER -> "other";
        };
    }

    private static String incidentWord(ServiceHealthEvent e) {
        return HealthView.squash(e.eventType()).equals("emergingissues") ? "emerging issue" : "service incident";
    }

    static String sourceWords(String source) {
        return switch (source) {
            case Gap.CONNECTION_LOGS -> "connection logs";
            case Gap.RESOURCE_HEALTH -> "Resource Health";
            case Gap.METRICS -> "connected-devices metric";
            default -> source;
        };
    }

    private static String label(CodeStats c) {
        return ErrorCatalog.describe(c.code(), c.description()).label();
    }

    private static String plural(long n, String noun) {
        return ReportFormat.plural(n, noun);
    }

    static String shorten(String s, int max) {
        String t = s.strip();
        return t.length() <= max ? t : t.substring(0, max - 1).stripTrailing() + "…";
    }
}
