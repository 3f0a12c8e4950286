package io.iothubtriage.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.iothubtriage.notify.WebhookServer.Reply;
import io.iothubtriage.testing.ReportFixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;

class NotifierTest {

    final Notifier notifier = Notifier.using(WebhookDelivery.builder().sleeper(d -> { })
            .requestTimeout(Duration.ofSeconds(5)).maxAttempts(2).build());

    @Test
    void postsTheRightPayloadToEachKindAndKeepsDestinationsIndependent() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (WebhookServer teams = new WebhookServer(Reply.of(202, ""));
             WebhookServer slack = new WebhookServer(Reply.of(404, "channel_not_found"));
             WebhookServer generic = new WebhookServer(Reply.of(200, ""))) {
            List<Destination> to = List.of(
                    new Destination.Generic(URI.create("http://localhost:" + closedPort + "/down")),
                    new Destination.Slack(slack.uri("/services/T1/B1/abc")),
                    new Destination.Teams(teams.uri("/workflows/w1/triggers/manual/paths/invoke?sig=x")),
                    new Destination.Generic(generic.uri("/itsm")));

            List<DeliveryResult> results = notifier.deliver(ReportFixtures.networkSubset(), to);

            assertThat(results).extracting(DeliveryResult::destination).containsExactlyElementsOf(to);
            assertThat(results).extracting(DeliveryResult::outcome).containsExactly(DeliveryOutcome.RETRYABLE,
                    DeliveryOutcome.PERMANENT, DeliveryOutcome.DELIVERED, DeliveryOutcome.DELIVERED);
            assertThat(results.get(1).reason()).contains("channel_not_found");

            JsonNode teamsBody = Json.read(teams.received().get(0).body());
            assertThat(teamsBody.path("attachments").get(0).path("content").path("type").asText())
                    .isEqualTo("AdaptiveCard");
            JsonNode slackBody = Json.read(slack.received().get(0).body());
            assertThat(slackBody.path("blocks").isArray()).isTrue();
            JsonNode genericBody = Json.read(generic.received().get(0).body());
            assertThat(genericBody.path("verdict").asText()).isEqualTo("DEVICE_NETWORK_OR_KEEPALIVE");
        }
    }

    @Test
    void aSlowDestinationDoesNotHoldUpTheOthers() throws IOException {
        try (WebhookServer slow = new WebhookServer(Reply.delayed(202, "", 1_500));
             WebhookServer fast = new WebhookServer(Reply.of(200, "ok"))) {
            long t0 = System.nanoTime();
            List<DeliveryResult> results = notifier.deliver(ReportFixtures.platformIncident(), List.of(
                    new Destination.Teams(slow.uri("/slow")), new Destination.Slack(fast.uri("/fast"))));
            long total = Duration.ofNanos(System.nanoTime() - t0).toMillis();

            assertThat(results).allMatch(DeliveryResult::delivered);
            // The fast one was posted before the slow one answered: the posts ran side by side.
            long fastArrivedAfter = Duration.ofNanos(fast.received().get(0).nanoTime() - t0).toMillis();
            assertThat(fastArrivedAfter).isLessThan(1_000);
            assertThat(results.get(1).elapsed()).isLessThan(Duration.ofMillis(1_000));
            assertThat(total).isGreaterThanOrEqualTo(1_500);
        }
    }

    @Test
    void theSameUrlListedTwiceIsPostedOnce() throws IOException {
        try (WebhookServer s = new WebhookServer(Reply.of(202, ""))) {
            Destination d = new Destination.Teams(s.uri("/w"));
            Destination same = new Destination.Teams(s.uri("/w"));
            List<DeliveryResult> results = notifier.deliver(ReportFixtures.mixed(), List.of(d, same));
            assertThat(results).hasSize(1).allMatch(DeliveryResult::delivered);
            assertThat(s.received()).hasSize(1);
        }
    }

    @Test
    void aDestinationThatHasNotAnsweredIsMentionedWhileWaiting() throws Exception {
        try (WebhookServer s = new WebhookServer(Reply.delayed(202, "", 1_500))) {
            Notifier watching = Notifier.using(WebhookDelivery.builder().requestTimeout(Duration.ofSeconds(5)).build(),
                    Duration.ofMillis(200), Duration.ofMillis(500));
            Destination d = new Destination.Teams(s.uri("/slow"));
            java.util.concurrent.CountDownLatch mentioned = new java.util.concurrent.CountDownLatch(1);
            List<Duration> waited = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<DeliveryResult> told = new java.util.concurrent.CopyOnWriteArrayList<>();

            List<DeliveryResult> results = watching.deliver(ReportFixtures.mixed(), List.of(d), new DeliveryProgress() {
                @Override
                public void stillWaiting(Destination destination, Duration elapsed) {
                    assertThat(destination).isEqualTo(d);
                    waited.add(elapsed);
                    mentioned.countDown();
                }

                @Override
                public void finished(DeliveryResult result) {
                    told.add(result);
                }
            });

            assertThat(results).singleElement().matches(DeliveryResult::delivered);
            assertThat(told).containsExactlyElementsOf(results);
            assertThat(mentioned.getCount()).isZero();
            assertThat(waited.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            int heard = waited.size();
            Thread.sleep(700); // finished: no more mentions
            assertThat(waited).hasSize(heard);
        }
    }

    /**
     * A hanging endpoint: the "still waiting" notice that would fall when an attempt times out is not told, since the
     * attempt's own line (a retry, then the end) follows at once; notices between attempts still are.
     */
    @Test
    void noWaitingNoticeIsToldAsAnAttemptTimesOut() throws Exception {
        try (WebhookServer s = new WebhookServer(WebhookServer.Reply.hanging())) {
            // attempts of 1 s, a 200 ms wait between them; notices at 1.0 s (as attempt 1 ends), 1.6 s (attempt 2
            // under way) and 2.2 s (as attempt 2 ends); none later: the delivery has ended
            Notifier watching = Notifier.using(WebhookDelivery.builder().requestTimeout(Duration.ofMillis(1_000))
                            .baseBackoff(Duration.ofMillis(200)).maxBackoff(Duration.ofMillis(200)).jitter(() -> 1.0)
                            .maxAttempts(4).build(),
                    Duration.ofMillis(1_000), Duration.ofMillis(600));
            Destination d = new Destination.Generic(s.uri("/hang"));
            List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<DeliveryResult> results = watching.deliver(ReportFixtures.mixed(), List.of(d), new DeliveryProgress() {
                @Override
                public void retrying(Destination destination, int attempt, String reason, Duration wait) {
                    events.add("retry " + attempt);
                }

                @Override
                public void stillWaiting(Destination destination, Duration elapsed) {
                    events.add("waiting");
                }

                @Override
                public void finished(DeliveryResult result) {
                    events.add("end");
                }
            });

            assertThat(results).singleElement().satisfies(r -> assertThat(r.timedOut()).isEqualTo(2));
            assertThat(events).containsExactly("retry 1", "waiting", "end");
        }
    }

    @Test
    void aResolvedMessageGoesOutAsTheShortForm() throws IOException {
        try (WebhookServer teams = new WebhookServer(Reply.of(202, ""));
             WebhookServer generic = new WebhookServer(Reply.of(200, ""))) {
            ResolvedMessage m = new ResolvedMessage(ReportFixtures.HUB, ReportFixtures.resolvedAlert(),
                    OptionalDouble.of(1190), OptionalDouble.empty(), "");
            notifier.deliver(m, List.of(new Destination.Teams(teams.uri("/w")),
                    new Destination.Generic(generic.uri("/g"))));

            assertThat(teams.received().get(0).body()).contains("alert resolved").contains("42 min");
            JsonNode json = Json.read(generic.received().get(0).body());
            assertThat(json.path("event").asText()).isEqualTo("resolved");
            assertThat(json.path("durationSeconds").asLong()).isEqualTo(42 * 60);
            assertThat(json.path("alert").path("condition").asText()).isEqualTo("Resolved");
        }
    }

    @Test
    void everyPostOfTheSameNewsCarriesTheSameIdempotencyKey() throws IOException {
        try (WebhookServer s = new WebhookServer(Reply.of(503, ""), Reply.of(200, ""))) {
            Destination d = new Destination.Generic(s.uri("/itsm"));
            notifier.deliver(ReportFixtures.networkSubset(), List.of(d)); // 503 then 200: two posts
            notifier.deliver(ReportFixtures.networkSubset(), List.of(d)); // the same alert again
            ResolvedMessage resolved = ResolvedMessage.of(ReportFixtures.HUB, ReportFixtures.resolvedAlert());
            notifier.deliver(resolved, List.of(d));

            List<WebhookServer.Received> got = s.received();
            assertThat(got).hasSize(4);
            assertThat(got.get(0).idempotencyKey()).hasSize(32)
                    .isEqualTo(got.get(1).idempotencyKey()).isEqualTo(got.get(2).idempotencyKey());
            assertThat(got.get(3).idempotencyKey()).hasSize(32).isNotEqualTo(got.get(0).idempotencyKey());
        }
    }

    @Test
    void theAppsOnePostMarksARepeatInTheBodyButKeepsItsKeyAndEachNoticeHasItsOwn() throws IOException {
        try (WebhookServer s = new WebhookServer(Reply.of(200, ""))) {
            Destination d = new Destination.Generic(s.uri("/itsm"));
            Notification card = Notification.of(ReportFixtures.networkSubset());
            AlertFacts facts = new AlertFacts(ReportFixtures.networkSubset().alert().map(a -> a.alertId()), "rule",
                    "Sev2", "Fired", java.util.Optional.of(ReportFixtures.HUB), java.util.Optional.empty(), "req-1",
                    "", "");
            AlertFacts unknown = new AlertFacts(java.util.Optional.empty(), "", "", "", java.util.Optional.empty(),
                    java.util.Optional.empty(), "", "", "");

            assertThat(notifier.post(d, card).delivered()).isTrue();
            assertThat(notifier.post(d, card.possibleRepeat(true)).delivered()).isTrue();
            notifier.post(d, new Notification.TriageFailed(facts, "gave up", false));
            notifier.post(d, new Notification.Fallback(facts, "teams", "HTTP 404", false));
            notifier.post(d, new Notification.TriageFailed(unknown, "unreadable", false));

            List<WebhookServer.Received> got = s.received();
            assertThat(got).hasSize(5);
            assertThat(Json.read(got.get(0).body()).has("possibleRepeat")).isFalse();
            assertThat(Json.read(got.get(1).body()).path("possibleRepeat").asBoolean()).isTrue();
            assertThat(got.get(1).idempotencyKey()).hasSize(32).isEqualTo(got.get(0).idempotencyKey());
            assertThat(List.of(got.get(0).idempotencyKey(), got.get(2).idempotencyKey(), got.get(3).idempotencyKey()))
                    .doesNotHaveDuplicates();
            assertThat(Json.read(got.get(2).body()).path("type").asText()).isEqualTo("iothub-triage.triageFailed");
            assertThat(got.get(4).idempotencyKey()).as("nothing identifies the alert: no key shared by strangers")
                    .isNull();
        }
    }

    @Test
    void noDestinationsMeansNoResults() {
        assertThat(notifier.deliver(ReportFixtures.mixed(), List.of())).isEmpty();
    }
}
