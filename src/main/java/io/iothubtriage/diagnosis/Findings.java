package io.iothubtriage.diagnosis;

import io.iothubtriage.diagnosis.ConfidenceRules.Assessment;
import io.iothubtriage.diagnosis.HealthView.Spell;
import io.iothubtriage.diagnosis.ScopeFinder.Concentration;
import io.iothubtriage.diagnosis.TriageReport.DeviceCount;
import io.iothubtriage.diagnosis.VerdictRules.PlatformBasis;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.ConnectionEvidence.CodeStats;
import io.iothubtriage.evidence.ConnectionEvidence.FamilyStats;
import io.iothubtriage.evidence.ConnectionEvidence.Noise;
import io.iothubtriage.evidence.Coverage;
import io.iothubtriage.evidence.Gap;
import io.iothubtriage.evidence.HubHealthEvidence.AvailabilityStatus;
import io.iothubtriage.evidence.HubHealthEvidence.ServiceHealthEvent;
import io.iothubtriage.evidence.Inputs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

import static io.iothubtriage.diagnosis.Clauses.codeList;
import static io.iothubtriage.diagnosis.Clauses.codesTagOf;
import static io.iothubtriage.diagnosis.ReportFormat.count;
import static io.iothubtriage.diagnosis.ReportFormat.devices;
import static io.iothubtriage.diagnosis.ReportFormat.dropPercent;
import static io.iothubtriage.diagnosis.ReportFormat.percent;
import static io.iothubtriage.diagnosis.ReportFormat.plural;
import static io.iothubtriage.diagnosis.ReportFormat.time;
import static io.iothubtriage.diagnosis.Wording.familyWords;
import static io.iothubtriage.diagnosis.Wording.shortSdk;
import static io.iothubtriage.diagnosis.Wording.shorten;
import static io.iothubtriage.diagnosis.Wording.sourceWords;

/** The findings that support the headline, capped at {@link Narrative#MAX_FINDINGS} with gaps and confidence kept. */
final class Findings {
    private final Analysis a;
    private final Assessment confidence;

    Findings(Analysis a, Assessment confidence) {
        this.a = a;
        this.confidence = confidence;
    }

    List<String> list() {
        // add(...) rather than ifPresent(core::add), and loops rather than streams in the findings the demo
        // reaches: each method reference or lambda costs a bootstrap at its first call in a cold JVM.
        List<String> core = new ArrayList<>();
        ChangeNarrative changes = new ChangeNarrative(a);
        add(core, changes.leadFinding());
        add(core, unreadableFinding());
        Optional<WithheldDrop> withheld = WithheldDrop.of(a); // no lambda here: see DemoWithoutLambdasTest
        if (withheld.isPresent()) {
            core.add(withheld.get().finding());
        }
        add(core, noConnectionsFinding());
        add(core, attribution());
        add(core, uncatalogued());
        add(core, changes.possibleFinding());
        add(core, changes.ruledOutFinding());
        add(core, scopeFinding());
        core.addAll(baselineFindings());
        add(core, refusedOnConnect());
        add(core, oneTenth());
        core.addAll(noiseFindings());
        add(core, otherFamilies());
        add(core, metricFinding());
        core.addAll(healthFindings());
        add(core, setAsideFinding());
        add(core, tail());

        List<String> always = new ArrayList<>();
        for (Gap g : a.evidence.gaps()) {
            always.add("Not available: " + sourceWords(g.source()) + " (" + g.reason() + ").");
        }
        always.add(confidence.sentence());
        List<String> out = new ArrayList<>(core.subList(0, Math.min(core.size(), Narrative.MAX_FINDINGS - always.size())));
        out.addAll(always);
        return out.size() > Narrative.MAX_FINDINGS ? out.subList(out.size() - Narrative.MAX_FINDINGS, out.size()) : out;
    }

    /** The cause's main code, when the catalog does not know it: what its family and logged name allow saying. */
    private Optional<String> uncatalogued() {
        if (a.causeCodes.isEmpty()) {
            return Optional.empty();
        }
        Optional<UncataloguedCode> u = UncataloguedCode.of(a.causeCodes.get(0));
        return u.isPresent() ? u.get().finding() : Optional.empty();
    }

    private static void add(List<String> findings, Optional<String> finding) {
        if (finding.isPresent()) {
            findings.add(finding.get());
        }
    }

    /** Unreadable rows in the window: how many, why, which codes, and whether they could change the verdict. */
    private Optional<String> unreadableFinding() {
        if (a.inputs.isEmpty() || a.inputs.get().unreadable() <= 0 || a.connections.isEmpty()) {
            return Optional.empty();
        }
        Inputs i = a.inputs.get();
        long u = i.unreadableWindowErrors();
        if (u == 0) {
            String why = i.unreadableReasons().stream().map(c -> c.name()).collect(Collectors.joining(", "));
            return Optional.of(plural(i.unreadable(), "row") + " could not be read (" + why + "), none of them an "
                    + "error in the window: they could not have changed the verdict.");
        }
        String codes = i.unreadableCodes().stream().limit(3).map(c -> count(c.rows()) + " with " + c.name())
                .collect(Collectors.joining(", "));
        // the same rule as the confidence's cap (Analysis#unreadableWeight): never "too few" next to a LOW
        String weight = switch (a.unreadableWeight()) {
            case COULD_CHANGE_VERDICT -> "they could change the verdict.";
            case LARGE_SHARE -> "they cannot change the verdict, but at "
                    + percent((double) u / a.windowErrorRows()) + " of the window's error rows they leave the device "
                    + "counts in doubt.";
            case SLIGHT -> "too few to change the verdict.";
        };
        // the reasons of the window's error rows only: the baseline's unreadable rows are the gap's to count
        String why = i.unreadableWindowReasons().stream().map(c -> c.name()).collect(Collectors.joining(", "));
        return Optional.of(plural(u, "error row") + " in the window could not be read ("
                + (why.isEmpty() ? "" : why + "; ") + codes + "), so their devices are unknown: " + weight);
    }

    /** NO_DIAGNOSTIC_LOGS on a hub that does send other categories: what it sends. */
    private Optional<String> noConnectionsFinding() {
        if (a.decision.verdict() != Verdict.NO_DIAGNOSTIC_LOGS) {
            return Optional.empty();
        }
        List<Inputs.Count> others = a.inputs.map(in -> in.categoryCounts().stream()
                .filter(c -> !c.name().equalsIgnoreCase("Connections")).toList()).orElse(List.of());
        if (others.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("The logs hold " + Clauses.otherCategories(a.inputs.get(), 4, true)
                + " and no Connections rows for " + a.hubName()
                + ": add the Connections category to the hub's diagnostic setting.");
    }

    /** What was set aside before the rules ran, and rows taken as the hub's for want of a resource column. */
    private Optional<String> setAsideFinding() {
        if (a.inputs.isEmpty()) {
            return Optional.empty();
        }
        Inputs in = a.inputs.get();
        List<String> parts = new ArrayList<>();
        if (in.otherResources() > 0) {
            parts.add(plural(in.otherResources(), "row") + " of other resources ("
                    + Coverage.names(in.otherResourceNames()) + ")");
        }
        if (in.otherCategories() > 0 && a.decision.verdict() != Verdict.NO_DIAGNOSTIC_LOGS) {
            parts.add(plural(in.otherCategories(), "row") + " of other categories ("
                    + Clauses.otherCategories(in, 3, false) + ")");
        }
        if (in.duplicates() > 0) {
            parts.add(plural(in.duplicates(), "duplicate row") + " (given more than once)");
        }
        String noResource = in.rowsWithoutResource() > 0 ? plural(in.rowsWithoutResource(), "row")
                + " name no resource (no _ResourceId, ResourceId or Resource column) and were taken as "
                + a.hubName() + "'s." : "";
        if (parts.isEmpty()) {
            return noResource.isEmpty() ? Optional.empty() : Optional.of(noResource);
        }
        return Optional.of("Set aside before the rules ran: " + String.join(", ", parts) + "; "
                + plural(in.used(), "row") + " of " + a.hubName() + " were used."
                + (noResource.isEmpty() ? "" : " " + noResource));
    }

    private Optional<String> attribution() {
        int all = a.allAffected();
        if (all == 0 || a.scope.kind() == ScopeKind.SINGLE_DEVICE && all == 1) {
            return Optional.empty();
        }
        Verdict v = a.decision.verdict();
        boolean single = VerdictRules.familyOf(v).isPresent() || (a.decision.platformBasis().isPresent()
                && a.decision.platformBasis().get() == PlatformBasis.PLATFORM_CODES);
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
            case SUBSET -> a.concentration.isPresent() ? Optional.of(concentrationSentence(a.concentration.get()))
                    : Optional.empty();
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
        // "none of" when no other device shares the value: "only 0 %" reads as a rounding, not as none
        String rest = c.restOnValue() == 0 ? ", while none of the other active devices do ("
                : ", while only " + percent(c.restShare()) + " of the other active devices do (";
        return count(c.onValue()) + " of the " + count(c.known()) + " (" + percent(c.share()) + ") " + verb
                + rest + count(c.restOnValue()) + " of " + count(c.restKnown()) + ").";
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
        if (a.baseline.tooShort()) {
            return a.codes.isEmpty() ? List.of() : List.of("The logs given hold only the "
                    + ReportFormat.period(a.baseline.baseline()) + " before the window, too little to tell this hub's "
                    + "usual error rates: no code is marked unusual.");
        }
        if (!a.baseline.available()) {
            String before = a.baseline.baseline().isZero() ? "The logs given hold no Connections rows before the window"
                    : "The previous " + ReportFormat.span(a.baseline.baseline()) + " hold no Connections rows";
            return a.codes.isEmpty() ? List.of() : List.of(before
                    + ", so error rates cannot be compared with a baseline.");
        }
        List<CodeStats> subjects = v == Verdict.NO_CONNECTION_ERRORS ? a.codes : a.causeCodes.isEmpty() ? a.codes : a.causeCodes;
        List<String> out = new ArrayList<>();
        String win = ReportFormat.span(a.baseline.window());
        String base = ReportFormat.span(a.baseline.baseline());
        for (CodeStats c : subjects.subList(0, Math.min(2, subjects.size()))) {
            long events = a.baseline.windowEvents(c);
            OptionalDouble r = a.baseline.ratio(c);
            // each side says "beyond SAS renewals" when renewals were set aside from it, and names the chronic
            // devices when their family's events were set aside from both sides
            boolean renewals = c.noiseEvents() > 0;
            boolean baseRenewals = a.baseline.noiseSetAside(c);
            String chronic = a.chronicOf(c.family()) ? "the " + devices(a.chronic().devices()) + " failing all along"
                    : "";
            String beyond = chronic.isEmpty() ? " beyond SAS renewals" : " beyond SAS renewals and " + chronic;
            String windowPart = plural(events, "event") + " in " + win + (renewals ? beyond : "");
            // "about" only for an estimate: a baseline judged row by row is an exact count
            String basePart = (a.baseline.estimated(c) ? "about " : "") + count(a.baseline.baselineEvents(c))
                    + " in the previous " + base + (!baseRenewals ? ""
                    : chronic.isEmpty() ? " (renewals set aside)" : " (renewals and " + chronic + " set aside)");
            if (r.isEmpty()) {
                if (events >= a.options.unusualMinEvents()) {
                    out.add(c.code() + " did not occur in the previous " + base
                            + (baseRenewals ? beyond : "") + "; it has " + windowPart + ".");
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
        if (a.causeCodes.isEmpty() || a.causeCodes.get(0).onConnect() == 0) {
            return Optional.empty();
        }
        CodeStats c = a.causeCodes.get(0);
        // true of the end of the data: still refused, some of them, or none any more
        String now = a.stillOffline >= a.affected() ? "the hub keeps refusing these devices"
                : a.stillOffline > 0 ? "the hub keeps refusing " + count(a.stillOffline) + " of these devices"
                : a.flapping > 0 ? "the hub keeps refusing them on reconnect, and they get back in only for a while"
                : "the hub refused them on reconnect until they got back in";
        return Optional.of(count(c.onConnect()) + " of the " + count(c.events()) + " " + c.code()
                + " events were on reconnect attempts: " + now + ".");
    }

    private Optional<String> oneTenth() {
        if (a.decision.verdict() != Verdict.NO_CONNECTION_ERRORS || a.allAffected() == 0) {
            return Optional.empty();
        }
        String codes = codeList(a.codes, 2);
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
        add(out, chronicFinding(n.chronic()));
        if (n.sasRenewalDevices() > 0) {
            out.add(devices(n.sasRenewalDevices()) + (n.sasRenewalDevices() == 1 ? " was" : " were")
                    + " only renewing SAS tokens (" + plural(n.sasRenewalEvents(), "event") + ") and set aside as noise.");
        }
        if (n.edgeOfDataDevices() > 0) {
            out.add(devices(n.edgeOfDataDevices()) + " had errors only in the last 2 minutes of the data ("
                    + plural(n.edgeOfDataEvents(), "event") + (n.edgeOfDataDevices() == 1
                    ? "); it is not counted until its follow-up is visible."
                    : "); they are not counted until their follow-up is visible."));
        }
        if (n.sideEffectDuplicateDevices() > 0) {
            out.add(devices(n.sideEffectDuplicateDevices()) + " logged 409002/400027 only as a side effect of "
                    + "reconnecting; they count under their other errors.");
        }
        return out;
    }

    /**
     * "8 devices (sensor-0070, sensor-0130, sensor-0190 and 5 more) failed with network or keep-alive errors in every
     * hour of the previous 24 h and keep reconnecting and dropping again (about every 10 s): set aside as chronic,
     * not counted in this incident (1,680 events)." Never dropped in silence.
     */
    private Optional<String> chronicFinding(ConnectionEvidence.ChronicDevices c) {
        int n = c.devices();
        if (n == 0) {
            return Optional.empty();
        }
        boolean one = n == 1;
        String ids = String.join(", ", c.examples()) + (n > c.examples().size()
                ? " and " + count(n - c.examples().size()) + " more" : "");
        List<String> families = new ArrayList<>();
        for (CauseFamily f : c.families()) {
            families.add(familyWords(f));
        }
        long hours = Math.max(1, (a.request.baseline().duration().toMillis() + 3_599_999) / 3_600_000);
        String base = ReportFormat.span(a.request.baseline().duration());
        String when = c.minHours() >= hours ? " in every hour of the previous " + base
                : " in at least " + count(c.minHours()) + " of the previous " + count(hours) + " hours";
        String period = c.flappingPeriod().isPresent()
                ? " (about every " + ReportFormat.period(c.flappingPeriod().get()) + ")" : "";
        String now;
        if (c.flapping() == n) {
            now = one ? " and keeps reconnecting and dropping again" + period
                    : " and keep reconnecting and dropping again" + period;
        } else if (c.reconnected() == n) {
            now = one ? " and has reconnected since" : " and have all reconnected since";
        } else if (c.stillOffline() == n) {
            now = " and " + a.age.stillIn("refused", one, a.dataEnd())
                    + (one ? ", as it was all along" : ", as they were all along");
        } else {
            List<String> parts = new ArrayList<>();
            if (c.flapping() > 0) {
                parts.add(count(c.flapping()) + (c.flapping() == 1 ? " keeps" : " keep")
                        + " reconnecting and dropping again" + period);
            }
            if (c.reconnected() > 0) {
                parts.add(count(c.reconnected()) + (c.reconnected() == 1 ? " has" : " have") + " reconnected since");
            }
            if (c.stillOffline() > 0) {
                parts.add(count(c.stillOffline()) + " " + a.age.stillIn("refused", c.stillOffline() == 1, a.dataEnd())
                        + ", as all along");
            }
            now = "; " + String.join(", ", parts);
        }
        return Optional.of(devices(n) + " (" + ids + ") failed with " + String.join(" or ", families) + " errors"
                + when + now + ": set aside as chronic, not counted in this incident ("
                + plural(c.events(), "event") + " in the window).");
    }

    private Optional<String> otherFamilies() {
        Verdict v = a.decision.verdict();
        if (a.causeStats.size() != 1 || v == Verdict.MIXED) {
            return Optional.empty();
        }
        List<FamilyStats> others = new ArrayList<>();
        for (FamilyStats f : a.allFamilies()) {
            if (others.size() < 3 && !a.decision.causes().contains(f.family())) {
                others.add(f);
            }
        }
        if (others.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Also seen: " + others.stream()
                .map(f -> devices(f.devices()) + " with " + familyWords(f.family()) + " errors" + codesTagOf(a, f.family()))
                .collect(Collectors.joining(", ")) + ".");
    }

    private Optional<String> metricFinding() {
        if (a.deviceCount.isEmpty()) {
            return Optional.empty();
        }
        DeviceCount d = a.deviceCount.get();
        List<String> parts = new ArrayList<>();
        if (d.before().isPresent()) {
            parts.add(count(d.before().getAsDouble()) + " before the drop");
        }
        if (d.min().isPresent()) {
            String drop = "";
            if (d.before().isPresent() && d.before().getAsDouble() > 0 && d.before().getAsDouble() > d.min().getAsDouble()) {
                // as the headline says the dip: "−1.3 %", not "−1 %" beside its "1.3 %"
                String share = dropPercent(1 - d.min().getAsDouble() / d.before().getAsDouble());
                drop = share.startsWith("less") ? "down " + share : "−" + share;
            }
            List<String> detail = new ArrayList<>();
            if (d.minAt().isPresent()) {
                detail.add(ReportFormat.timeOnDayOf(d.minAt().get(), a.request.window().start()));
            }
            if (!drop.isEmpty()) {
                detail.add(drop);
            }
            parts.add(count(d.min().getAsDouble()) + " at the lowest"
                    + (detail.isEmpty() ? "" : " (" + String.join(", ", detail) + ")"));
        }
        if (d.now().isPresent()) {
            parts.add(a.age.metricNow(count(d.now().getAsDouble()), d.nowAt()));
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        String registered = d.registered().isPresent() ? "; " + count(d.registered().getAsDouble()) + " registered" : "";
        return Optional.of("Connected devices: " + String.join(", ", parts) + registered + ".");
    }

    /** "10:38–10:52 UTC"; "2026-01-14 23:50 UTC to 10:52 UTC" when an end is not on the window's day. */
    private String spellRange(Instant from, Instant to) {
        String f = Clauses.timeOn(a, from);
        String t = Clauses.timeOn(a, to);
        return f.equals(time(from)) && t.equals(time(to)) ? ReportFormat.clock(from) + "–" + t : f + " to " + t;
    }

    private List<String> healthFindings() {
        HealthView h = a.health;
        if (!h.present()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Spell s : h.unhealthy().subList(0, Math.min(2, h.unhealthy().size()))) {
            AvailabilityStatus st = s.status();
            String when = s.from().map(f -> " " + (s.to().isPresent() ? spellRange(f, s.to().get())
                    : "from " + Clauses.timeOn(a, f))).orElse("");
            String words = !st.summary().isBlank() ? st.summary() : st.title();
            out.add(Wording.sentence("Resource Health: " + st.availabilityState() + when + ", "
                    + (st.isUserInitiated() ? "user-initiated" : "platform-initiated")
                    + (words.isBlank() ? "" : ": " + shorten(words, 160))));
        }
        if (h.unhealthy().isEmpty()) {
            if (h.known() && h.statusIsLatest()) {
                Optional<Instant> checked = h.status().get().reportedTime();
                out.add("Resource Health: " + h.state()
                        + (checked.isPresent() ? " (checked " + Clauses.timeOn(a, checked.get()) + ")" : "") + ".");
            } else if (h.known()) {
                // the file's latest word is of a later time: the window's state is the status in force then
                Optional<Instant> since = HealthView.since(h.status().get());
                out.add("Resource Health: " + h.state() + " in the window"
                        + (since.isPresent() ? " (since " + Clauses.timeOn(a, since.get()) + ")" : "") + ".");
            } else {
                out.add("Resource Health reports Unknown: it has had no signal from the hub for more than 10 minutes.");
            }
        }
        Optional<String> later = Clauses.laterHealth(a);
        if (later.isPresent()) {
            Optional<Instant> checked = h.later().get().reportedTime();
            out.add(later.get() + (checked.isPresent() ? " (checked " + Clauses.timeOn(a, checked.get()) + ")" : "")
                    + "; it says nothing about the window.");
        }
        for (ServiceHealthEvent e : h.relevantEvents().subList(0, Math.min(2, h.relevantEvents().size()))) {
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
}
