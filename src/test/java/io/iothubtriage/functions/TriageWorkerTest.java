package io.iothubtriage.functions;

import io.iothubtriage.diagnosis.Verdict;
import io.iothubtriage.dispatch.LedgerException;
import io.iothubtriage.dispatch.Redrive;
import io.iothubtriage.dispatch.TriageLedger;
import io.iothubtriage.functions.testing.Alerts;
import io.iothubtriage.functions.testing.MutableClock;
import io.iothubtriage.functions.testing.RecordingOutbox;
import io.iothubtriage.functions.testing.StubEngine;
import io.iothubtriage.functions.testing.TestApp;
import io.iothubtriage.notify.Destination;
import io.iothubtriage.notify.Notification;
import io.iothubtriage.notify.ResolvedMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker and the failure path through their function methods, with the real parser, real queues and a real
 * ledger on Azurite (delays on the test's clock, see {@link SimHost}), and an in-memory outbox whose answers are
 * scripted (the end-to-end tests use real webhooks and real delivery).
 */
class TriageWorkerTest {
    private static final Instant FIRED = Instant.parse("2026-11-26T10:41:00Z");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:42:00Z"));
    private final StubEngine engine = new StubEngine(clock);

    private record World(TestApp builder, App app, SimHost host, RecordingOutbox outbox) {
        /** The action group calls with an alert that fired at {@code firedAt}, one minute later. */
        void fire(String payload, Instant firedAt) {
            if (firedAt.plusSeconds(60).isAfter(clockOf(this).instant())) {
                clockOf(this).set(firedAt.plusSeconds(60));
            }
            assertThat(host.post(payload).getStatusCode()).isEqualTo(202);
        }

        void settle() {
            host.settle(Duration.ofHours(2));
        }
    }

    private static MutableClock clockOf(World w) {
        return (MutableClock) w.app().clock();
    }

    private World world(RecordingOutbox outbox, String... settings) {
        TestApp b = TestApp.builder().engine(engine).outbox(outbox).clock(clock);
        for (int i = 0; i < settings.length; i += 2) {
            b.setting(settings[i], settings[i + 1]);
        }
        return world(b, outbox);
    }

    private World world(TestApp b, RecordingOutbox outbox) {
        App app = b.build();
        return new World(b, app, new SimHost(app, b.queue(), b.poison(), clock), outbox);
    }

    @Test
    void theSameAlertDeliveredThreeTimesYieldsOneCardAndOneTriage() {
        World w = world(new RecordingOutbox("teams"));
        String payload = Alerts.fired("dup", FIRED);
        w.fire(payload, FIRED);
        w.fire(payload, FIRED);
        w.fire(payload, FIRED);
        w.settle();

        assertThat(w.outbox().posts()).hasSize(1);
        assertThat(w.outbox().posts().get(0).notice()).isInstanceOf(Notification.FullCard.class);
        assertThat(w.outbox().posts().get(0).notice().possibleRepeat()).isFalse();
        assertThat(engine.requests()).hasSize(1);
        assertThat(w.host().stage("duplicate")).hasSize(2);
        assertThat(w.host().stage("triaged")).singleElement().asString()
                .contains("verdict=DEVICE_NETWORK_OR_KEEPALIVE").contains("connectionLogsMs=812")
                .contains("connectionLogs=OK").contains("metrics=TIMED_OUT")
                .contains("alertId=" + Alerts.alertId("dup"));
        assertThat(w.host().stage("finished")).anySatisfy(l -> assertThat(l).contains("status=delivered"));
    }

    @Test
    void theTriageRunsOnlyOnceTheWindowHasEndedAndItsLogsCanHaveLanded() {
        World w = world(new RecordingOutbox("teams"));
        w.fire(Alerts.fired("late", FIRED), FIRED);
        assertThat(w.builder().queue().delays()).containsExactly(Duration.ofMinutes(6));
        w.host().runDue();
        assertThat(engine.requests()).as("10:42: the window ends 10:46, logs land by 10:48").isEmpty();
        clock.set(Instant.parse("2026-11-26T10:48:00Z"));
        w.host().runDue();
        assertThat(engine.requests()).hasSize(1);
    }

    @Test
    void aRetryableFailureIsReDrivenWithADelayAndResumesWhereItStopped() {
        RecordingOutbox outbox = new RecordingOutbox("teams", "slack")
                .script(1, RecordingOutbox.unavailable());
        World w = world(outbox);
        w.fire(Alerts.fired("halfway", FIRED), FIRED);
        w.settle();

        assertThat(outbox.noticesTo(0)).as("teams posted once, not again on resume").hasSize(1);
        assertThat(outbox.noticesTo(1)).hasSize(2);
        assertThat(outbox.noticesTo(1).get(1).possibleRepeat()).as("a 503 means it did not arrive").isFalse();
        assertThat(w.host().stage("will-retry")).singleElement().asString().contains("attempt=1")
                .contains("delayMs=60000").contains(outbox.target(1).display() + ": HTTP 503");
    }

    @Test
    void aPermanentFailureOnTheOnlyDestinationEndsInTheFailureNoticeNotInDelivered() {
        RecordingOutbox outbox = new RecordingOutbox("teams")
                .script(0, RecordingOutbox.refused("HTTP 400 card rejected"));
        World w = world(outbox);
        w.fire(Alerts.fired("perm", FIRED), FIRED);
        w.settle();

        assertThat(outbox.noticesTo(0)).hasSize(2);
        assertThat(outbox.noticesTo(0).get(0)).isInstanceOf(Notification.FullCard.class);
        assertThat(outbox.noticesTo(0).get(1)).isInstanceOf(Notification.TriageFailed.class);
        assertThat(((Notification.TriageFailed) outbox.noticesTo(0).get(1)).reason()).contains("HTTP 400 card rejected");
        assertThat(w.host().stage("finished")).noneMatch(l -> l.contains("status=delivered"))
                .anyMatch(l -> l.contains("status=failed")).anyMatch(l -> l.contains("status=notice-posted"));
        assertThat(w.host().stage("giving-up")).singleElement().asString().contains("next=");
    }

    @Test
    void aPermanentFailureOnOneDestinationTellsTheOthersAndSaysPartiallyDelivered() {
        RecordingOutbox outbox = new RecordingOutbox("teams", "slack")
                .script(0, RecordingOutbox.refused("HTTP 404 workflow not found"));
        World w = world(outbox);
        w.fire(Alerts.fired("half", FIRED), FIRED);
        w.settle();

        assertThat(outbox.noticesTo(0)).hasSize(1);
        assertThat(outbox.noticesTo(1)).hasSize(2);
        assertThat(outbox.noticesTo(1).get(1)).isInstanceOf(Notification.Fallback.class);
        Notification.Fallback f = (Notification.Fallback) outbox.noticesTo(1).get(1);
        assertThat(f.refusedKind()).isEqualTo("teams");
        assertThat(f.reason()).contains("HTTP 404");
        assertThat(w.host().stage("finished")).singleElement().asString().contains("status=partially-delivered");
    }

    @Test
    void aCrashBetweenPostingAndRecordingPostsAgainMarkedAsAPossibleRepeatOnceTheLeaseIsOver() {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        outbox.crashAfterPost((t, n) -> outbox.posts().size() == 1 ? new IllegalStateException("host died") : null);
        World w = world(outbox);
        w.fire(Alerts.fired("crash", FIRED), FIRED);
        w.settle();

        assertThat(outbox.posts()).hasSize(2);
        assertThat(outbox.posts().get(0).notice().possibleRepeat()).isFalse();
        assertThat(outbox.posts().get(1).notice()).isInstanceOf(Notification.FullCard.class);
        assertThat(outbox.posts().get(1).notice().possibleRepeat()).isTrue();
        assertThat(engine.requests()).as("the redelivery after the crash posts the kept report").hasSize(1);
    }

    @Test
    void aTriageThatCrashesEveryTimeStillEndsInTheFailureNotice() {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        AtomicInteger runs = new AtomicInteger();
        TestApp b = TestApp.builder().outbox(outbox).clock(clock).engine(request -> {
            runs.incrementAndGet();
            throw new IllegalStateException("engine bug");
        });
        World w = world(b, outbox);
        w.fire(Alerts.fired("always-crashes", FIRED), FIRED);
        w.host().settle(Duration.ofHours(12));

        assertThat(outbox.noticesTo(0)).singleElement().isInstanceOf(Notification.TriageFailed.class);
        assertThat(runs.get()).as("the claim of a crashed triage is taken over once its lease is over")
                .isGreaterThan(1);
    }

    @Test
    void aRetryAfterATransientFailurePostsTheFirstTriageToEveryDestination() {
        RecordingOutbox outbox = new RecordingOutbox("teams", "slack")
                .script(1, RecordingOutbox.unavailable());
        World w = world(outbox);
        w.fire(Alerts.fired("one-verdict", FIRED), FIRED);
        // the first triage happens; then the evidence changes (late logs) before the retry
        w.host().runDue();
        clock.set(Instant.parse("2026-11-26T10:48:00Z"));
        w.host().runDue();
        assertThat(engine.requests()).hasSize(1);
        engine.verdict(Verdict.AUTHENTICATION_FAILURES);
        w.settle();

        assertThat(outbox.noticesTo(0)).singleElement().isInstanceOf(Notification.FullCard.class);
        assertThat(outbox.noticesTo(1)).hasSize(2).allSatisfy(n -> assertThat(n).isInstanceOf(Notification.FullCard.class));
        Notification.FullCard teams = (Notification.FullCard) outbox.noticesTo(0).get(0);
        Notification.FullCard slackRetry = (Notification.FullCard) outbox.noticesTo(1).get(1);
        assertThat(slackRetry.report()).as("the retry posts the first triage's report").isEqualTo(teams.report());
        assertThat(slackRetry.report().verdict()).isEqualTo(Verdict.DEVICE_NETWORK_OR_KEEPALIVE);
        assertThat(engine.requests()).as("one triage per alert").hasSize(1);
        assertThat(w.host().stage("triage-reused")).singleElement().asString()
                .contains("verdict=DEVICE_NETWORK_OR_KEEPALIVE").contains("alertId=" + Alerts.alertId("one-verdict"));
    }

    @Test
    void aPostThatTimedOutWithoutAnAnswerIsRetriedMarkedAsAPossibleRepeat() {
        RecordingOutbox outbox = new RecordingOutbox("teams")
                .script(0, RecordingOutbox.retryable("no answer within 15 s", java.util.OptionalInt.empty()));
        World w = world(outbox);
        w.fire(Alerts.fired("timeout", FIRED), FIRED);
        w.settle();
        assertThat(outbox.posts()).extracting(p -> p.notice().possibleRepeat()).containsExactly(false, true);
    }

    @Test
    void aResolvedAlertPostsTheResolvedMessageAfterTheCardWithTheFiredVerdict() {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        World w = world(outbox);
        w.fire(Alerts.fired("res", FIRED), FIRED);
        // Resolved two minutes later: it arrives before the fired alert's triage could run.
        w.fire(Alerts.resolved("res", FIRED, FIRED.plus(Duration.ofMinutes(2))), FIRED.plus(Duration.ofMinutes(2)));
        w.settle();

        assertThat(outbox.posts()).hasSize(2);
        assertThat(outbox.posts().get(0).notice()).isInstanceOf(Notification.FullCard.class);
        Notification n = outbox.posts().get(1).notice();
        assertThat(n).isInstanceOf(ResolvedMessage.class);
        assertThat(w.host().stage("delivered")).as("the resolved line names the fired alert's verdict")
                .anySatisfy(l -> assertThat(l).contains("plan=RESOLVED").contains("verdict=DEVICE_NETWORK_OR_KEEPALIVE"));
        assertThat(engine.requests()).as("no triage for a resolved alert").hasSize(1);
    }

    @Test
    void resolvedMessagesCanBeTurnedOff() {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        World w = world(outbox, "NOTIFY_ON_RESOLVED", "false");
        w.fire(Alerts.resolved("off", FIRED, FIRED.plusSeconds(600)), FIRED.plusSeconds(600));
        w.settle();
        assertThat(outbox.posts()).isEmpty();
        assertThat(w.host().stage("done")).singleElement().asString().contains("resolved notifications off");
    }

    @Test
    void aRepeatWithinTheWindowGetsTheShortUpdateWithTheCount() {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        World w = world(outbox);
        w.fire(Alerts.fired("f1", FIRED), FIRED);
        w.settle();
        w.fire(Alerts.fired("f2", FIRED.plus(Duration.ofMinutes(10))), FIRED.plus(Duration.ofMinutes(10)));
        w.settle();
        w.fire(Alerts.fired("f3", FIRED.plus(Duration.ofMinutes(20))), FIRED.plus(Duration.ofMinutes(20)));
        w.settle();
        engine.verdict(Verdict.AUTHENTICATION_FAILURES);
        w.fire(Alerts.fired("f4", FIRED.plus(Duration.ofMinutes(25))), FIRED.plus(Duration.ofMinutes(25)));
        w.settle();
        engine.verdict(Verdict.DEVICE_NETWORK_OR_KEEPALIVE);
        w.fire(Alerts.fired("f5", FIRED.plus(Duration.ofMinutes(26))), FIRED.plus(Duration.ofMinutes(26)));
        w.settle();

        List<Notification> notices = outbox.noticesTo(0);
        assertThat(notices).hasSize(5);
        assertThat(notices.get(0)).isInstanceOf(Notification.FullCard.class);
        assertThat(notices.get(1)).isInstanceOf(Notification.RepeatUpdate.class);
        assertThat(((Notification.RepeatUpdate) notices.get(1)).firedCount()).isEqualTo(2);
        assertThat(((Notification.RepeatUpdate) notices.get(2)).firedCount()).isEqualTo(3);
        assertThat(notices.get(3)).as("a different verdict").isInstanceOf(Notification.FullCard.class);
        assertThat(notices.get(4)).as("back to the first verdict: a new full card").isInstanceOf(Notification.FullCard.class);
    }

    @Test
    void aCardThatWasRefusedSuppressesNothingAndAHigherSeverityIsNeverSuppressed() {
        RecordingOutbox outbox = new RecordingOutbox("teams")
                .script(0, RecordingOutbox.refused("HTTP 400 card rejected"));
        World w = world(outbox);
        w.fire(Alerts.fired("s1", FIRED), FIRED);
        w.settle();
        w.fire(Alerts.fired("s2", FIRED.plus(Duration.ofMinutes(10))), FIRED.plus(Duration.ofMinutes(10)));
        w.settle();
        w.fire(Alerts.fired("s3", FIRED.plus(Duration.ofMinutes(12))).replace("\"Sev2\"", "\"Sev0\""),
                FIRED.plus(Duration.ofMinutes(12)));
        w.settle();

        List<Notification> cards = outbox.noticesTo(0).stream().filter(n -> !(n instanceof Notification.TriageFailed)).toList();
        assertThat(cards).as("refused card, then the card that never arrived, then Sev0 over Sev2")
                .hasSize(3).allMatch(n -> n instanceof Notification.FullCard);
    }

    @Test
    void suppressionCanBeTurnedOff() {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        World w = world(outbox, "SUPPRESS_REPEAT_MINUTES", "0");
        w.fire(Alerts.fired("g1", FIRED), FIRED);
        w.fire(Alerts.fired("g2", FIRED.plusSeconds(60)), FIRED.plusSeconds(60));
        w.settle();
        assertThat(outbox.posts()).allMatch(p -> p.notice() instanceof Notification.FullCard).hasSize(2);
    }

    @Test
    void aDestinationDownForTwoHoursGetsTheCardWhenItIsBack() {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        Instant back = FIRED.plus(Duration.ofHours(2));
        outbox.answer((t, n) -> clock.instant().isBefore(back)
                ? RecordingOutbox.unavailable() : null);
        World w = world(outbox);
        w.fire(Alerts.fired("down2h", FIRED), FIRED);
        w.host().settle(Duration.ofHours(4));

        List<Notification> delivered = outbox.noticesTo(0).subList(outbox.noticesTo(0).size() - 1,
                outbox.noticesTo(0).size());
        assertThat(delivered).singleElement().isInstanceOf(Notification.FullCard.class);
        assertThat(w.host().stage("giving-up")).isEmpty();
        assertThat(w.builder().queue().delays()).contains(Redrive.MAX_DELAY);
    }

    @Test
    void aDestinationThatNeverComesBackEndsInTheFailureNoticeAfterHours() {
        RecordingOutbox outbox = new RecordingOutbox("teams", "slack");
        outbox.answer((t, n) -> t.kind() == Destination.Kind.TEAMS && !(n instanceof Notification.TriageFailed)
                ? RecordingOutbox.unavailable() : null);
        World w = world(outbox);
        w.fire(Alerts.fired("poison", FIRED), FIRED);
        w.host().settle(Duration.ofHours(8));

        assertThat(outbox.noticesTo(1)).as("slack got the card and no notice").hasSize(1)
                .allMatch(n -> n instanceof Notification.FullCard);
        Notification last = outbox.noticesTo(0).get(outbox.noticesTo(0).size() - 1);
        assertThat(last).isInstanceOf(Notification.TriageFailed.class);
        Notification.TriageFailed failed = (Notification.TriageFailed) last;
        assertThat(failed.alert().alertId()).contains(Alerts.alertId("poison"));
        assertThat(failed.alert().hub().orElseThrow().name()).isEqualTo("contoso-hub");
        assertThat(failed.alert().severity()).isEqualTo("Sev2");
        assertThat(failed.alert().rule()).isEqualTo("contoso-hub-connected-devices");
        assertThat(failed.alert().firedAt()).contains(FIRED);
        assertThat(failed.alert().logsLink()).startsWith("https://portal.azure.com/#blade/")
                .contains("/timespan/2026-11-26T10%3A11%3A00Z%2F2026-11-26T10%3A46%3A00Z");
        assertThat(failed.reason()).contains("HTTP 503").contains("6 h");
        assertThat(w.host().stage("giving-up")).hasSize(1);
    }

    @Test
    void aLedgerThatCannotBeReachedOnANewInstanceReDrivesInsteadOfFailing() {
        AtomicBoolean down = new AtomicBoolean(true);
        RecordingOutbox outbox = new RecordingOutbox("teams");
        TestApp b = TestApp.builder().engine(engine).outbox(outbox).clock(clock);
        b.ledger(s -> down.get()
                ? new TriageLedger(io.iothubtriage.functions.testing.AzuriteTables.unreachable(), clock)
                : new TriageLedger(b.table(), clock));
        World w = world(b, outbox);
        w.fire(Alerts.fired("nodb", FIRED), FIRED);
        clock.set(Instant.parse("2026-11-26T10:48:00Z"));
        w.host().runDue();
        assertThat(w.host().stage("will-retry")).singleElement().asString().contains("ledger");
        down.set(false);
        w.settle();
        assertThat(outbox.posts()).singleElement().extracting(RecordingOutbox.Post::notice)
                .isInstanceOf(Notification.FullCard.class);
    }

    @Test
    void theFailurePathNeedsNoLedgerAndNoParser() {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        TestApp b = TestApp.builder().engine(engine).outbox(outbox).clock(clock)
                .ledger(s -> {
                    throw new LedgerException("ledger table unreachable: ConnectException", null);
                });
        World w = world(b, outbox);
        b.poison().hostPut(Alerts.fired("nodb-poison", FIRED));
        w.settle();
        assertThat(outbox.posts()).singleElement().extracting(RecordingOutbox.Post::notice)
                .isInstanceOf(Notification.TriageFailed.class);
    }

    @Test
    void aFailurePathThatFailsIsRetriedAndItsLastAttemptIsLoud() {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        outbox.crashAfterPost((t, n) -> new IllegalStateException("renderer bug"));
        World w = world(outbox);
        w.builder().poison().hostPut(Alerts.fired("broken-poison", FIRED));
        w.host().settle(Duration.ofDays(2));
        assertThat(w.host().stage("abandoned")).singleElement().asString()
                .contains("alertId=" + Alerts.alertId("broken-poison")).contains("payload=");
        assertThat(w.host().stage("will-retry").size()).isGreaterThan(5);
    }

    /**
     * Teams gets the alert's card, then the worker dies posting to Slack; the message as the host would move it to
     * the poison queue after five such crashes (as it is: no "done" list), taken off the requests queue.
     */
    private String cardOnTeamsThenACrash(RecordingOutbox outbox, World w, String name) {
        AtomicBoolean dies = new AtomicBoolean(true);
        outbox.crashAfterPost((t, n) -> dies.get() && t.kind() == Destination.Kind.SLACK
                ? new IllegalStateException("worker process killed") : null);
        w.fire(Alerts.fired(name, FIRED), FIRED);
        clock.set(FIRED.plus(Duration.ofMinutes(8))); // the window has ended and its logs can have landed
        assertThat(w.host().runWorker()).isEqualTo(1);
        assertThat(outbox.noticesTo(0)).singleElement().isInstanceOf(Notification.FullCard.class);
        dies.set(false);
        List<String> moved = w.builder().queue().drain();
        assertThat(moved).singleElement().asString().doesNotContain("\"done\"");
        return moved.get(0);
    }

    @Test
    void aMessageTheHostMovesToPoisonNotifiesOnlyTheDestinationsWithoutTheCard() {
        RecordingOutbox outbox = new RecordingOutbox("teams", "slack");
        World w = world(outbox);
        w.builder().poison().hostPut(cardOnTeamsThenACrash(outbox, w, "crashes-after-teams"));
        w.settle();

        assertThat(outbox.noticesTo(0)).as("teams has the card; the ledger says so")
                .singleElement().isInstanceOf(Notification.FullCard.class);
        assertThat(outbox.noticesTo(1)).hasSize(2);
        assertThat(outbox.noticesTo(1).get(1)).isInstanceOf(Notification.TriageFailed.class);
        assertThat(w.host().stage("notice-skipped")).singleElement().asString()
                .contains("destinations=\"" + outbox.target(0).display() + "\"")
                .contains("alertId=" + Alerts.alertId("crashes-after-teams"));
        assertThat(w.host().stage("finished")).anySatisfy(l -> assertThat(l).contains("status=notice-posted"));
    }

    @Test
    void aPoisonMessageWhoseLedgerCannotBeReadNotifiesEveryDestinationAndSaysWhy() {
        RecordingOutbox outbox = new RecordingOutbox("teams", "slack");
        World w = world(outbox);
        String moved = cardOnTeamsThenACrash(outbox, w, "ledger-down-in-poison");
        // a new instance whose table storage is down picks the poison message up
        TestApp down = TestApp.builder().engine(engine).outbox(outbox).clock(clock)
                .queues(w.builder().queue(), w.builder().poison()).ledger(s -> {
                    throw new LedgerException("ledger table unreachable: ConnectException", null);
                });
        SimHost host = new SimHost(down.build(), w.builder().queue(), w.builder().poison(), clock);
        w.builder().poison().hostPut(moved);
        host.settle(Duration.ofHours(1));

        assertThat(outbox.noticesTo(0)).hasSize(2);
        assertThat(outbox.noticesTo(0).get(1)).isInstanceOf(Notification.TriageFailed.class);
        assertThat(outbox.noticesTo(1).get(1)).isInstanceOf(Notification.TriageFailed.class);
        assertThat(host.stage("ledger-unavailable")).singleElement().asString()
                .contains("LedgerException").contains("notifying every destination");
    }

    @Test
    void unreadableMessagesGetTheNoticeAtOnce() {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        World w = world(outbox);
        w.builder().queue().hostPut("{\"version\":1,\"requestId\":\"r\",\"receivedAt\":\"2026-11-26T10:42:00Z\","
                + "\"alertId\":\"x\",\"hub\":\"" + Alerts.HUB + "\",\"alert\":{\"schemaId\":\"nope\"}}");
        w.builder().queue().hostPut("not json at all");
        w.settle();
        assertThat(outbox.posts()).hasSize(2).allMatch(p -> p.notice() instanceof Notification.TriageFailed);
        assertThat(w.host().stage("rejected")).hasSize(2);
    }

    @Test
    void aParserBugInTheWorkerEndsInTheNoticeWithTheEnvelopesEssentials() {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        TestApp b = TestApp.builder().engine(engine).outbox(outbox).clock(clock);
        World w = world(b, outbox);
        w.fire(Alerts.fired("bug", FIRED), FIRED);
        // the same queued message, read by a worker whose parser has a bug
        TestApp buggy = TestApp.builder().engine(engine).outbox(outbox).clock(clock)
                .queues(b.queue(), b.poison()).reader(json -> {
                    throw new NullPointerException("parser bug");
                });
        new SimHost(buggy.build(), b.queue(), b.poison(), clock).settle(Duration.ofHours(1));
        assertThat(outbox.posts()).singleElement().extracting(RecordingOutbox.Post::notice)
                .isInstanceOf(Notification.TriageFailed.class);
        Notification.TriageFailed f = (Notification.TriageFailed) outbox.posts().get(0).notice();
        assertThat(f.alert().alertId()).contains(Alerts.alertId("bug"));
        assertThat(f.reason()).contains("internal error NullPointerException");
    }

    @Test
    void afterTheSevenDayHoldTheFailurePathStillRetriesItsNoticeForADayFromTheHandOver() {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        AtomicInteger notices = new AtomicInteger();
        outbox.answer((t, n) -> n instanceof Notification.TriageFailed && notices.getAndIncrement() == 0
                ? RecordingOutbox.unavailable() : null);
        World w = world(outbox, "HEALTH_TIMEOUT", "abc");
        w.fire(Alerts.fired("held", FIRED), FIRED);
        w.host().settle(Duration.ofDays(8));

        assertThat(w.host().stage("held")).hasSizeGreaterThan(1000); // every 10 minutes for 7 days
        assertThat(w.host().stage("giving-up")).singleElement().asString().contains("7 days");
        assertThat(w.host().stage("abandoned")).as("one retryable failure is not the end").isEmpty();
        assertThat(w.host().stage("will-retry")).singleElement();
        assertThat(outbox.posts()).extracting(RecordingOutbox.Post::notice)
                .hasSize(2).allMatch(n -> n instanceof Notification.TriageFailed);
    }

    @Test
    void theFailurePathNeedsNoWorkerSettingAndTellsTheValidDestinationsWhenOneIsBroken() {
        RecordingOutbox outbox = new RecordingOutbox("slack");
        List<Integer> built = new java.util.ArrayList<>();
        TestApp b = TestApp.builder().engine(engine).clock(clock).outbox(outbox)
                .setting("HEALTH_TIMEOUT", "abc")
                .setting("TEAMS_WEBHOOK_URL", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/t/),"
                        + "https://example.com/not-a-workflow?sig=SECRETSIG")
                .setting("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX")
                .failureOutbox((s, skip) -> {
                    built.add(LiveApp.failureDestinations(s, skip).size());
                    return outbox;
                });
        World w = world(b, outbox);
        b.poison().hostPut(Alerts.fired("kv-poison", FIRED));
        w.settle();

        assertThat(built).as("only Slack is a valid destination").containsExactly(1);
        assertThat(outbox.posts()).singleElement().extracting(RecordingOutbox.Post::notice)
                .isInstanceOf(Notification.TriageFailed.class);
        assertThat(w.host().stage("misconfigured")).singleElement().asString()
                .contains("settings=TEAMS_WEBHOOK_URL ").contains("entry 1 of 2").contains("wrong kind")
                .doesNotContain("kv.vault").doesNotContain("SECRETSIG").doesNotContain("not-a-workflow");
        assertThat(w.host().stage("abandoned")).isEmpty();
    }

    @Test
    void theFailurePathGivesUpADayAfterTheHandOver() {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        outbox.answer((t, n) -> RecordingOutbox.unavailable());
        World w = world(outbox);
        Instant handedOver = clock.instant();
        w.builder().poison().hostPut(Alerts.fired("never", FIRED));
        w.host().settle(Duration.ofHours(23));
        assertThat(w.host().stage("abandoned")).isEmpty();
        w.host().settle(Duration.ofHours(3));
        assertThat(w.host().stage("abandoned")).singleElement().asString().contains("24 h");
        assertThat(clock.instant()).isBefore(handedOver.plus(Duration.ofHours(26)));
    }

    @Test
    void brokenWorkerSettingsHoldTheAlertInTheQueueWithAClearLine() {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        TestApp b = TestApp.builder().engine(engine).clock(clock)
                .setting("TEAMS_WEBHOOK_URL", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/t/)")
                .outbox(s -> {
                    LiveApp.destinations(s);
                    return outbox;
                });
        World w = world(b, outbox);
        w.fire(Alerts.fired("kv", FIRED), FIRED);
        w.host().settle(Duration.ofHours(1));
        assertThat(w.host().stage("misconfigured")).isNotEmpty().allSatisfy(l -> assertThat(l)
                .contains("settings=TEAMS_WEBHOOK_URL").contains("alerts stay queued").doesNotContain("kv.vault"));
        assertThat(w.host().stage("held")).isNotEmpty();
        assertThat(b.queue().approximateCount()).as("still queued").isEqualTo(1);
        assertThat(outbox.posts()).isEmpty();
    }

    @Test
    void aTestOrStaleNotificationGetsTheShortMessageAndNoTriage() {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        World w = world(outbox);
        // the portal's "test action group" payload carries a fixed sample date
        assertThat(w.host().post(Alerts.fired("sample", Instant.parse("2021-03-01T10:00:00Z"))).getStatusCode())
                .isEqualTo(202);
        w.settle();
        assertThat(engine.requests()).isEmpty();
        assertThat(outbox.posts()).singleElement().extracting(RecordingOutbox.Post::notice)
                .isInstanceOf(Notification.TestOrStale.class);
    }

    @Test
    void aBareAlertPayloadPutOnTheQueueByHandIsTriagedLikeAnyOther() {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        World w = world(outbox);
        clock.set(FIRED.plus(Duration.ofMinutes(8)));
        w.builder().queue().hostPut(Alerts.fired("bare", FIRED));
        w.builder().queue().hostPut(Alerts.fired("bare", FIRED));
        w.settle();
        assertThat(outbox.posts()).singleElement().extracting(RecordingOutbox.Post::notice)
                .isInstanceOf(Notification.FullCard.class);
    }

    @Test
    void withoutDestinationsTheAlertIsTriagedAndLoggedButNothingIsPosted() {
        RecordingOutbox outbox = new RecordingOutbox();
        World w = world(outbox);
        w.fire(Alerts.fired("none", FIRED), FIRED);
        w.settle();
        assertThat(w.host().stage("no-destination")).hasSize(1);
        assertThat(engine.requests()).hasSize(1);
    }

    @Test
    void aTriageHubsListIsCheckedByTheWorkerToo() {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        World w = world(outbox, "TRIAGE_HUBS", "/subscriptions/" + Alerts.SUBSCRIPTION
                + "/resourceGroups/rg-iot/providers/Microsoft.Devices/IotHubs/other-hub");
        clock.set(FIRED.plus(Duration.ofMinutes(8)));
        w.builder().queue().hostPut(Alerts.fired("foreign", FIRED));
        w.settle();
        assertThat(outbox.posts()).isEmpty();
        assertThat(engine.requests()).isEmpty();
        assertThat(w.host().stage("rejected")).singleElement().asString().contains("TRIAGE_HUBS");
    }

    @Test
    void aReDriveIsNeverAFailedInvocation() {
        RecordingOutbox outbox = new RecordingOutbox("teams")
                .script(0, RecordingOutbox.retryable("HTTP 429", java.util.OptionalInt.of(429)));
        World w = world(outbox);
        w.fire(Alerts.fired("nofail", FIRED), FIRED);
        w.settle();
        assertThat(w.host().contexts()).allSatisfy(c -> assertThat(c.records())
                .noneMatch(r -> r.getThrown() != null));
        assertThat(w.host().stage("finished")).anyMatch(l -> l.contains("status=will-retry"))
                .anyMatch(l -> l.contains("status=delivered"));
    }
}
