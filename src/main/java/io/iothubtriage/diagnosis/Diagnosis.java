package io.iothubtriage.diagnosis;

import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.diagnosis.ConfidenceRules.Assessment;
import io.iothubtriage.diagnosis.HealthView.Spell;
import io.iothubtriage.diagnosis.TriageReport.ErrorLine;
import io.iothubtriage.diagnosis.TriageReport.HealthEvent;
import io.iothubtriage.diagnosis.TriageReport.NoiseSummary;
import io.iothubtriage.diagnosis.TriageReport.PlatformHealth;
import io.iothubtriage.diagnosis.TriageReport.TopDevice;
import io.iothubtriage.diagnosis.VerdictRules.PlatformBasis;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.ConnectionEvidence.CodeStats;
import io.iothubtriage.evidence.ConnectionEvidence.DeviceStats;
import io.iothubtriage.evidence.ConnectionEvidence.Noise;
import io.iothubtriage.evidence.Evidence;
import io.iothubtriage.evidence.HubHealthEvidence.AvailabilityStatus;
import io.iothubtriage.evidence.HubHealthEvidence.ServiceHealthEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import io.iothubtriage.evidence.Gap;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decides a triage from its evidence: a pure function, no I/O, no clock of its own. The rules live in
 * {@link VerdictRules} (verdict), {@link ScopeFinder} (scope), {@link ConfidenceRules} (confidence) and
 * {@link Baseline} (unusual rates); their thresholds in {@link DiagnosisOptions}; docs/diagnosis.md describes them.
 */
public final class Diagnosis {

    private Diagnosis() {
    }

    /**
     * The report for one request and its evidence.
     *
     * @param now when the report is made ({@link TriageReport#generatedAt()})
     */
    public static TriageReport diagnose(TriageRequest request, Evidence evidence, DiagnosisOptions options, Instant now) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(now, "now");
        Analysis a = new Analysis(request, evidence, options,
                new EvidenceAge(now, request.window().start().atOffset(java.time.ZoneOffset.UTC).toLocalDate()));
        Assessment confidence = ConfidenceRules.assess(a);
        Narrative words = new Narrative(a, confidence);

        Optional<ConnectionEvidence> c = a.connections; // empty when the rows say nothing about the window
        // ifs and loops rather than Optional lambdas and streams here: a report is made once per cold CLI run
        Noise noise = c.isPresent() ? c.get().noise() : Noise.none();
        boolean subset = a.scope.kind() == ScopeKind.SUBSET;
        TriageReport.Links links = PortalLinks.of(request.hub(), request.window(),
                subset ? a.scope.dimension() : Optional.empty(), subset ? a.scope.value() : Optional.empty(), docs(a));

        return new TriageReport(TriageReport.SCHEMA_VERSION, now, new TriageReport.Hub(request.hub()), request.alert(),
                request.window(), a.decision.verdict(), confidence.level(), words.headline(), a.scope, errors(a),
                new NoiseSummary(noise.sasRenewalDevices(), noise.edgeOfDataDevices(), noise.sideEffectDuplicateDevices(),
                        noise.chronic().devices()),
                a.deviceCount, platformHealth(a.health, a.age), words.findings(), words.actions(), topDevices(c),
                gaps(a), links, c.isPresent() ? c.get().timeline() : List.of(), a.changes, a.inputs,
                ReportSeries.of(request, evidence),
                // an export cut short inside the window: where its rows end is the point of the gap, so say it
                freshness(request, a.partlyCovered() ? evidence.connections() : c, now));
    }

    /** The evidence's gaps, and the count of changes the report leaves out. */
    private static List<Gap> gaps(Analysis a) {
        if (a.changesLeftOut.isEmpty()) {
            return a.evidence.gaps();
        }
        List<Gap> out = new java.util.ArrayList<>(a.evidence.gaps());
        out.add(a.changesLeftOut.get());
        return out;
    }

    /**
     * The newest row of the hub the source had (the aggregator's edge of the data, or the newest row of any kind it
     * read) and when it landed, where known; stated whenever there was log evidence, or the window was cut.
     */
    private static Optional<TriageReport.Freshness> freshness(TriageRequest request, Optional<ConnectionEvidence> c,
                                                             Instant now) {
        if (c.isEmpty()) {
            return request.requestedEnd().map(end -> new TriageReport.Freshness(Optional.empty(), Optional.empty(),
                    now, Optional.of(end)));
        }
        Optional<Instant> newest = c.get().lastRowTime();
        Optional<Instant> read = c.get().inputs().isPresent() ? c.get().inputs().get().last() : Optional.empty();
        if (read.isPresent() && (newest.isEmpty() || read.get().isAfter(newest.get()))) {
            newest = read;
        }
        return Optional.of(new TriageReport.Freshness(newest, c.get().newestIngested(), now, request.requestedEnd()));
    }

    private static List<ErrorLine> errors(Analysis a) {
        List<ErrorLine> lines = new ArrayList<>();
        for (CodeStats x : a.codes.subList(0, Math.min(TriageReport.MAX_ERRORS, a.codes.size()))) {
            lines.add(errorLine(x, a.baseline));
        }
        return List.copyOf(lines);
    }

    private static ErrorLine errorLine(CodeStats c, Baseline baseline) {
        ErrorCode e = ErrorCatalog.describe(c.code(), c.description());
        // the baseline by the same rule as the window's events: renewal noise set aside (see Baseline)
        return new ErrorLine(c.code(), e.name(), e.family(), c.events(), c.devices(),
                baseline.available() ? OptionalLong.of(baseline.baselineEvents(c)) : OptionalLong.empty(),
                baseline.unusual(c), c.firstSeen(), c.lastSeen(), e.cause(), e.docs());
    }

    private static List<TopDevice> topDevices(Optional<ConnectionEvidence> c) {
        if (c.isEmpty()) {
            return List.of();
        }
        List<DeviceStats> all = c.get().topDevices();
        List<TopDevice> top = new ArrayList<>();
        for (DeviceStats d : all.subList(0, Math.min(ConnectionEvidence.TOP_DEVICES, all.size()))) {
            top.add(new TopDevice(d.deviceId(), d.events(), d.codes()));
        }
        return List.copyOf(top);
    }

    private static Optional<PlatformHealth> platformHealth(HealthView h, EvidenceAge age) {
        if (!h.present()) {
            return Optional.empty();
        }
        String summary;
        boolean userInitiated = false;
        if (!h.unhealthy().isEmpty()) {
            Spell s = h.platformOutage().orElse(h.unhealthy().get(0));
            AvailabilityStatus st = s.status();
            userInitiated = h.platformOutage().isEmpty();
            // an open spell lasts "–now" only while Resource Health's last status is current; else it is said
            // with that status's time (renderers keep a summary that starts with the state as it is)
            boolean open = s.to().isEmpty();
            boolean current = age.current(h.lastStatusTime());
            String stillSo = h.lastStatusTime().map(t -> " (still so at its last status, " + age.at(t) + ")").orElse("");
            String when = s.from().map(f -> open && !current ? " from " + age.at(f) + stillSo
                    : " " + ReportFormat.clock(f) + "–" + s.to().map(ReportFormat::time).orElse("now")).orElse("");
            String text = !st.summary().isBlank() ? st.summary() : st.title();
            summary = st.availabilityState() + when + ", " + (userInitiated ? "user-initiated" : "platform-initiated")
                    + (text.isBlank() ? "" : ": " + text);
            if (!h.statusIsLatest() && !st.availabilityState().equalsIgnoreCase(h.state())) {
                // a later status exists: the state at the window's end is not "now" (the renderers' word for a
                // summary that starts with another state than availabilityState), so it is said with its time
                summary = h.state() + " at the window's end; was " + summary;
            } else if (!current && h.lastStatusTime().isPresent()
                    && !st.availabilityState().equalsIgnoreCase(h.state())) {
                // the renderers would say the state "now": say it as of the last status instead
                summary = h.state() + " at its last status, " + age.at(h.lastStatusTime().get()) + "; was " + summary;
            }
        } else {
            AvailabilityStatus st = h.status().orElse(null);
            summary = st == null ? "" : !st.summary().isBlank() ? st.summary() : st.title();
        }
        List<HealthEvent> events = new ArrayList<>();
        for (ServiceHealthEvent e : h.relevantEvents()) {
            if (events.size() == HealthView.MAX_EVENTS) {
                break;
            }
            events.add(new HealthEvent(e.id(), e.title(), e.eventType(), e.status(), e.impactStart(),
                    e.impactMitigation()));
        }
        return Optional.of(new PlatformHealth(h.state(), summary, userInitiated, events));
    }

    /** The documentation of the verdict's main code, or the guide that fits a verdict without one. */
    private static String docs(Analysis a) {
        Verdict v = a.decision.verdict();
        boolean byCode = VerdictRules.familyOf(v).isPresent() || v == Verdict.MIXED
                || a.decision.platformBasis().orElse(null) == PlatformBasis.PLATFORM_CODES;
        if (byCode) {
            Optional<CodeStats> main = a.mainCode();
            return main.isPresent() ? ErrorCatalog.describe(main.get().code(), main.get().description()).docs()
                    : ErrorCatalog.CONNECTIVITY_GUIDE;
        }
        return switch (v) {
            case PLATFORM_INCIDENT, USER_INITIATED_HUB_CHANGE -> ErrorCatalog.RESOURCE_HEALTH_GUIDE;
            case NO_DIAGNOSTIC_LOGS -> ErrorCatalog.MONITORING_GUIDE;
            default -> ErrorCatalog.CONNECTIVITY_GUIDE;
        };
    }
}
