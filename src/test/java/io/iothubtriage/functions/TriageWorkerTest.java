package io.iothubtriage.functions;

import io.iothubtriage.diagnosis.Verdict;
import io.iothubtriage.dispatch.Notice;
import io.iothubtriage.dispatch.PostOutcome;
import io.iothubtriage.dispatch.RetryLaterException;
import io.iothubtriage.functions.testing.Alerts;
import io.iothubtriage.functions.testing.FakeContext;
import io.iothubtriage.functions.testing.FakeHttpRequest;
import io.iothubtriage.functions.testing.FakeOutput;
import io.iothubtriage.functions.testing.MutableClock;
import io.iothubtriage.functions.testing.RecordingOutbox;
import io.iothubtriage.functions.testing.StubEngine;
import io.iothubtriage.functions.testing.TestApp;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The worker's logic through its function method, with the real parser and a real ledger on Azurite, and an
 * in-memory outbox whose answers are scripted (the end-to-end tests use real webhooks and real delivery).
 */
class TriageWorkerTest {
    private static final Instant FIRED = Instant.parse("2026-11-26T10:41:00Z");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:42:00Z"));
    private final StubEngine engine = new StubEngine(clock);

    private App app(RecordingOutbox outbox, String... settings) {
        TestApp b = TestApp.builder().engine(engine).outbox(outbox).clock(clock);
        for (int i = 0; i < settings.length; i += 2) {
            b.setting(settings[i], settings[i + 1]);
        }
        return b.build();
    }

    private static String enqueue(App app, String payload) {
        FakeOutput<String> queue = new FakeOutput<>();
        var r = new AlertWebhook(app).run(FakeHttpRequest.post("/api/alerts", "application/json", payload), queue,
                new FakeContext("alerts"));
        assertThat(r.getStatusCode()).isEqualTo(202);
        return queue.getValue();
    }

    private static FakeContext work(App app, String message, long dequeueCount) {
        FakeContext ctx = new FakeContext("triage-worker");
        new TriageWorker(app).run(message, dequeueCount, ctx);
        return ctx;
    }

    @Test
    void theSameAlertDeliveredThreeTimesYieldsOneCard() {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        App app = app(outbox);
        String payload = Alerts.fired("dup", FIRED);
        List<String> messages = List.of(enqueue(app, payload), enqueue(app, payload), enqueue(app, payload));

        List<FakeContext> runs = new ArrayList<>();
        for (String m : messages) {
            runs.add(work(app, m, 1));
        }

        assertThat(outbox.posts()).hasSize(1);
        assertThat(outbox.posts().get(0).notice()).isInstanceOf(Notice.FullCard.class);
        assertThat(outbox.posts().get(0).notice().possibleRepeat()).isFalse();
        assertThat(engine.requests()).hasSize(1);
        assertThat(runs.get(1).stage("duplicate")).hasSize(1);
        assertThat(runs.get(2).stage("duplicate")).hasSize(1);
        assertThat(runs.get(0).stage("triaged")).singleElement().asString()
                .contains("verdict=DEVICE_NETWORK_OR_KEEPALIVE").contains("connectionLogsMs=812")
                .contains("resourceHealthMs=230").contains("metricsMs=190").contains("triageMs=845")
                .contains("connectionLogs=OK").contains("metrics=TIMED_OUT")
                .contains("alertId=" + Alerts.alertId("dup"));
        assertThat(runs.get(0).stage("delivered")).singleElement().asString()
                .contains("outcome=teams-00000000:posted").contains("plan=FULL_CARD")
                .contains("verdict=DEVICE_NETWORK_OR_KEEPALIVE").contains("connectionLogsMs=812")
                .contains("triageMs=845").contains("alertId=" + Alerts.alertId("dup"));
    }

    @Test
    void aMessageRedeliveredAfterItWasFullyHandledDoesNothing() {
        RecordingOutbox outbox = new RecordingOutbox("teams", "slack");
        App app = app(outbox);
        String message = enqueue(app, Alerts.fired("redeliver", FIRED));
        work(app, message, 1);
        FakeContext again = work(app, message, 2);

        assertThat(outbox.posts()).hasSize(2);
        assertThat(outbox.noticesTo(0)).hasSize(1);
        assertThat(outbox.noticesTo(1)).hasSize(1);
        assertThat(again.stage("duplicate")).singleElement().asString().contains("runs=2");
        assertThat(engine.requests()).hasSize(1);
    }

    @Test
    void aRetryableFailureThrowsAndTheRedeliveryResumesWhereItStopped() {
        RecordingOutbox outbox = new RecordingOutbox("teams", "slack")
                .script(1, new PostOutcome.Retryable("HTTP 503 after 3 attempts", false));
        App app = app(outbox);
        String message = enqueue(app, Alerts.fired("halfway", FIRED));

        assertThatThrownBy(() -> work(app, message, 1)).isInstanceOf(RetryLaterException.class)
                .hasMessageContaining("https://slack.example.net: HTTP 503");
        work(app, message, 2);

        assertThat(outbox.noticesTo(0)).as("teams posted once, not again on resume").hasSize(1);
        assertThat(outbox.noticesTo(1)).hasSize(2);
        assertThat(outbox.noticesTo(1).get(1).possibleRepeat()).as("a 503 means it did not arrive").isFalse();
    }

    @Test
    void aPermanentFailureIsRecordedWithItsReasonAndNotRetried() {
        RecordingOutbox outbox = new RecordingOutbox("slack")
                .script(0, new PostOutcome.Permanent("HTTP 404 no_service: webhook not found"));
        App app = app(outbox);
        String message = enqueue(app, Alerts.fired("perm", FIRED));

        FakeContext ctx = work(app, message, 1);
        work(app, message, 2);

        assertThat(outbox.posts()).hasSize(1);
        assertThat(ctx.stage("delivery-failed")).singleElement().asString()
                .contains("reason=\"HTTP 404 no_service: webhook not found\"");
        assertThat(ctx.stage("posted")).singleElement().asString().contains("outcome=failed");
    }

    @Test
    void aCrashBetweenPostingAndRecordingPostsAgainMarkedAsAPossibleRepeatOnceTheLeaseIsOver() {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        outbox.crashAfterPost((t, n) -> outbox.posts().size() == 1 ? new IllegalStateException("host died") : null);
        App app = app(outbox);
        String message = enqueue(app, Alerts.fired("crash", FIRED));

        assertThatThrownBy(() -> work(app, message, 1)).hasMessageContaining("host died");
        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> work(app, message, 2)).as("within the lease: someone may still be posting")
                .isInstanceOf(RetryLaterException.class).hasMessageContaining("another invocation");
        assertThat(outbox.posts()).hasSize(1);

        clock.advance(App.POSTING_LEASE);
        work(app, message, 3);
        FakeContext last = work(app, message, 4);

        assertThat(outbox.posts()).hasSize(2);
        assertThat(outbox.posts().get(0).notice().possibleRepeat()).isFalse();
        assertThat(outbox.posts().get(1).notice()).isInstanceOf(Notice.FullCard.class);
        assertThat(outbox.posts().get(1).notice().possibleRepeat()).isTrue();
        assertThat(last.stage("duplicate")).hasSize(1);
    }

    @Test
    void aPostThatTimedOutWithoutAnAnswerIsRetriedMarkedAsAPossibleRepeat() {
        RecordingOutbox outbox = new RecordingOutbox("teams")
                .script(0, new PostOutcome.Retryable("no answer within 15 s", true));
        App app = app(outbox);
        String message = enqueue(app, Alerts.fired("timeout", FIRED));

        assertThatThrownBy(() -> work(app, message, 1)).isInstanceOf(RetryLaterException.class);
        work(app, message, 2);

        assertThat(outbox.posts()).extracting(p -> p.notice().possibleRepeat()).containsExactly(false, true);
    }

    @Test
    void concurrentDeliveriesOfOneAlertPostOnce() throws Exception {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        App app = app(outbox);
        String payload = Alerts.fired("race", FIRED);
        List<String> messages = List.of(enqueue(app, payload), enqueue(app, payload), enqueue(app, payload));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (String m : messages) {
            results.add(pool.submit(() -> {
                go.await();
                try {
                    work(app, m, 1);
                    return "ok";
                } catch (RetryLaterException e) {
                    return "retry";
                }
            }));
        }
        go.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : results) {
            outcomes.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        // The ones told to retry come back after the visibility timeout and find the card posted.
        for (int i = 0; i < messages.size(); i++) {
            if (outcomes.get(i).equals("retry")) {
                clock.advance(Duration.ofMinutes(2));
                work(app, messages.get(i), 2);
            }
        }
        assertThat(outbox.posts()).hasSize(1);
    }

    @Test
    void aResolvedAlertPostsTheResolvedMessageWithTheFiredVerdict() {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        App app = app(outbox);
        work(app, enqueue(app, Alerts.fired("res", FIRED)), 1);
        String resolved = enqueue(app, Alerts.resolved("res", FIRED, FIRED.plus(Duration.ofMinutes(42))));
        work(app, resolved, 1);
        work(app, resolved, 2);

        assertThat(outbox.posts()).hasSize(2);
        Notice n = outbox.posts().get(1).notice();
        assertThat(n).isInstanceOf(Notice.Resolved.class);
        assertThat(((Notice.Resolved) n).firedVerdict()).contains(Verdict.DEVICE_NETWORK_OR_KEEPALIVE);
        assertThat(((Notice.Resolved) n).alert().resolvedAt()).contains(FIRED.plus(Duration.ofMinutes(42)));
        assertThat(engine.requests()).as("no triage for a resolved alert").hasSize(1);
    }

    @Test
    void resolvedMessagesCanBeTurnedOff() {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        App app = app(outbox, "NOTIFY_ON_RESOLVED", "false");
        FakeContext ctx = work(app, enqueue(app, Alerts.resolved("off", FIRED, FIRED.plusSeconds(600))), 1);
        assertThat(outbox.posts()).isEmpty();
        assertThat(ctx.stage("done")).singleElement().asString().contains("resolved notifications off");
    }

    @Test
    void aRepeatWithinTheWindowGetsTheShortUpdateWithTheCount() {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        App app = app(outbox);
        work(app, enqueue(app, Alerts.fired("f1", FIRED)), 1);
        String second = enqueue(app, Alerts.fired("f2", FIRED.plus(Duration.ofMinutes(10))));
        work(app, second, 1);
        work(app, second, 2);
        work(app, enqueue(app, Alerts.fired("f3", FIRED.plus(Duration.ofMinutes(20)))), 1);
        engine.verdict(Verdict.AUTHENTICATION_FAILURES);
        work(app, enqueue(app, Alerts.fired("f4", FIRED.plus(Duration.ofMinutes(25)))), 1);
        engine.verdict(Verdict.DEVICE_NETWORK_OR_KEEPALIVE);
        work(app, enqueue(app, Alerts.fired("f5", FIRED.plus(Duration.ofMinutes(26)))), 1);

        List<Notice> notices = outbox.noticesTo(0);
        assertThat(notices).hasSize(5);
        assertThat(notices.get(0)).isInstanceOf(Notice.FullCard.class);
        assertThat(notices.get(1)).isInstanceOf(Notice.RepeatUpdate.class);
        assertThat(((Notice.RepeatUpdate) notices.get(1)).firedCount()).isEqualTo(2);
        assertThat(((Notice.RepeatUpdate) notices.get(2)).firedCount()).isEqualTo(3);
        assertThat(notices.get(3)).as("a different verdict").isInstanceOf(Notice.FullCard.class);
        assertThat(notices.get(4)).as("back to the first verdict: a new full card").isInstanceOf(Notice.FullCard.class);
    }

    @Test
    void suppressionCanBeTurnedOff() {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        App app = app(outbox, "SUPPRESS_REPEAT_MINUTES", "0");
        work(app, enqueue(app, Alerts.fired("g1", FIRED)), 1);
        work(app, enqueue(app, Alerts.fired("g2", FIRED.plusSeconds(60))), 1);
        assertThat(outbox.posts()).allMatch(p -> p.notice() instanceof Notice.FullCard).hasSize(2);
    }

    @Test
    void aDestinationThatAlwaysFailsEndsInThePoisonHandlersNotice() {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        for (int i = 0; i < 5; i++) {
            outbox.script(0, new PostOutcome.Retryable("HTTP 503 after 3 attempts", false));
        }
        App app = app(outbox);
        String message = enqueue(app, Alerts.fired("poison", FIRED));
        for (int dequeue = 1; dequeue <= 5; dequeue++) {
            long d = dequeue;
            assertThatThrownBy(() -> work(app, message, d)).isInstanceOf(RetryLaterException.class);
            clock.advance(Duration.ofMinutes(2));
        }
        // The host moves the message to triage-requests-poison; the webhook is answering again by now.
        FakeContext poison = new FakeContext("triage-poison");
        new PoisonHandler(app).run(message, 1, poison);
        new PoisonHandler(app).run(message, 2, new FakeContext("triage-poison"));

        List<Notice> notices = outbox.noticesTo(0);
        assertThat(notices).hasSize(6);
        assertThat(notices.subList(0, 5)).allMatch(n -> n instanceof Notice.FullCard);
        Notice.TriageFailed failed = (Notice.TriageFailed) notices.get(5);
        assertThat(failed.alert().alertId()).contains(Alerts.alertId("poison"));
        assertThat(failed.alert().hub().orElseThrow().name()).isEqualTo("contoso-hub");
        assertThat(failed.alert().severity()).isEqualTo("Sev2");
        assertThat(failed.alert().rule()).isEqualTo("contoso-hub-connected-devices");
        assertThat(failed.alert().firedAt()).contains(FIRED);
        assertThat(failed.alert().logsLink()).startsWith("https://portal.azure.com/#blade/")
                .contains("contoso-hub").contains("/timespan/2026-11-26T10%3A11%3A00Z%2F2026-11-26T10%3A46%3A00Z");
        assertThat(failed.alert().hubLink()).endsWith("/IotHubs/contoso-hub/overview");
        assertThat(failed.reason()).contains("HTTP 503");
        assertThat(poison.stage("triage-failed")).singleElement().asString()
                .contains("alertId=" + Alerts.alertId("poison"));
    }

    @Test
    void thePoisonNoticeSkipsDestinationsThatAlreadyHaveTheCard() {
        RecordingOutbox outbox = new RecordingOutbox("teams", "slack");
        for (int i = 0; i < 5; i++) {
            outbox.script(1, new PostOutcome.Retryable("HTTP 429", false));
        }
        App app = app(outbox);
        String message = enqueue(app, Alerts.fired("partial", FIRED));
        for (int i = 1; i <= 5; i++) {
            long d = i;
            assertThatThrownBy(() -> work(app, message, d)).isInstanceOf(RetryLaterException.class);
        }
        new PoisonHandler(app).run(message, 1, new FakeContext("triage-poison"));

        assertThat(outbox.noticesTo(0)).hasSize(1).allMatch(n -> n instanceof Notice.FullCard);
        assertThat(outbox.noticesTo(1)).hasSize(6);
        assertThat(outbox.noticesTo(1).get(5)).isInstanceOf(Notice.TriageFailed.class);
    }

    @Test
    void anUnreadableMessageGetsTheNoticeAtOnce() {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        App app = app(outbox);
        FakeContext ctx = work(app, "{\"version\":1,\"requestId\":\"r\",\"receivedAt\":\"2026-11-26T10:42:00Z\","
                + "\"alertId\":\"x\",\"hub\":\"" + Alerts.HUB + "\",\"alert\":{\"schemaId\":\"nope\"}}", 1);
        assertThat(outbox.posts()).singleElement().extracting(RecordingOutbox.Post::notice)
                .isInstanceOf(Notice.TriageFailed.class);
        assertThat(ctx.stage("rejected")).hasSize(1);

        FakeContext garbage = work(app, "not json at all", 1);
        assertThat(outbox.posts()).hasSize(2);
        assertThat(((Notice.TriageFailed) outbox.posts().get(1).notice()).alert().hub()).isEmpty();
        assertThat(garbage.stage("triage-failed")).hasSize(1);
    }

    @Test
    void aBareAlertPayloadPutOnTheQueueByHandIsTriagedLikeAnyOther() {
        RecordingOutbox outbox = new RecordingOutbox("teams");
        App app = app(outbox);
        work(app, Alerts.fired("bare", FIRED), 1);
        work(app, Alerts.fired("bare", FIRED), 2);
        assertThat(outbox.posts()).singleElement().extracting(RecordingOutbox.Post::notice)
                .isInstanceOf(Notice.FullCard.class);
    }

    @Test
    void withoutDestinationsTheAlertIsTriagedAndLoggedButNothingIsPosted() {
        RecordingOutbox outbox = new RecordingOutbox();
        App app = app(outbox);
        FakeContext ctx = work(app, enqueue(app, Alerts.fired("none", FIRED)), 1);
        assertThat(ctx.stage("no-destination")).hasSize(1);
        assertThat(engine.requests()).hasSize(1);
    }
}
