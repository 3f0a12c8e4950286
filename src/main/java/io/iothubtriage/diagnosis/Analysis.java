package io.iothubtriage.diagnosis;

import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.diagnosis.ScopeFinder.Concentration;
import io.iothubtriage.diagnosis.TriageReport.DeviceCount;
import io.iothubtriage.diagnosis.TriageReport.Scope;
import io.iothubtriage.diagnosis.VerdictRules.Decision;
import io.iothubtriage.diagnosis.VerdictRules.PlatformBasis;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence.CodeStats;
import io.iothubtriage.evidence.ConnectionEvidence.FamilyStats;
import io.iothubtriage.evidence.ConnectionEvidence.MinuteBucket;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.Coverage;
import io.iothubtriage.evidence.Evidence;
import io.iothubtriage.evidence.Gap;
import io.iothubtriage.evidence.Inputs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
    /** Attributed devices of the cause that reconnected and failed again, and their median period. */
    final int flapping;
    final Optional<Duration> flappingPeriod;
    /** What the intake read and set aside (exports), when the source knows. */
    final Optional<Inputs> inputs;
    /** False when the rows read do not speak about the window (another time, or only other resources). */
    final boolean covered;
    /** The hub's changes, each with its relation to the verdict and its fit to the devices' auth methods. */
    final List<ChangeAttribution.Attributed> attributed;
    /** The same changes as report lines ({@link ChangeAttribution}). */
    final List<TriageReport.ChangeLine> changes;

    Analysis(TriageRequest request, Evidence evidence, DiagnosisOptions options) {
        this.request = request;
        this.evidence = evidence;
        this.options = options;
        this.inputs = evidence.connections().flatMap(ConnectionEvidence::inputs);
        this.covered = inputs.map(in -> Coverage.coversWindow(in, request.window())
                && !Coverage.onlyOtherResources(in)).orElse(true);
        // rows of another time (or of other hubs only) prove nothing about the window: as if the logs were missing
        this.connections = evidence.connections().filter(c -> covered);
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
        this.flapping = causeStats.stream().mapToInt(FamilyStats::flapping).sum();
        this.flappingPeriod = causeStats.stream().filter(f -> f.flapping() > 0)
                .max(Comparator.comparingInt(FamilyStats::flapping)).flatMap(FamilyStats::flappingPeriod);
        this.onset = onset();
        this.attributed = ChangeAttribution.of(this);
        this.changes = attributed.stream().map(ChangeAttribution.Attributed::line).toList();
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

    /**
     * What became of the cause's devices, true of the rows: "and is still offline", "and keeps reconnecting and
     * dropping again (about every 40 s)", "and 12 are still offline, 30 flapping (…)", "and all have reconnected".
     */
    String recoveryClause(boolean one) {
        String period = flappingPeriod.map(p -> " (about every " + ReportFormat.duration(p) + ")").orElse("");
        if (one) {
            return flapping > 0 ? " and keeps reconnecting and dropping again" + period
                    : stillOffline > 0 ? " and is still offline" : " and has reconnected";
        }
        int n = affected();
        if (stillOffline >= n) {
            return " and none has reconnected yet";
        }
        if (flapping >= n) {
            return " and all keep reconnecting and dropping again" + period;
        }
        if (stillOffline == 0 && flapping == 0) {
            return " and all have reconnected";
        }
        List<String> parts = new ArrayList<>();
        if (stillOffline > 0) {
            parts.add(ReportFormat.count(stillOffline) + " are still offline");
        }
        if (flapping > 0) {
            parts.add(ReportFormat.count(flapping) + " keep reconnecting and dropping again" + period);
        }
        return " and " + String.join(", ", parts);
    }

    /** The unreadable-rows gap's reason, as {@link Coverage#gaps} words it. */
    Optional<String> unreadableGapReason() {
        return inputs.filter(in -> in.unreadable() > 0).flatMap(in -> Coverage.gaps(request, in).stream()
                .findFirst().map(Gap::reason));
    }

    /** Connection-log gaps other than unreadable rows (a partial query result, the coverage of the export). */
    List<Gap> otherLogGaps() {
        Optional<String> unreadable = unreadableGapReason();
        return evidence.gaps().stream().filter(g -> g.source().equals(Gap.CONNECTION_LOGS))
                .filter(g -> unreadable.map(u -> !u.equals(g.reason())).orElse(true)).toList();
    }

    /**
     * Could the unreadable error rows of the window change the verdict? Each could be a device of its own: they
     * could make the errors explain the drop, break the cause's majority, or give another family one.
     */
    boolean unreadableCouldChangeVerdict() {
        long u = inputs.map(Inputs::unreadableWindowErrors).orElse(0L);
        if (u == 0) {
            return false;
        }
        Verdict v = decision.verdict();
        int all = allAffected();
        int top = allFamilies().stream().findFirst().map(FamilyStats::devices).orElse(0);
        return switch (v) {
            case NO_DIAGNOSTIC_LOGS -> true;
            case NO_CONNECTION_ERRORS -> all + u >= options.explainsDropShare() * disconnected();
            case MIXED -> (top + u) >= options.dominanceShare() * (all + u);
            case INSUFFICIENT_EVIDENCE, USER_INITIATED_HUB_CHANGE -> false;
            case PLATFORM_INCIDENT -> decision.platformBasis().filter(b -> b == PlatformBasis.PLATFORM_CODES)
                    .isPresent() && top < options.dominanceShare() * (all + u);
            default -> top < options.dominanceShare() * (all + u);
        };
    }

    /** The window's error rows, readable (noise included) and unreadable. */
    long windowErrorRows() {
        long readable = connections.map(c -> c.codes().stream().mapToLong(x -> x.events() + x.noiseEvents()).sum())
                .orElse(0L);
        return readable + inputs.map(Inputs::unreadableWindowErrors).orElse(0L);
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
