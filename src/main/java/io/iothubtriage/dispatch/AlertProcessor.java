package io.iothubtriage.dispatch;

import io.iothubtriage.alert.AlertIdentity;
import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.alert.MonitorCondition;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.diagnosis.TriageRun;
import io.iothubtriage.diagnosis.Verdict;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The queue worker's work: re-validate the message, consult the ledger, triage, decide what to post (full card,
 * "still ongoing" update, resolved message) once, and post it to every destination exactly once.
 * <ul>
 *   <li>A message whose notification was posted everywhere does nothing (action-group retries, redeliveries).</li>
 *   <li>One that stopped halfway resumes: destinations already posted are skipped.</li>
 *   <li>Retryable failures end in {@link RetryLaterException} (the queue redelivers); permanent ones are recorded
 *       with their reason and logged.</li>
 *   <li>A message that cannot be read gets the "automatic triage failed" notice at once, not five failures
 *       later.</li>
 * </ul>
 */
public final class AlertProcessor {
    private final AlertReader reader;
    private final TriageEngine engine;
    private final TriageLedger ledger;
    private final Outbox outbox;
    private final LedgeredPosting posting;
    private final FailureNotices failures;
    private final Options options;
    private final Clock clock;

    /**
     * @param notifyOnResolved post the resolved message
     * @param suppressRepeat   same hub and verdict within this → "still ongoing" update; zero = off
     */
    public record Options(boolean notifyOnResolved, Duration suppressRepeat) {
        public Options {
            Objects.requireNonNull(suppressRepeat, "suppressRepeat");
        }
    }

    public AlertProcessor(AlertReader reader, TriageEngine engine, TriageLedger ledger, Outbox outbox,
                          LedgeredPosting posting, FailureNotices failures, Options options, Clock clock) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.posting = Objects.requireNonNull(posting, "posting");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Handles one queue message.
     *
     * @param dequeueCount how many times the queue has delivered it, for the log
     * @throws RetryLaterException when a destination may accept it later; the queue redelivers the message
     * @throws LedgerException     when the ledger cannot be reached; also redelivered
     */
    public Outcome process(String text, long dequeueCount, StageLog log) {
        Instant started = clock.instant();
        QueueMessage message;
        TriageRequest request;
        try {
            message = QueueMessage.decode(text);
            request = reader.read(message.alertJson());
            if (request.alert().isEmpty()) {
                throw new BadInputException("alert", "carries no alert identity");
            }
        } catch (BadInputException e) {
            log.stage("rejected").with("dequeueCount", dequeueCount).with("reason", e.getMessage()).error();
            failures.post(text, "the queued triage request could not be read: " + e.getMessage(), log);
            return new Outcome("rejected", Optional.empty(), Optional.empty(), List.of());
        }
        AlertIdentity alert = request.alert().get();
        AlertKey key = new AlertKey(alert.alertId(), alert.condition());
        String hub = request.hub().resourceId();
        log.stage("dequeued").with("alertId", alert.alertId()).with("condition", alert.condition().wire())
                .with("hub", hub).with("requestId", message.requestId()).with("dequeueCount", dequeueCount)
                .millis("queued", Duration.between(message.receivedAt(), started)).info();

        List<Target> targets = outbox.targets();
        List<String> slots = targets.stream().map(Target::key).toList();
        ledger.open(key, hub, message.requestId());
        AlertEntry entry = ledger.update(key, AlertEntry::withAnotherRun);
        if (entry.finished(slots)) {
            log.stage("duplicate").with("alertId", alert.alertId()).with("hub", hub)
                    .with("plan", entry.plan().map(Enum::name).orElse("")).with("runs", entry.runs()).info();
            return new Outcome("duplicate", entry.plan().map(Enum::name), entry.verdict(), List.of());
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

        LedgeredPosting.Report report = posting.post(key, "", targets, prepared.notice(), log);
        // The summary line: everything needed to answer "how long did triage take and why" in one trace.
        StageLog.Line summary = log.stage("delivered").with("alertId", alert.alertId()).with("hub", hub)
                .with("plan", prepared.plan().name()).with("verdict", prepared.verdict().orElse(""));
        prepared.run().ifPresent(run -> summary.durations(StageLog.durations(run)).millis("triage", run.total()));
        summary.with("outcome", String.join(",", report.lines())).with("posted", report.posted())
                .with("possibleRepeats", report.possibleRepeats())
                .millis("total", Duration.between(started, clock.instant())).info();
        if (!report.retryReasons().isEmpty()) {
            throw new RetryLaterException("not delivered yet, will retry: " + String.join("; ", report.retryReasons()));
        }
        return new Outcome("delivered", Optional.of(prepared.plan().name()), prepared.verdict(), report.lines());
    }

    /** What to post, and the triage run behind it (none for resolved messages). */
    private record Prepared(Plan plan, Optional<String> verdict, Function<Boolean, Notice> notice,
                            Optional<TriageRun> run) {
    }

    private Prepared prepareFired(AlertKey key, AlertIdentity alert, TriageRequest request, AlertEntry entry,
                                  List<Target> targets, StageLog log) {
        TriageRun run = engine.run(request);
        TriageReport report = run.report();
        String verdict = report.verdict().name();
        log.stage("triaged").with("alertId", alert.alertId()).with("hub", request.hub().resourceId())
                .with("verdict", verdict).with("confidence", report.confidence().name())
                .with("gaps", report.gaps().size()).durations(StageLog.durations(run)).outcomes(run).millis("triage", run.total())
                .info();
        if (targets.isEmpty()) {
            ledger.update(key, e -> e.plan().isPresent() ? e : e.withPlan(Plan.NOTHING, Optional.of(verdict), 0));
            log.stage("no-destination").with("alertId", alert.alertId())
                    .with("reason", "none of TEAMS_WEBHOOK_URL, SLACK_WEBHOOK_URL, GENERIC_WEBHOOK_URL is set").warn();
            return new Prepared(Plan.NOTHING, Optional.of(verdict), pr -> null, Optional.of(run));
        }
        AlertEntry decided = entry.plan().isPresent() ? entry : decide(key, alert, request, verdict);
        Plan plan = decided.plan().orElse(Plan.FULL_CARD);
        if (plan == Plan.REPEAT_UPDATE) {
            Verdict recorded = decided.verdict().flatMap(AlertProcessor::verdictOf).orElse(report.verdict());
            int count = decided.repeatCount();
            log.stage("suppressed").with("alertId", alert.alertId()).with("hub", request.hub().resourceId())
                    .with("verdict", recorded.name()).with("firedCount", count).info();
            return new Prepared(plan, Optional.of(recorded.name()),
                    pr -> new Notice.RepeatUpdate(report, recorded, count, pr), Optional.of(run));
        }
        return new Prepared(Plan.FULL_CARD, Optional.of(verdict), pr -> new Notice.FullCard(report, pr),
                Optional.of(run));
    }

    /**
     * Decides full card or repeat update against the hub's flapping row (conditional write, re-read on conflict),
     * then records the decision on the alert's row. The hub row remembers the decision per alert, so a crash in
     * between re-finds it instead of counting the alert twice.
     */
    private AlertEntry decide(AlertKey key, AlertIdentity alert, TriageRequest request, String verdict) {
        HubEntry.Decision decision = null;
        for (int attempt = 0; attempt < 8 && decision == null; attempt++) {
            HubEntry hub = ledger.hub(request.hub().resourceId());
            Flapping.Outcome outcome = Flapping.decide(hub, key, verdict, alert.firedAt(), options.suppressRepeat());
            if (!outcome.changed() || ledger.save(outcome.hub()).isPresent()) {
                decision = outcome.decision();
            }
        }
        if (decision == null) {
            throw new LedgerException("too many concurrent writers on the flapping row of "
                    + request.hub().resourceId(), null);
        }
        HubEntry.Decision d = decision;
        return ledger.update(key, e -> e.plan().isPresent() ? e
                : e.withPlan(d.plan(), Optional.of(verdict), d.plan() == Plan.REPEAT_UPDATE ? d.count() : 1));
    }

    private Prepared prepareResolved(AlertKey key, AlertIdentity alert, TriageRequest request, List<Target> targets) {
        Optional<Verdict> firedVerdict = ledger.find(new AlertKey(alert.alertId(), MonitorCondition.FIRED))
                .flatMap(AlertEntry::verdict).flatMap(AlertProcessor::verdictOf);
        Optional<String> verdictName = firedVerdict.map(Enum::name);
        if (!options.notifyOnResolved() || targets.isEmpty()) {
            ledger.update(key, e -> e.plan().isPresent() ? e : e.withPlan(Plan.NOTHING, verdictName, 0));
            return new Prepared(Plan.NOTHING, verdictName, pr -> null, Optional.empty());
        }
        ledger.update(key, e -> e.plan().isPresent() ? e : e.withPlan(Plan.RESOLVED, verdictName, 0));
        return new Prepared(Plan.RESOLVED, verdictName,
                pr -> new Notice.Resolved(request.hub(), alert, firedVerdict, pr), Optional.empty());
    }

    private static Optional<Verdict> verdictOf(String name) {
        try {
            return Optional.of(Verdict.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
