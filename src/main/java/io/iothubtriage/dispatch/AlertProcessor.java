package io.iothubtriage.dispatch;

import io.iothubtriage.alert.AlertIdentity;
import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.MonitorCondition;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.diagnosis.TriageRun;
import io.iothubtriage.diagnosis.Verdict;
import io.iothubtriage.diagnosis.PortalLinks;
import io.iothubtriage.notify.AlertFacts;
import io.iothubtriage.notify.Destination;
import io.iothubtriage.notify.Notification;
import io.iothubtriage.notify.ResolvedMessage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The queue worker's work on one request: read it, consult the ledger, triage, decide what to post (full card,
 * "still ongoing" update, resolved message, test-or-stale message) once, and post it to every destination exactly
 * once. An alert is triaged once: the report is kept with the plan ({@link StoredReport}), and a retry or a
 * redelivery posts that report instead of triaging again. Every request ends visibly:
 * <ul>
 *   <li>posted everywhere → {@code delivered}; a redelivery of it does nothing ({@code duplicate});</li>
 *   <li>a destination that may accept it later (429, 5xx, timeouts, another invocation posting it right now), or
 *       a ledger that cannot be reached → queued again with a growing delay ({@link Redrive});</li>
 *   <li>a destination that refuses it for good → the others get a plain fallback notice
 *       ({@code partially-delivered}); with no other destination that has it, the failure path
 *       ({@code failed});</li>
 *   <li>a payload that cannot be read → the failure path at once, with what can be read of it.</li>
 * </ul>
 * Nothing here throws for a failure it can name; what escapes is a bug or a queue that cannot be written, and the
 * host's redelivery (then the poison queue) takes it from there.
 */
public final class AlertProcessor {
    /** How long a Resolved message waits for its Fired card before it is posted anyway. */
    static final Duration RESOLVED_WAITS_AT_MOST = Duration.ofMinutes(30);
    static final Duration RESOLVED_WAIT_STEP = Duration.ofMinutes(2);
    static final String FALLBACK_SLOT = "fallback:";
    static final String TEST_SLOT = "test:";
    /**
     * How long a claim on an alert's triage holds off duplicates: longer than a triage takes (the sources time out
     * within a minute); a claim older than this is of an invocation that died, and the next one triages.
     */
    static final Duration TRIAGE_LEASE = Duration.ofMinutes(3);

    private final AlertReader reader;
    private final TriageEngine engine;
    private final TriageLedger ledger;
    private final Outbox outbox;
    private final LedgeredPosting posting;
    private final Redrive redrive;
    private final FailureNotices describe;
    private final Set<HubId> allowedHubs;
    private final Options options;
    private final Clock clock;

    /**
     * @param notifyOnResolved post the resolved message
     * @param suppressRepeat   same hub, verdict and rule within this → "still ongoing" update; zero = off
     */
    public record Options(boolean notifyOnResolved, Duration suppressRepeat) {
        public Options {
            Objects.requireNonNull(suppressRepeat, "suppressRepeat");
        }
    }

    public AlertProcessor(AlertReader reader, TriageEngine engine, TriageLedger ledger, Outbox outbox,
                          LedgeredPosting posting, Redrive redrive, FailureNotices describe, Set<HubId> allowedHubs,
                          Options options, Clock clock) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.posting = Objects.requireNonNull(posting, "posting");
        this.redrive = Objects.requireNonNull(redrive, "redrive");
        this.describe = Objects.requireNonNull(describe, "describe");
        this.allowedHubs = Set.copyOf(allowedHubs);
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Handles one decoded request; see the class comment for how it ends. */
    public Outcome process(QueueMessage message, long dequeueCount, StageLog log) {
        if (QueueMessage.KIND_UNREADABLE.equals(message.kind())) {
            return redrive.toFailurePath(message, message.reason(), List.of(), log);
        }
        TriageRequest request;
        try {
            request = reader.read(message.alert());
            if (request.alert().isEmpty()) {
                throw new BadInputException("alert", "carries no alert identity");
            }
        } catch (BadInputException e) {
            log.stage("rejected").with("dequeueCount", dequeueCount).with("reason", e.getMessage()).error();
            return redrive.toFailurePath(message, "the queued alert could not be read: " + e.getMessage(), List.of(),
                    log);
        } catch (RuntimeException e) {
            // The parser's own bug: retrying cannot help; the failure path speaks of the alert from its envelope.
            log.stage("read-failed").with("dequeueCount", dequeueCount).with("reason", e.toString()).error();
            return redrive.toFailurePath(message, "the alert could not be read (internal error "
                    + e.getClass().getSimpleName() + ")", List.of(), log);
        }
        if (!allowedHubs.isEmpty() && !allowedHubs.contains(request.hub())) {
            log.stage("rejected").with("hub", request.hub().resourceId())
                    .with("reason", "the hub is not one of TRIAGE_HUBS").warn();
            return Outcome.of("rejected");
        }
        try {
            return handle(message, request, dequeueCount, log);
        } catch (LedgerException e) {
            return redrive.later(message, "ledger: " + e.getMessage(), List.of(), log);
        }
    }

    private Outcome handle(QueueMessage message, TriageRequest request, long dequeueCount, StageLog log) {
        Instant started = clock.instant();
        AlertIdentity alert = request.alert().get();
        AlertKey key = new AlertKey(alert.alertId(), alert.condition());
        String hub = request.hub().resourceId();
        log.stage("dequeued").with("alertId", alert.alertId()).with("condition", alert.condition().wire())
                .with("hub", hub).with("requestId", message.requestId()).with("dequeueCount", dequeueCount)
                .with("attempt", message.attempt()).millis("queued", Duration.between(message.receivedAt(), started))
                .info();
        List<Destination> targets = outbox.destinations();
        List<String> slots = targets.stream().map(Destination::ledgerKey).toList();
        String claim = log.invocationId() + "#" + java.util.UUID.randomUUID().toString().substring(0, 8);
        AlertEntry entry = ledger.open(key, hub, message.requestId(), claim);
        if (entry.finished(slots) && fallbacksDone(entry, slots)) {
            log.stage("duplicate").with("alertId", alert.alertId()).with("hub", hub)
                    .with("plan", entry.plan().map(Enum::name).orElse("")).info();
            return new Outcome("duplicate", entry.plan().map(Enum::name), entry.verdict(), List.of());
        }
        if (message.testOrStale()) {
            return testOrStale(message, key, targets, log);
        }
        if (alert.condition() == MonitorCondition.RESOLVED) {
            Optional<Outcome> waiting = waitForFiredCard(message, alert, log);
            if (waiting.isPresent()) {
                return waiting.get();
            }
        }
        if (alert.condition() == MonitorCondition.FIRED && entry.plan().isEmpty()) {
            Optional<AlertEntry> mine = claimTriage(key, entry, claim);
            if (mine.isEmpty()) {
                // A re-drive, not a plain wait: a triage that crashes every time must still reach the failure path
                // (re-queued messages start a new dequeue count, so the host's poison move would never come).
                return redrive.later(message, "another invocation is triaging this alert", List.of(), log);
            }
            entry = mine.get();
        }
        Prepared prepared = alert.condition() == MonitorCondition.RESOLVED
                ? prepareResolved(key, alert, request, targets)
                : prepareFired(key, alert, request, entry, targets, log);
        if (prepared.plan() == Plan.NOTHING) {
            log.stage("done").with("alertId", alert.alertId()).with("hub", hub).with("plan", "NOTHING")
                    .with("reason", targets.isEmpty() ? "no destination configured" : "resolved notifications off")
                    .millis("total", Duration.between(started, clock.instant())).info();
            return new Outcome("nothing-to-post", Optional.of(Plan.NOTHING.name()), prepared.verdict(), List.of());
        }

        LedgeredPosting.Report report = posting.post(key, "", targets, prepared.notification().orElseThrow(), log);
        if (prepared.plan() == Plan.FULL_CARD && !report.served().isEmpty()) {
            ledger.cardPosted(hub, new Flapping.Firing(prepared.verdict().orElse(""), alert.firedAt(), alert.rule(),
                    alert.severity()));
        }
        // The summary line: everything needed to answer "how long did triage take and why" in one trace.
        StageLog.Line summary = log.stage("delivered").with("alertId", alert.alertId()).with("hub", hub)
                .with("plan", prepared.plan().name()).with("verdict", prepared.verdict().orElse(""));
        prepared.run().ifPresent(run -> summary.durations(StageLog.durations(run)).millis("triage", run.total()));
        summary.with("outcome", String.join(",", report.lines())).with("posted", report.posted())
                .with("possibleRepeats", report.possibleRepeats())
                .millis("total", Duration.between(started, clock.instant())).info();
        return settle(message, key, alert, request.hub(), prepared, report, log);
    }

    /** How the posts ended decides the status: retry later, tell the others, or the failure path. */
    private Outcome settle(QueueMessage message, AlertKey key, AlertIdentity alert, HubId hub, Prepared prepared,
                           LedgeredPosting.Report report, StageLog log) {
        Optional<String> plan = Optional.of(prepared.plan().name());
        if (!report.retryReasons().isEmpty()) {
            Outcome later = redrive.later(message, String.join("; ", report.retryReasons()), report.served(), log);
            return new Outcome(later.status(), plan, prepared.verdict(), report.lines());
        }
        if (report.refused().isEmpty()) {
            return new Outcome("delivered", plan, prepared.verdict(), report.lines());
        }
        String reasons = refusedReasons(report.refused());
        if (report.served().isEmpty()) {
            Outcome failed = redrive.toFailurePath(message, "every destination refused the "
                    + prepared.plan().name().toLowerCase().replace('_', ' ') + " for good: " + reasons, List.of(), log);
            return new Outcome(failed.status(), plan, prepared.verdict(), report.lines());
        }
        // Some have it, some refused it for good: tell the ones that have it, once (ledger slot fallback:<dest>).
        List<Destination> told = outbox.destinations().stream().filter(d -> report.served().contains(d.ledgerKey())).toList();
        String refusedKinds = String.join(", ", outbox.destinations().stream()
                .filter(d -> report.refused().containsKey(d.ledgerKey())).map(d -> d.kind().label()).toList());
        AlertFacts essentials = describe.describe(message);
        LedgeredPosting.Report fallback = posting.post(key, FALLBACK_SLOT, told,
                new Notification.Fallback(essentials, refusedKinds, reasons, false), log);
        List<String> lines = new ArrayList<>(report.lines());
        fallback.lines().forEach(l -> lines.add("fallback:" + l));
        if (!fallback.retryReasons().isEmpty()) {
            Outcome later = redrive.later(message, "fallback notice: " + String.join("; ", fallback.retryReasons()),
                    report.served(), log);
            return new Outcome(later.status(), plan, prepared.verdict(), lines);
        }
        log.stage("partially-delivered").with("alertId", alert.alertId()).with("hub", hub.resourceId())
                .with("refused", String.join(",", report.refused().keySet())).with("reason", reasons).error();
        return new Outcome("partially-delivered", plan, prepared.verdict(), lines);
    }

    private static String refusedReasons(Map<String, String> refused) {
        List<String> parts = new ArrayList<>();
        refused.forEach((k, v) -> parts.add(k + " " + v));
        return String.join("; ", parts);
    }

    /** A refused destination whose fallback notices are not out yet keeps the entry open. */
    private static boolean fallbacksDone(AlertEntry entry, List<String> slots) {
        boolean anyRefused = slots.stream().anyMatch(s -> entry.delivery(s).state() == PostState.FAILED);
        boolean anyPosted = slots.stream().anyMatch(s -> entry.delivery(s).state() == PostState.POSTED);
        if (!anyRefused || !anyPosted) {
            return true;
        }
        return slots.stream().filter(s -> entry.delivery(s).state() == PostState.POSTED)
                .allMatch(s -> entry.delivery(FALLBACK_SLOT + s).state().isFinal());
    }

    private Outcome testOrStale(QueueMessage message, AlertKey key, List<Destination> targets, StageLog log) {
        AlertFacts essentials = describe.describe(message);
        log.stage("test-or-stale").with("alertId", message.alertId()).with("hub", message.hub())
                .with("rule", message.rule()).with("firedAt", message.firedAt().map(Instant::toString).orElse(""))
                .info();
        if (targets.isEmpty()) {
            return Outcome.of("nothing-to-post");
        }
        ledger.update(key, e -> e.plan().isPresent() ? e : e.withPlan(Plan.TEST_OR_STALE, Optional.empty(), 0));
        LedgeredPosting.Report report = posting.post(key, "", targets,
                new Notification.TestOrStale(essentials, false), log);
        if (!report.retryReasons().isEmpty()) {
            return redrive.later(message, String.join("; ", report.retryReasons()), report.served(), log);
        }
        return new Outcome(report.refused().isEmpty() ? "delivered"
                : report.served().isEmpty() ? "failed" : "partially-delivered",
                Optional.of(Plan.TEST_OR_STALE.name()), Optional.empty(), report.lines());
    }

    /**
     * A Resolved message is never posted before its Fired card: while the Fired notification is known and not
     * finished, the Resolved one waits (at most {@link #RESOLVED_WAITS_AT_MOST} after it arrived).
     */
    private Optional<Outcome> waitForFiredCard(QueueMessage message, AlertIdentity alert, StageLog log) {
        if (Duration.between(message.receivedAt(), clock.instant()).compareTo(RESOLVED_WAITS_AT_MOST) > 0) {
            return Optional.empty();
        }
        Optional<AlertEntry> fired = ledger.find(new AlertKey(alert.alertId(), MonitorCondition.FIRED));
        List<String> slots = outbox.destinations().stream().map(Destination::ledgerKey).toList();
        if (fired.isPresent() && !fired.get().finished(slots)) {
            return Optional.of(redrive.wait(message, RESOLVED_WAIT_STEP, "the fired card is not out yet", log));
        }
        return Optional.empty();
    }

    /**
     * The row with this invocation's claim on the triage, or with the plan another invocation decided meanwhile;
     * empty while another invocation's claim is within {@link #TRIAGE_LEASE} (it is triaging right now).
     */
    private Optional<AlertEntry> claimTriage(AlertKey key, AlertEntry entry, String claim) {
        if (claim.equals(entry.delivery(TriageLedger.TRIAGE_SLOT).owner())) {
            return Optional.of(entry);
        }
        Instant now = clock.instant();
        AlertEntry after = ledger.update(key, e -> {
            Delivery t = e.delivery(TriageLedger.TRIAGE_SLOT);
            boolean held = t.state() == PostState.POSTING && !t.owner().isEmpty()
                    && Duration.between(t.since(), now).compareTo(TRIAGE_LEASE) < 0;
            return e.plan().isPresent() || held ? e : e.withDelivery(TriageLedger.TRIAGE_SLOT, t.claimed(claim, now));
        });
        boolean ours = claim.equals(after.delivery(TriageLedger.TRIAGE_SLOT).owner());
        return ours || after.plan().isPresent() ? Optional.of(after) : Optional.empty();
    }

    /** What to post, and the triage run behind it (none for resolved messages). */
    private record Prepared(Plan plan, Optional<String> verdict, Optional<Notification> notification,
                            Optional<TriageRun> run) {
    }

    private Prepared prepareFired(AlertKey key, AlertIdentity alert, TriageRequest request, AlertEntry entry,
                                  List<Destination> targets, StageLog log) {
        String hub = request.hub().resourceId();
        Optional<TriageReport> kept = entry.report().flatMap(json -> restore(json, alert, log));
        Optional<TriageRun> run = Optional.empty();
        TriageReport report;
        if (kept.isPresent()) {
            report = kept.get();
            log.stage("triage-reused").with("alertId", alert.alertId()).with("hub", hub)
                    .with("verdict", report.verdict().name()).with("generatedAt", report.generatedAt().toString())
                    .info();
        } else {
            TriageRun fresh = engine.run(request);
            run = Optional.of(fresh);
            report = fresh.report();
            log.stage("triaged").with("alertId", alert.alertId()).with("hub", hub)
                    .with("verdict", report.verdict().name()).with("confidence", report.confidence().name())
                    .with("gaps", report.gaps().size()).durations(StageLog.durations(fresh)).outcomes(fresh)
                    .millis("triage", fresh.total()).info();
        }
        String verdict = report.verdict().name();
        if (targets.isEmpty()) {
            ledger.update(key, e -> e.plan().isPresent() ? e : e.withPlan(Plan.NOTHING, Optional.of(verdict), 0));
            log.stage("no-destination").with("alertId", alert.alertId())
                    .with("reason", "none of TEAMS_WEBHOOK_URL, SLACK_WEBHOOK_URL, GENERIC_WEBHOOK_URL is set").warn();
            return new Prepared(Plan.NOTHING, Optional.of(verdict), Optional.empty(), run);
        }
        AlertEntry decided = entry.plan().isPresent() ? entry
                : decide(key, alert, request, verdict, storable(report, alert, log));
        if (kept.isEmpty()) {
            // Another invocation may have decided (and stored its triage) first: post that one, so every
            // destination gets one verdict for the alert.
            Optional<TriageReport> theirs = decided.report().flatMap(json -> restore(json, alert, log));
            if (theirs.isPresent() && !theirs.get().equals(report)) {
                report = theirs.get();
                log.stage("triage-reused").with("alertId", alert.alertId()).with("hub", hub)
                        .with("verdict", report.verdict().name()).with("reason", "decided by another invocation")
                        .info();
            }
        }
        TriageReport posted = report;
        Plan plan = decided.plan().orElse(Plan.FULL_CARD);
        if (plan == Plan.REPEAT_UPDATE) {
            Verdict recorded = decided.verdict().flatMap(AlertProcessor::verdictOf).orElse(posted.verdict());
            int count = decided.repeatCount();
            log.stage("suppressed").with("alertId", alert.alertId()).with("hub", hub)
                    .with("verdict", recorded.name()).with("firedCount", count).info();
            return new Prepared(plan, Optional.of(recorded.name()),
                    Optional.of(new Notification.RepeatUpdate(posted, recorded, count, false)), run);
        }
        return new Prepared(Plan.FULL_CARD, Optional.of(posted.verdict().name()),
                Optional.of(new Notification.FullCard(posted, false, false)), run);
    }

    /** The report as the ledger keeps it, when it fits one row (it always should: the report is bounded). */
    private static Optional<String> storable(TriageReport report, AlertIdentity alert, StageLog log) {
        String json = StoredReport.json(report);
        if (StoredReport.fits(json)) {
            return Optional.of(json);
        }
        log.stage("report-not-kept").with("alertId", alert.alertId()).with("chars", json.length())
                .with("reason", "the report does not fit one ledger row; a retry triages again").warn();
        return Optional.empty();
    }

    /** A kept report; empty (triage again) when another version of the app wrote it in a form this one cannot read. */
    private static Optional<TriageReport> restore(String json, AlertIdentity alert, StageLog log) {
        try {
            return Optional.of(StoredReport.report(json));
        } catch (RuntimeException e) {
            log.stage("report-unreadable").with("alertId", alert.alertId()).with("reason", e.toString()).warn();
            return Optional.empty();
        }
    }

    /**
     * Decides full card or repeat update against the hub's flapping row (conditional write, re-read on conflict
     * after a short jittered wait), then records the decision on the alert's row. The hub row remembers the
     * decision per alert, so a crash in between re-finds it instead of counting the alert twice.
     */
    private AlertEntry decide(AlertKey key, AlertIdentity alert, TriageRequest request, String verdict,
                              Optional<String> reportJson) {
        HubEntry.Decision decision = null;
        Flapping.Firing firing = new Flapping.Firing(verdict, alert.firedAt(), alert.rule(), alert.severity());
        for (int attempt = 0; attempt < 8 && decision == null; attempt++) {
            HubEntry hub = ledger.hub(request.hub().resourceId());
            Flapping.Outcome outcome = Flapping.decide(hub, key, firing, options.suppressRepeat());
            if (!outcome.changed() || ledger.save(outcome.hub()).isPresent()) {
                decision = outcome.decision();
            } else {
                TriageLedger.backOff(attempt);
            }
        }
        if (decision == null) {
            throw new LedgerException("too many concurrent writers on the flapping row of "
                    + request.hub().resourceId(), null);
        }
        HubEntry.Decision d = decision;
        return ledger.update(key, e -> e.plan().isPresent() ? e
                : e.withPlan(d.plan(), Optional.of(verdict), d.plan() == Plan.REPEAT_UPDATE ? d.count() : 1)
                        .withReport(reportJson).withDelivery(TriageLedger.TRIAGE_SLOT,
                                e.delivery(TriageLedger.TRIAGE_SLOT).posted(clock.instant())));
    }

    private Prepared prepareResolved(AlertKey key, AlertIdentity alert, TriageRequest request, List<Destination> targets) {
        Optional<String> verdictName = ledger.find(new AlertKey(alert.alertId(), MonitorCondition.FIRED))
                .flatMap(AlertEntry::verdict).flatMap(AlertProcessor::verdictOf).map(Enum::name);
        if (!options.notifyOnResolved() || targets.isEmpty()) {
            ledger.update(key, e -> e.plan().isPresent() ? e : e.withPlan(Plan.NOTHING, verdictName, 0));
            return new Prepared(Plan.NOTHING, verdictName, Optional.empty(), Optional.empty());
        }
        ledger.update(key, e -> e.plan().isPresent() ? e : e.withPlan(Plan.RESOLVED, verdictName, 0));
        return new Prepared(Plan.RESOLVED, verdictName,
                Optional.of(new ResolvedMessage(request.hub(), alert, OptionalDouble.empty(), OptionalDouble.empty(),
                        PortalLinks.hubOverview(request.hub()))), Optional.empty());
    }

    private static Optional<Verdict> verdictOf(String name) {
        try {
            return Optional.of(Verdict.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
