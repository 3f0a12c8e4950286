package io.iothubtriage.diagnosis;

import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.diagnosis.ScopeFinder.Concentration;
import io.iothubtriage.diagnosis.TriageReport.DeviceCount;
import io.iothubtriage.diagnosis.TriageReport.Scope;
import io.iothubtriage.diagnosis.VerdictRules.Decision;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.ConnectionEvidence.CodeStats;
import io.iothubtriage.evidence.ConnectionEvidence.FamilyStats;
import io.iothubtriage.evidence.ConnectionEvidence.MinuteBucket;
import io.iothubtriage.evidence.Evidence;
import io.iothubtriage.evidence.Gap;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything the wording and the confidence rules read, derived once from the request, the evidence and the
 * decision. Package-private: the public surface is {@link Diagnosis}.
 */
final class Analysis {
    final TriageRequest request;
    final Evidence evidence;
    final DiagnosisOptions options;
    final Optional<ConnectionEvidence> connections;
    final HealthView health;
    final Decision decision;
    final Scope scope;
    /** The cause families' stats, largest first. */
    final List<FamilyStats> causeStats;
    /** Non-noise codes of the cause families, by devices then events, descending. */
    final List<CodeStats> causeCodes;
    /** All non-noise codes, by devices then events, descending. */
    final List<CodeStats> codes;
    final Optional<DeviceCount> deviceCount;
    final Baseline baseline;
    final Optional<Concentration> concentration;
    /** When the cause struck: see {@link #onset}. */
    final Optional<Instant> onset;
    final int stillOffline;
    /** The hub's changes, each with its relation to the verdict ({@link ChangeAttribution}). */
    final List<TriageReport.ChangeLine> changes;

    Analysis(TriageRequest request, Evidence evidence, DiagnosisOptions options) {
        this.request = request;
        this.evidence = evidence;
        this.options = options;
        this.connections = evidence.connections();
        this.health = HealthView.of(evidence.health(), request.window());
        this.decision = VerdictRules.decide(connections, health, options);
        this.scope = ScopeFinder.find(connections, decision.causes(), options);
        this.causeStats = ScopeFinder.families(connections, decision.causes()).stream()
                .sorted(Comparator.comparingInt(FamilyStats::devices).reversed()).toList();
        Comparator<CodeStats> byDevices = Comparator.comparingInt(CodeStats::devices).reversed()
                .thenComparing(Comparator.comparingLong(CodeStats::events).reversed())
                .thenComparing(CodeStats::code);
        this.codes = connections.map(c -> c.codes().stream().filter(x -> x.events() > 0).sorted(byDevices).toList())
                .orElse(List.of());
        this.causeCodes = codes.stream().filter(x -> decision.causes().contains(x.family())).toList();
        this.deviceCount = DeviceCounts.of(evidence.deviceCount());
        Duration windowLength = connections.map(c -> c.window().duration()).orElse(request.window().duration());
        this.baseline = new Baseline(windowLength, request.baseline().duration(),
                connections.map(ConnectionEvidence::baselineRows).orElse(0L), options);
        this.concentration = scope.kind() == ScopeKind.SUBSET
                ? ScopeFinder.concentration(connections.get(), causeStats, scope.affectedDevices(), options)
                : Optional.empty();
        this.stillOffline = causeStats.stream().mapToInt(FamilyStats::stillOffline).sum();
        this.onset = onset();
        this.changes = ChangeAttribution.of(this);
    }

    /**
     * When the cause struck. From the per-minute timeline: the first minute whose errors + disconnects reach
     * {@link DiagnosisOptions#onsetShare()} of the busiest minute, when the busiest has at least
     * {@link DiagnosisOptions#onsetMinEvents()} and that minute is not before the cause's first error. Otherwise
     * the cause's first error, else the timeline's onset, else the metric's lowest point.
     */
    private Optional<Instant> onset() {
        Optional<Instant> firstError = causeStats.stream().map(FamilyStats::firstSeen).flatMap(Optional::stream)
                .min(Comparator.naturalOrder());
        List<MinuteBucket> timeline = connections.map(ConnectionEvidence::timeline).orElse(List.of());
        int peak = timeline.stream().mapToInt(b -> b.errors() + b.disconnects()).max().orElse(0);
        double bar = options.onsetShare() * peak;
        Optional<Instant> fromTimeline = peak < options.onsetMinEvents() ? Optional.empty()
                : timeline.stream().filter(b -> b.errors() + b.disconnects() >= bar).map(MinuteBucket::minute).findFirst();
        if (fromTimeline.isPresent() && firstError.isPresent()) {
            Instant t = fromTimeline.get();
            Instant first = firstError.get().minusSeconds(60);
            return t.isBefore(first) ? firstError : fromTimeline;
        }
        return firstError.or(() -> fromTimeline).or(() -> deviceCount.flatMap(DeviceCount::minAt));
    }

    int affected() {
        return scope.affectedDevices();
    }

    int allAffected() {
        return connections.map(ConnectionEvidence::affectedDevices).orElse(0);
    }

    int active() {
        return connections.map(ConnectionEvidence::activeDevices).orElse(0);
    }

    int disconnected() {
        return connections.map(ConnectionEvidence::disconnectedDevices).orElse(0);
    }

    Optional<Gap> gap(String source) {
        return evidence.gaps().stream().filter(g -> g.source().equals(source)).findFirst();
    }

    Optional<CodeStats> mainCode() {
        return causeCodes.stream().findFirst().or(() -> codes.stream().findFirst());
    }

    Optional<FamilyStats> family(CauseFamily f) {
        return connections.flatMap(c -> c.family(f));
    }

    /** All families with devices, largest first. */
    List<FamilyStats> allFamilies() {
        return connections.map(c -> c.families().stream()
                .sorted(Comparator.comparingInt(FamilyStats::devices).reversed()).toList()).orElse(List.of());
    }

    List<CodeStats> codesOf(CauseFamily f) {
        return codes.stream().filter(c -> c.family() == f).toList();
    }

    String hubName() {
        return request.hub().name();
    }
}
