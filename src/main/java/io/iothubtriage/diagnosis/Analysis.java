package io.iothubtriage.diagnosis;

import io.iothubtriage.alert.TimeWindow;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

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
    /** Whether each source's evidence is current at the check: decides "now", "still" and "yet". */
    final EvidenceAge age;
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
    /**
     * The cause was already failing when the window began: its first error within {@link #ALREADY_FAILING} of the
     * window's start (devices refused or dropping all along log one at once; an incident that starts in the window's
     * first minute shows its first error later), its onset in the window's first minute (a drop later in the window,
     * beside a few devices failing all along, began in the window), and its main code logged beyond renewals in the
     * baseline too. Then "started at 10:11", the window's start, would be untrue.
     */
    final boolean beganBeforeWindow;
    static final Duration ALREADY_FAILING = Duration.ofSeconds(10);
    /** The onset in the window's first minute: the cause was at full strength when the window began. */
    static final Duration ONSET_AT_START = Duration.ofMinutes(1);
    final int stillOffline;
    /** Attributed devices of the cause that reconnected and failed again, and their median period. */
    final int flapping;
    final Optional<Duration> flappingPeriod;
    /** What the intake read and set aside (exports), when the source knows. */
    final Optional<Inputs> inputs;
    /** Why the rows read do not speak about the window (another time, part of it, only other resources). */
    final Optional<Coverage.Problem> coverage;
    /**
     * The rows of an export cut inside the window, set aside because the verdict they gave rested on the minutes the
     * export lacks; what they show at their end is still told ({@link WithheldDrop}).
     */
    final Optional<ConnectionEvidence> withheld;
    /** False when the rows read do not speak about the window: {@link #coverage} says why. */
    final boolean covered;
    /** Every change read, each with its relation to the verdict and its fit to the devices' auth methods. */
    final List<ChangeAttribution.Attributed> attributed;
    /** The report's changes: at most {@link TriageReport#MAX_CHANGES} of them, as lines ({@link ChangeAttribution}). */
    final List<TriageReport.ChangeLine> changes;
    /** How many changes the report leaves out, when it leaves any out. */
    final Optional<Gap> changesLeftOut;

    Analysis(TriageRequest request, Evidence evidence, DiagnosisOptions options, EvidenceAge age) {
        // Loops and named comparators rather than streams and lambdas here and in the helpers below: every report
        // runs this once in a cold JVM (the CLI, the demo), where each lambda's first call costs a bootstrap.
        this.request = request;
        this.evidence = evidence;
        this.options = options;
        this.age = age;
        Optional<ConnectionEvidence> all = evidence.connections();
        this.inputs = all.isPresent() ? all.get().inputs() : Optional.empty();
        this.coverage = inputs.isEmpty() ? Optional.empty()
                : Coverage.problem(request, inputs.get(), all.get());
        this.covered = coverage.isEmpty();
        this.health = HealthView.of(evidence.health(), request.window());
        // Rows of another time or of other hubs only prove nothing about the window: as if the logs were missing. An
        // export cut short (part of the window) still shows what happened in the minutes it holds: a cause seen there
        // stands, its confidence capped (ConfidenceRules). A verdict that rests on what the rows do not hold (no
        // connection errors, no Connections rows) would speak for minutes the export lacks: INSUFFICIENT_EVIDENCE.
        boolean partOfWindow = coverage.isPresent() && coverage.get().shortfall() == Coverage.Shortfall.PART_OF_WINDOW;
        Optional<ConnectionEvidence> usable = covered || partOfWindow ? all : Optional.empty();
        VerdictRules.Decision decided = VerdictRules.decide(usable, health, options);
        Optional<ConnectionEvidence> setAside = Optional.empty();
        if (partOfWindow && restsOnAbsence(decided.verdict())) {
            setAside = usable;
            usable = Optional.empty();
            decided = VerdictRules.decide(usable, health, options);
        }
        this.withheld = setAside;
        this.connections = usable;
        this.decision = decided;
        this.scope = ScopeFinder.find(connections, decision.causes(), options);
        List<FamilyStats> causes = new ArrayList<>(ScopeFinder.families(connections, decision.causes()));
        causes.sort(MOST_DEVICES_FIRST);
        this.causeStats = List.copyOf(causes);
        List<CodeStats> withEvents = new ArrayList<>();
        List<CodeStats> ofCauses = new ArrayList<>();
        if (connections.isPresent()) {
            for (CodeStats c : connections.get().codes()) {
                if (c.events() > 0) {
                    withEvents.add(c);
                }
            }
            withEvents.sort(BY_DEVICES_THEN_EVENTS);
            for (CodeStats c : withEvents) {
                if (decision.causes().contains(c.family())) {
                    ofCauses.add(c);
                }
            }
        }
        this.codes = List.copyOf(withEvents);
        this.causeCodes = List.copyOf(ofCauses);
        this.deviceCount = DeviceCounts.of(evidence.deviceCount());
        Duration windowLength = connections.isPresent() ? connections.get().window().duration()
                : request.window().duration();
        this.baseline = new Baseline(windowLength, inputs.isPresent() && all.isPresent()
                ? Coverage.baselineHeld(request, inputs.get(), all.get()) : request.baseline().duration(),
                connections.isPresent() ? connections.get().baselineRows() : 0L, options);
        this.concentration = scope.kind() == ScopeKind.SUBSET
                ? ScopeFinder.concentration(connections.get(), causeStats, scope.affectedDevices(), options)
                : Optional.empty();
        int offline = 0;
        int flappingDevices = 0;
        FamilyStats mostFlapping = null;
        for (FamilyStats f : causeStats) {
            offline += f.stillOffline();
            flappingDevices += f.flapping();
            if (f.flapping() > 0 && (mostFlapping == null || f.flapping() > mostFlapping.flapping())) {
                mostFlapping = f;
            }
        }
        this.stillOffline = offline;
        this.flapping = flappingDevices;
        this.flappingPeriod = mostFlapping == null ? Optional.empty() : mostFlapping.flappingPeriod();
        Optional<Instant> firstError = firstCauseError();
        this.onset = onset(firstError);
        // the onset itself at the window's start, not only some device's first error: chronic-looking flappers
        // failing since before the window must not move a later drop's onset before the window
        this.beganBeforeWindow = onset.isPresent() && !causeCodes.isEmpty() && connections.isPresent()
                && onset.get().isBefore(connections.get().window().start().plus(ONSET_AT_START))
                && firstError.isPresent()
                && firstError.get().isBefore(connections.get().window().start().plus(ALREADY_FAILING))
                && baseline.available() && baseline.baselineEvents(causeCodes.get(0)) > 0;
        this.attributed = ChangeAttribution.of(this);
        List<ChangeAttribution.Attributed> reported = ChangeAttribution.reported(attributed, this);
        List<TriageReport.ChangeLine> lines = new ArrayList<>(reported.size()); // a loop: see ChangeAttribution.of
        for (ChangeAttribution.Attributed r : reported) {
            lines.add(r.line());
        }
        this.changes = Collections.unmodifiableList(lines);
        this.changesLeftOut = ChangeAttribution.leftOut(this, attributed, reported);
    }

    /** The earliest first error of the cause's families. */
    private Optional<Instant> firstCauseError() {
        Instant earliest = null;
        for (FamilyStats f : causeStats) {
            if (f.firstSeen().isPresent() && (earliest == null || f.firstSeen().get().isBefore(earliest))) {
                earliest = f.firstSeen().get();
            }
        }
        return Optional.ofNullable(earliest);
    }

    /**
     * When the cause struck. From the per-minute timeline: the first minute whose weight ({@link #onsetWeight}: the
     * cause's errors) reaches {@link DiagnosisOptions#onsetShare()} of the busiest minute's, when the busiest has at
     * least {@link DiagnosisOptions#onsetMinEvents()} and that minute is not before the cause's first error. Otherwise
     * the cause's first error, else the timeline's onset, else the metric's lowest point.
     */
    private Optional<Instant> onset(Optional<Instant> firstError) {
        List<MinuteBucket> timeline = connections.isPresent() ? connections.get().timeline() : List.of();
        int peak = 0;
        for (MinuteBucket b : timeline) {
            peak = Math.max(peak, onsetWeight(b));
        }
        // the cause's errors alone rise in a ramp (devices refused as their connections recycle): the first minute
        // at half the busiest one's errors and disconnects is the first at about a quarter of its cause's errors
        double bar = (decision.causes().isEmpty() ? options.onsetShare() : options.onsetShare() / 2) * peak;
        Optional<Instant> fromTimeline = Optional.empty();
        if (peak >= options.onsetMinEvents()) {
            for (MinuteBucket b : timeline) {
                if (onsetWeight(b) >= bar) {
                    fromTimeline = Optional.of(b.minute());
                    break;
                }
            }
        }
        if (fromTimeline.isPresent() && firstError.isPresent()) {
            Instant t = fromTimeline.get();
            Instant first = firstError.get().minusSeconds(60);
            return t.isBefore(first) ? firstError : fromTimeline;
        }
        if (firstError.isPresent()) {
            return firstError;
        }
        if (fromTimeline.isPresent()) {
            return fromTimeline;
        }
        return deviceCount.isPresent() ? deviceCount.get().minAt() : Optional.empty();
    }

    /**
     * A minute's weight for the onset: the errors of the cause's families (a planned restart of other devices, or a
     * wave of their token renewals, in the same minutes is not when the cause's errors struck); without a cause, its
     * errors and its disconnects but not its clean disconnects.
     */
    private int onsetWeight(MinuteBucket b) {
        if (decision.causes().isEmpty()) {
            return b.errors() + b.disconnects() - b.cleanDisconnects();
        }
        // the cause's own errors: a wave of other devices' token renewals, or a restart of others, is not its onset
        int weight = 0;
        for (CauseFamily f : decision.causes()) {
            Integer n = b.errorsByFamily().get(f);
            weight += n == null ? 0 : n;
        }
        return weight;
    }

    /** The end of the log data: the newest row of the hub the source had, or of any kind it read. */
    Optional<Instant> dataEnd() {
        Optional<ConnectionEvidence> all = evidence.connections();
        if (all.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> newest = all.get().lastRowTime();
        Optional<Instant> read = all.get().inputs().isPresent() ? all.get().inputs().get().last() : Optional.empty();
        return read.isPresent() && (newest.isEmpty() || read.get().isAfter(newest.get())) ? read : newest;
    }

    /** The time of the connected-devices metric's last value. */
    Optional<Instant> metricEnd() {
        return deviceCount.isPresent() ? deviceCount.get().nowAt() : Optional.empty();
    }

    /**
     * What became of the cause's devices, true of the rows: "and is still offline", "and keeps reconnecting and
     * dropping again (about every 40 s)", "and 12 are still offline, 30 keep reconnecting and dropping again (…), the
     * other 200 have reconnected", "and all have reconnected".
     */
    String recoveryClause(boolean one) {
        String period = flappingPeriod.isPresent()
                ? " (about every " + ReportFormat.period(flappingPeriod.get()) + ")" : "";
        if (one) {
            return flapping > 0 ? " and keeps reconnecting and dropping again" + period
                    : stillOffline > 0 ? " and " + age.stillOffline(true, dataEnd()) : " and has reconnected";
        }
        int n = affected();
        if (stillOffline >= n) {
            return age.noneReconnected(dataEnd());
        }
        if (flapping >= n) {
            return " and all keep reconnecting and dropping again" + period;
        }
        if (stillOffline == 0 && flapping == 0) {
            return " and all have reconnected";
        }
        List<String> parts = new ArrayList<>();
        if (stillOffline > 0) {
            parts.add(ReportFormat.count(stillOffline) + " " + age.stillOffline(stillOffline == 1, dataEnd()));
        }
        if (flapping > 0) {
            parts.add(ReportFormat.count(flapping) + (flapping == 1 ? " keeps" : " keep")
                    + " reconnecting and dropping again" + period);
        }
        // the rest came back: said, so "5 keep dropping" is not read as the fate of all of them
        int reconnected = n - stillOffline - flapping;
        if (reconnected > 0) {
            parts.add("the other " + ReportFormat.count(reconnected) + (reconnected == 1 ? " has" : " have")
                    + " reconnected");
        }
        return " and " + String.join(", ", parts);
    }

    /** True when Resource Health was read but its statuses speak about another time than the window. */
    boolean healthOfAnotherTime() {
        Optional<Gap> g = gap(Gap.RESOURCE_HEALTH);
        return !health.present() && g.isPresent() && Coverage.ofAnotherTime(g.get());
    }

    /** Why hub health is unknown when Resource Health gave nothing usable, true of what happened. */
    String healthMissing() {
        if (notGiven(Gap.RESOURCE_HEALTH)) {
            return "no Resource Health file was given";
        }
        return healthOfAnotherTime() ? "the Resource Health given covers another time"
                : "Resource Health could not be read";
    }

    /** {@link #healthMissing} as the end of a sentence about the link: "it could not be read", "the file given …". */
    String healthMissingAsClause() {
        if (notGiven(Gap.RESOURCE_HEALTH)) {
            return "no Resource Health file was given";
        }
        return healthOfAnotherTime() ? "the file given covers another time" : "it could not be read";
    }

    /** True when the rows read reach into the window but an exported file lacks one of its ends. */
    boolean partlyCovered() {
        return coverage.isPresent() && coverage.get().shortfall() == Coverage.Shortfall.PART_OF_WINDOW;
    }

    /** A verdict drawn from what the rows do not hold, which rows missing from the window could overturn. */
    private static boolean restsOnAbsence(Verdict v) {
        return v == Verdict.NO_CONNECTION_ERRORS || v == Verdict.NO_DIAGNOSTIC_LOGS;
    }

    /** Connection-log gaps other than unreadable rows (a partial query result, the coverage of the export). */
    List<Gap> otherLogGaps() {
        List<Gap> other = new ArrayList<>();
        for (Gap g : evidence.gaps()) {
            if (g.source().equals(Gap.CONNECTION_LOGS) && g.kind() != Gap.Kind.UNREADABLE_ROWS) {
                other.add(g);
            }
        }
        return List.copyOf(other);
    }

    /** How much the window's unreadable error rows weigh: the one rule the finding and the confidence both follow. */
    enum UnreadableWeight {
        /** None, or too few to change the verdict and under {@link ConfidenceRules#UNREADABLE_SHARE}. */
        SLIGHT,
        /** Unable to change the verdict, but at least {@link ConfidenceRules#UNREADABLE_SHARE} of the error rows. */
        LARGE_SHARE,
        /** Enough to change the verdict ({@link #unreadableCouldChangeVerdict}). */
        COULD_CHANGE_VERDICT
    }

    UnreadableWeight unreadableWeight() {
        long u = unreadableWindowErrors();
        if (u == 0 || connections.isEmpty()) {
            return UnreadableWeight.SLIGHT;
        }
        if (unreadableCouldChangeVerdict()) {
            return UnreadableWeight.COULD_CHANGE_VERDICT;
        }
        return u >= ConfidenceRules.UNREADABLE_SHARE * windowErrorRows() ? UnreadableWeight.LARGE_SHARE
                : UnreadableWeight.SLIGHT;
    }

    /**
     * The minutes of the incident, from the onset's minute (or the cause's first error) to the minute of the cause's
     * last error; empty without a cause or its times.
     */
    Optional<TimeWindow> incidentMinutes() {
        Instant first = null;
        Instant last = null;
        for (FamilyStats f : causeStats) {
            if (f.firstSeen().isPresent() && (first == null || f.firstSeen().get().isBefore(first))) {
                first = f.firstSeen().get();
            }
            if (f.lastSeen().isPresent() && (last == null || f.lastSeen().get().isAfter(last))) {
                last = f.lastSeen().get();
            }
        }
        if (onset.isPresent() && (first == null || onset.get().isBefore(first))) {
            first = onset.get();
        }
        if (first == null || last == null || last.isBefore(first)) {
            return Optional.empty();
        }
        Instant from = first.truncatedTo(ChronoUnit.MINUTES);
        return Optional.of(new TimeWindow(from, last.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60)));
    }

    /** Unreadable error rows logged in the incident's minutes: devices the counts may be missing. */
    long unreadableInIncident() {
        Optional<TimeWindow> minutes = incidentMinutes();
        if (inputs.isEmpty() || minutes.isEmpty() || connections.isEmpty()) {
            return 0;
        }
        return inputs.get().unreadableErrorsBetween(minutes.get().start(), minutes.get().end().minusSeconds(60));
    }

    /**
     * Could the unreadable error rows of the window change the verdict? Each could be a device of its own: they
     * could make the errors explain the drop, break the cause's majority, or give another family one.
     */
    boolean unreadableCouldChangeVerdict() {
        long u = unreadableWindowErrors();
        if (u == 0) {
            return false;
        }
        Verdict v = decision.verdict();
        int all = allAffected();
        List<FamilyStats> families = allFamilies();
        int top = families.isEmpty() ? 0 : families.get(0).devices();
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
        long readable = 0;
        if (connections.isPresent()) {
            for (CodeStats c : connections.get().codes()) {
                readable += c.events() + c.noiseEvents();
            }
        }
        return readable + unreadableWindowErrors();
    }

    private long unreadableWindowErrors() {
        return inputs.isPresent() ? inputs.get().unreadableWindowErrors() : 0L;
    }

    int active() {
        return connections.isPresent() ? connections.get().activeDevices() : 0;
    }

    int affected() {
        return scope.affectedDevices();
    }

    int allAffected() {
        return connections.isPresent() ? connections.get().affectedDevices() : 0;
    }

    int disconnected() {
        return connections.isPresent() ? connections.get().disconnectedDevices() : 0;
    }

    /** Whether {@code source} was not given at all (an offline run without its file), rather than unreadable. */
    boolean notGiven(String source) {
        Optional<Gap> g = gap(source);
        return g.isPresent() && g.get().notGiven();
    }

    /** The devices set aside as chronic (failing the same way all through the baseline). */
    ConnectionEvidence.ChronicDevices chronic() {
        return connections.isPresent() ? connections.get().noise().chronic() : ConnectionEvidence.ChronicDevices.none();
    }

    /** Whether devices of family {@code f} were set aside as chronic (their events too, in the window and baseline). */
    boolean chronicOf(CauseFamily f) {
        ConnectionEvidence.ChronicDevices c = chronic();
        return c.devices() > 0 && c.families().contains(f);
    }

    /**
     * The devices of the duplicate-connection family when each was taken over at most once per code (409002,
     * 400027) and none keeps being taken over: what devices that reconnect (a network change, a failover) before the
     * hub has dropped their old link look like, where a second client with the same identity takes over again and
     * again. 0 otherwise, for fewer than 2 such devices, or when the baseline shows as many devices taken over again
     * and again (twins that retry slowly).
     */
    int singleTakeovers() {
        FamilyStats duplicates = null;
        for (FamilyStats f : causeStats) {
            if (f.family() == CauseFamily.DUPLICATE_CONNECTION) {
                duplicates = f;
            }
        }
        if (duplicates == null || duplicates.flapping() > 0 || duplicates.devices() < 2) {
            return 0;
        }
        for (CodeStats c : codes) {
            if (c.family() != CauseFamily.DUPLICATE_CONNECTION) {
                continue;
            }
            if (c.events() > c.devices()) {
                return 0;
            }
            // twins that retry slowly show one takeover in a short window, and their fight all through the
            // baseline: as many devices there, taken over twice or more each on average
            if (baseline.available() && 2L * c.baselineDevices() >= c.devices()
                    && c.baselineEvents() >= 2L * c.baselineDevices()) {
                return 0;
            }
        }
        return duplicates.devices();
    }

    /** Whether the rows came from exported files (a rerun then needs a new export, not only time). */
    boolean fromFiles() {
        return inputs.isPresent() && Inputs.FILES.equals(inputs.get().source());
    }

    /** The cause's devices on the subset's value (the concentration's count), else every affected device. */
    int onScopeValue() {
        return concentration.isPresent() ? concentration.get().onValue() : scope.affectedDevices();
    }

    /** Devices whose only errors fell in the last 2 minutes of the data, their follow-up not yet visible. */
    int edgeOfData() {
        return connections.isPresent() ? connections.get().noise().edgeOfDataDevices() : 0;
    }

    /**
     * Could the devices at the edge of the data turn a {@code NO_CONNECTION_ERRORS} around? Counted as affected,
     * they would reach the one-tenth rule.
     */
    boolean edgeCouldExplainDrop() {
        int edge = edgeOfData();
        return edge > 0 && allAffected() + edge >= options.explainsDropShare() * disconnected();
    }

    /**
     * The least fall in connected devices, as a share of those connected before it, that can point at a shutdown:
     * a hub's devices come and go all day (restarts, cellular hand-offs, SAS renewals), so a dip of a few devices
     * among hundreds says nothing about a shutdown, whatever the number of clean disconnects in the window.
     */
    static final double SHUTDOWN_MIN_DROP_SHARE = 0.05;

    /**
     * The fall in connected devices (before the drop to the lowest point, the figures of the headline and the
     * Devices line) as a share of those connected before it, when the metric has both and they fell.
     */
    OptionalDouble deviceDropShare() {
        if (deviceCount.isEmpty()) {
            return OptionalDouble.empty();
        }
        DeviceCount d = deviceCount.get();
        if (d.before().isEmpty() || d.min().isEmpty() || d.before().getAsDouble() <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.max(0, 1 - d.min().getAsDouble() / d.before().getAsDouble()));
    }

    /**
     * Is the fall in connected devices within routine churn: known, and less than
     * {@link #SHUTDOWN_MIN_DROP_SHARE} of the devices connected before it? Clean disconnects then point at nothing.
     */
    boolean dropWithinChurn() {
        OptionalDouble share = deviceDropShare();
        return share.isPresent() && share.getAsDouble() < SHUTDOWN_MIN_DROP_SHARE;
    }

    Optional<Gap> gap(String source) {
        for (Gap g : evidence.gaps()) {
            if (g.source().equals(source)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    Optional<CodeStats> mainCode() {
        return !causeCodes.isEmpty() ? Optional.of(causeCodes.get(0))
                : codes.isEmpty() ? Optional.empty() : Optional.of(codes.get(0));
    }

    Optional<FamilyStats> family(CauseFamily f) {
        return connections.isPresent() ? connections.get().family(f) : Optional.empty();
    }

    /** All families with devices, largest first. */
    List<FamilyStats> allFamilies() {
        if (connections.isEmpty()) {
            return List.of();
        }
        List<FamilyStats> families = new ArrayList<>(connections.get().families());
        families.sort(MOST_DEVICES_FIRST);
        return List.copyOf(families);
    }

    List<CodeStats> codesOf(CauseFamily f) {
        List<CodeStats> of = new ArrayList<>();
        for (CodeStats c : codes) {
            if (c.family() == f) {
                of.add(c);
            }
        }
        return List.copyOf(of);
    }

    String hubName() {
        return request.hub().name();
    }

    /** Families with the most devices first (stable: ties keep the evidence's order). */
    static final Comparator<FamilyStats> MOST_DEVICES_FIRST = new Comparator<>() {
        @Override
        public int compare(FamilyStats a, FamilyStats b) {
            return Integer.compare(b.devices(), a.devices());
        }
    };

    /** Codes by devices, then events, descending, then by code. */
    static final Comparator<CodeStats> BY_DEVICES_THEN_EVENTS = new Comparator<>() {
        @Override
        public int compare(CodeStats a, CodeStats b) {
            int byDevices = Integer.compare(b.devices(), a.devices());
            if (byDevices != 0) {
                return byDevices;
            }
            int byEvents = Long.compare(b.events(), a.events());
            return byEvents != 0 ? byEvents : a.code().compareTo(b.code());
        }
    };
}
