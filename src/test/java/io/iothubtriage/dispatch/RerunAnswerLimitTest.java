package io.iothubtriage.dispatch;

import io.iothubtriage.alert.WindowPolicy;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.functions.testing.Alerts;
import io.iothubtriage.functions.testing.FakeContext;
import io.iothubtriage.functions.testing.MutableClock;
import io.iothubtriage.functions.testing.StubEngine;
import io.iothubtriage.notify.DeliveryResult;
import io.iothubtriage.notify.Destination;
import io.iothubtriage.notify.Notification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rerun answers within {@link Rerun#ANSWER_WITHIN} of its start, under the 230 s an HTTP function has: a post
 * still running then is reported as pending and goes on in the background. Time is the injected clock's.
 */
class RerunAnswerLimitTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T11:00:00Z"));
    private final Destination quick = new Destination.Generic(URI.create("https://itsm.example.net/hook?key=QUICK"));
    private final Destination hanging = new Destination.Generic(URI.create("https://slow.example.net/hook?key=SLOW"));
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch hangingDone = new CountDownLatch(1);

    @AfterEach
    void releaseTheHangingPost() {
        release.countDown();
    }

    /** Posts to {@code quick} at once, taking {@code quickTakes} of the clock; {@code hanging} waits for release. */
    private Outbox outbox(Duration quickTakes) {
        return new Outbox() {
            @Override
            public List<Destination> destinations() {
                return List.of(quick, hanging);
            }

            @Override
            public DeliveryResult post(Destination d, Notification n) {
                if (d.equals(quick)) {
                    clock.advance(quickTakes);
                    return DeliveryResult.delivered(d, 200, 1);
                }
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                hangingDone.countDown();
                return DeliveryResult.delivered(d, 200, 1);
            }
        };
    }

    private Rerun rerun(Duration triageTakes, Outbox outbox) {
        return rerun(triageTakes, outbox, new RerunLimiter(RerunLimiter.DEFAULT_INTERVAL, clock));
    }

    private Rerun rerun(Duration triageTakes, Outbox outbox, RerunLimiter limiter) {
        StubEngine stub = new StubEngine(clock);
        TriageEngine engine = request -> {
            clock.advance(triageTakes);
            return stub.run(request);
        };
        ReportFormats formats = new ReportFormats() {
            @Override
            public String json(TriageReport report) {
                return "{}";
            }

            @Override
            public String markdown(TriageReport report) {
                return "#";
            }
        };
        return new Rerun(engine, outbox, formats, Set.of(), WindowPolicy.defaults(), Duration.ofHours(1), limiter,
                clock);
    }

    private static Rerun.Answered post(Rerun rerun, FakeContext ctx) {
        Rerun.Result r = rerun.handle(true, Map.of("hub", Alerts.HUB, "post", "true"), Optional.empty(),
                Optional.empty(), new StageLog(ctx.getLogger(), "triage-rerun", ctx.getInvocationId()));
        assertThat(r).isInstanceOf(Rerun.Answered.class);
        return (Rerun.Answered) r;
    }

    @Test
    void aPostStillRunningWhenTheAnswerIsDueIsReportedPendingAndFinishesInTheBackground() throws Exception {
        FakeContext ctx = new FakeContext("triage-rerun");
        // the triage takes 150 s and the quick post 10 s more; once the quick post's outcome is logged (on the
        // answering thread, so before the hanging post is waited for) 60 s pass: 220 s in, past the 200 s the answer
        // may take, the hanging post is not awaited. Moved there, not by a post's own thread, the clock passes the
        // due time at one known point, never while the quick post is between its last instant and its return.
        ctx.getLogger().addHandler(new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getMessage().startsWith("stage=posted ") && record.getMessage().contains(quick.display())) {
                    clock.advance(Duration.ofSeconds(60));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        Rerun.Answered answer = post(rerun(Duration.ofSeconds(150), outbox(Duration.ofSeconds(10))), ctx);

        assertThat(answer.deliveries()).containsExactly(quick.display() + ":posted", hanging.display() + ":pending");
        assertThat(ctx.lines()).filteredOn(l -> l.startsWith("stage=posted ")).hasSize(2)
                .last().asString().contains("outcome=pending").contains("still posting when the answer was due");
        release.countDown();
        hangingDone.await();
    }

    @Test
    void postsThatEndBeforeTheAnswerIsDueAreReportedAsTheyEnded() {
        FakeContext ctx = new FakeContext("triage-rerun");
        release.countDown();
        Rerun.Answered answer = post(rerun(Duration.ofSeconds(150), outbox(Duration.ofSeconds(10))), ctx);

        assertThat(answer.deliveries()).containsExactly(quick.display() + ":posted", hanging.display() + ":posted");
        assertThat(String.join("\n", ctx.lines())).doesNotContain("QUICK").doesNotContain("SLOW");
    }

    @Test
    void aRefusedPostNamesTheLimitInForce() {
        FakeContext ctx = new FakeContext("triage-rerun");
        release.countDown();
        Rerun rerun = rerun(Duration.ofSeconds(5), outbox(Duration.ofSeconds(5)),
                new RerunLimiter(Duration.ofSeconds(200), clock));
        post(rerun, ctx);
        Rerun.Result second = rerun.handle(true, Map.of("hub", Alerts.HUB, "post", "true"), Optional.empty(),
                Optional.empty(), new StageLog(ctx.getLogger(), "triage-rerun", ctx.getInvocationId()));

        assertThat(second).isEqualTo(new Rerun.Refused(429, "post", "a card for this hub was posted on request "
                + "less than 200 s ago; retry in 190 s or leave post out"));
    }
}
