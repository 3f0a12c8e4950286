package io.iothubtriage.notify;

import io.iothubtriage.notify.WebhookServer.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Delivery against a real local HTTP server: success, permanent and retryable answers, timeouts, refused ports. */
class WebhookDeliveryTest {
    static final String BODY = "{\"type\":\"message\",\"attachments\":[]}";

    /** Records the waits instead of sleeping. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> waits = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration d) {
            waits.add(d);
        }
    }

    final RecordingSleeper sleeper = new RecordingSleeper();

    WebhookDelivery.Builder fast() {
        return WebhookDelivery.builder().sleeper(sleeper).jitter(() -> 1.0)
                .connectTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(5));
    }

    static Destination teams(WebhookServer s) {
        return new Destination.Teams(s.uri("/workflows/abc/triggers/manual/paths/invoke?sig=s3cr3t"));
    }

    static Destination slack(WebhookServer s) {
        return new Destination.Slack(s.uri("/services/T000/B000/XXXXXXXXXXXX"));
    }

    static Destination generic(WebhookServer s) {
        return new Destination.Generic(s.uri("/hooks/itsm"));
    }

    @Test
    void teamsWorkflows202WithEmptyBodyIsDeliveredOnTheFirstAttempt() throws IOException {
        try (WebhookServer s = new WebhookServer(Reply.of(202, ""))) {
            DeliveryResult r = fast().build().post(teams(s), BODY);

            assertThat(r.outcome()).isEqualTo(DeliveryOutcome.DELIVERED);
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(r.lastStatus()).hasValue(202);
            assertThat(s.received()).hasSize(1);
            WebhookServer.Received got = s.received().get(0);
            assertThat(got.method()).isEqualTo("POST");
            assertThat(got.contentType()).startsWith("application/json");
            assertThat(got.body()).isEqualTo(BODY);
            assertThat(sleeper.waits).isEmpty();
        }
    }

    @Test
    void teams200IsAlsoAccepted() throws IOException {
        try (WebhookServer s = new WebhookServer(Reply.of(200, ""))) {
            assertThat(fast().build().post(teams(s), BODY).outcome()).isEqualTo(DeliveryOutcome.DELIVERED);
        }
    }

    @Test
    void slackIsDeliveredOnlyWith200Ok() throws IOException {
        try (WebhookServer ok = new WebhookServer(Reply.of(200, "ok"));
             WebhookServer odd = new WebhookServer(Reply.of(200, "<html>captive portal</html>"))) {
            assertThat(fast().build().post(slack(ok), BODY).outcome()).isEqualTo(DeliveryOutcome.DELIVERED);
            DeliveryResult r = fast().build().post(slack(odd), BODY);
            assertThat(r.outcome()).isEqualTo(DeliveryOutcome.PERMANENT);
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(r.reason()).contains("HTTP 200").doesNotContain("captive");
        }
    }

    @Test
    void genericIsDeliveredWithAny2xx() throws IOException {
        try (WebhookServer s = new WebhookServer(Reply.of(204, ""))) {
            DeliveryResult r = fast().build().post(generic(s), BODY);
            assertThat(r.outcome()).isEqualTo(DeliveryOutcome.DELIVERED);
            assertThat(r.lastStatus()).hasValue(204);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "400, invalid_blocks",
            "403, action_prohibited",
            "404, channel_not_found",
            "404, no_service",
            "410, channel_is_archived",
    })
    void slackClientErrorsArePermanentAndNamed(int status, String error) throws IOException {
        try (WebhookServer s = new WebhookServer(Reply.of(status, error))) {
            DeliveryResult r = fast().build().post(slack(s), BODY);

            assertThat(r.outcome()).isEqualTo(DeliveryOutcome.PERMANENT);
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(s.received()).hasSize(1);
            assertThat(r.lastStatus()).hasValue(status);
            assertThat(r.reason()).startsWith("HTTP " + status + " " + error);
            assertThat(sleeper.waits).isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource({"400", "404", "410"})
    void teamsClientErrorsArePermanentAndNeverRetried(int status) throws IOException {
        try (WebhookServer s = new WebhookServer(Reply.of(status,
                "{\"error\":{\"code\":\"WorkflowTriggerIsNotEnabled\",\"message\":\"see /workflows/abc\"}}"))) {
            DeliveryResult r = fast().build().post(teams(s), BODY);

            assertThat(r.outcome()).isEqualTo(DeliveryOutcome.PERMANENT);
            assertThat(s.received()).hasSize(1);
            assertThat(r.reason()).startsWith("HTTP " + status + " WorkflowTriggerIsNotEnabled");
        }
    }

    @Test
    void throttledWithRetryAfterWaitsThatLongThenDelivers() throws IOException {
        try (WebhookServer s = new WebhookServer(Reply.of(429, "rate_limited", Map.of("Retry-After", "3")),
                Reply.of(200, "ok"))) {
            DeliveryResult r = fast().build().post(slack(s), BODY);

            assertThat(r.outcome()).isEqualTo(DeliveryOutcome.DELIVERED);
            assertThat(r.attempts()).isEqualTo(2);
            assertThat(s.received()).hasSize(2);
            assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(3));
        }
    }

    @Test
    void retryAfterShorterThanTheBackoffDoesNotShortenIt() throws IOException {
        try (WebhookServer s = new WebhookServer(Reply.of(429, "", Map.of("Retry-After", "0")), Reply.of(202, ""))) {
            fast().build().post(teams(s), BODY);
            assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1));
        }
    }

    @Test
    void retryAfterAsAnHttpDateIsMeasuredAgainstTheClock() throws IOException {
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
        try (WebhookServer s = new WebhookServer(
                Reply.of(503, "", Map.of("Retry-After", "Thu, 26 Nov 2026 10:00:07 GMT")), Reply.of(202, ""))) {
            DeliveryResult r = fast().clock(clock).build().post(teams(s), BODY);
            assertThat(r.delivered()).isTrue();
            assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
        }
    }

    @Test
    void slackJsonRetryAfterIsHonouredWithoutAHeader() throws IOException {
        try (WebhookServer s = new WebhookServer(
                Reply.of(429, "{\"ok\":false,\"error\":\"rate_limited\",\"retry_after\":5}"), Reply.of(200, "ok"))) {
            DeliveryResult r = fast().build().post(slack(s), BODY);
            assertThat(r.delivered()).isTrue();
            assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(5));
        }
    }

    @Test
    void throttledWithoutRetryAfterBacksOffExponentiallyWithJitter() throws IOException {
        try (WebhookServer s = new WebhookServer(Reply.of(429, ""), Reply.of(429, ""), Reply.of(429, ""),
                Reply.of(202, ""))) {
            DeliveryResult r = fast().jitter(() -> 0.5).build().post(teams(s), BODY);

            assertThat(r.delivered()).isTrue();
            assertThat(r.attempts()).isEqualTo(4);
            // d = 1 s, 2 s, 4 s; equal jitter at 0.5 waits d/2 + d/4
            assertThat(sleeper.waits).containsExactly(Duration.ofMillis(750), Duration.ofMillis(1500),
                    Duration.ofMillis(3000));
        }
    }

    @Test
    void retryAfterBeyondTheCapEndsRetryableAtOnceCarryingTheDelay() throws IOException {
        try (WebhookServer s = new WebhookServer(Reply.of(429, "rate_limited", Map.of("Retry-After", "600")))) {
            DeliveryResult r = fast().retryAfterCap(Duration.ofSeconds(60)).build().post(slack(s), BODY);

            assertThat(r.outcome()).isEqualTo(DeliveryOutcome.RETRYABLE);
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(r.retryAfter()).hasValue(Duration.ofSeconds(600));
            assertThat(s.received()).hasSize(1);
            assertThat(sleeper.waits).isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource({"500", "502", "503", "504"})
    void serverErrorsAreRetriedUntilAttemptsRunOut(int status) throws IOException {
        try (WebhookServer s = new WebhookServer(Reply.of(status, "rollup_error"))) {
            DeliveryResult r = fast().maxAttempts(4).build().post(slack(s), BODY);

            assertThat(r.outcome()).isEqualTo(DeliveryOutcome.RETRYABLE);
            assertThat(r.attempts()).isEqualTo(4);
            assertThat(s.received()).hasSize(4);
            assertThat(r.reason()).startsWith("HTTP " + status + " rollup_error");
            assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                    Duration.ofSeconds(4));
        }
    }

    @Test
    void aServerErrorThenSuccessIsDelivered() throws IOException {
        try (WebhookServer s = new WebhookServer(Reply.of(500, ""), Reply.of(503, ""), Reply.of(202, ""))) {
            DeliveryResult r = fast().build().post(teams(s), BODY);
            assertThat(r.delivered()).isTrue();
            assertThat(r.attempts()).isEqualTo(3);
            assertThat(r.lastStatus()).hasValue(202);
        }
    }

    @Test
    void backoffIsCappedByMaxBackoff() {
        WebhookDelivery d = WebhookDelivery.builder().baseBackoff(Duration.ofSeconds(1))
                .maxBackoff(Duration.ofSeconds(5)).jitter(() -> 1.0).build();
        assertThat(d.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(d.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(d.backoff(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.backoff(40)).isEqualTo(Duration.ofSeconds(5));
        WebhookDelivery low = WebhookDelivery.builder().jitter(() -> 0.0).build();
        assertThat(low.backoff(3)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aServerThatNeverAnswersIsRetriedOnceThenLeftAndMayStillShowTheMessage() throws IOException {
        try (WebhookServer s = new WebhookServer(Reply.hanging())) {
            long t0 = System.nanoTime();
            DeliveryResult r = fast().requestTimeout(Duration.ofMillis(400)).maxAttempts(4).build()
                    .post(teams(s), BODY);
            long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();

            assertThat(r.outcome()).isEqualTo(DeliveryOutcome.RETRYABLE);
            assertThat(r.attempts()).isEqualTo(2);
            assertThat(r.lastStatus()).isEmpty();
            assertThat(r.reason()).isEqualTo("no answer within 400 ms, twice; not retried again");
            assertThat(r.mayRepeat()).isTrue();
            assertThat(r.timedOut()).isEqualTo(2);
            assertThat(r.describe()).endsWith("; both attempts that got no answer may still have arrived, so the"
                    + " message may appear later, even twice");
            assertThat(s.received()).hasSize(2);
            assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1));
            assertThat(ms).isBetween(800L, 5_000L);
        }
    }

    @Test
    void aTimeoutThenSuccessSaysTheMessageMayAppearTwice() throws IOException {
        try (WebhookServer s = new WebhookServer(Reply.hanging(), Reply.of(202, ""))) {
            DeliveryResult r = fast().requestTimeout(Duration.ofMillis(400)).build().post(teams(s), BODY);

            assertThat(r.delivered()).isTrue();
            assertThat(r.attempts()).isEqualTo(2);
            assertThat(r.mayRepeat()).isTrue();
            assertThat(r.timedOut()).isEqualTo(1);
            assertThat(r.describe()).contains("delivered (HTTP 202) after 2 attempts")
                    .endsWith("an earlier attempt got no answer and may have arrived too, so the message may appear"
                            + " twice");
        }
    }

    @Test
    void aServerThatClosesTheConnectionWithoutAnsweringIsRetriedOnceAndMayStillShowTheMessage() throws IOException {
        // it read the post: the card may be in the channel already, so every retry could add a copy
        try (WebhookServer s = new WebhookServer(WebhookServer.Reply.dropped())) {
            DeliveryResult r = fast().build().post(teams(s), BODY);

            assertThat(r.delivered()).isFalse();
            assertThat(r.attempts()).isEqualTo(2);
            assertThat(s.received()).hasSize(2);
            assertThat(r.reason()).isEqualTo("the server closed the connection without answering, twice; not retried"
                    + " again");
            assertThat(r.describe()).endsWith("; both attempts that got no answer may still have arrived, so the"
                    + " message may appear later, even twice");
        }
    }

    @Test
    void aFailureOtherThanATimeoutDoesNotWarnOfACopy() throws IOException {
        try (WebhookServer s = new WebhookServer(Reply.of(503, ""), Reply.of(202, ""))) {
            DeliveryResult r = fast().build().post(teams(s), BODY);
            assertThat(r.delivered()).isTrue();
            assertThat(r.mayRepeat()).isFalse();
            assertThat(r.describe()).doesNotContain("twice");
        }
    }

    @Test
    void progressHearsOfEachRetryBeforeItsWait() throws IOException {
        try (WebhookServer s = new WebhookServer(Reply.of(503, ""), Reply.of(503, ""), Reply.of(202, ""))) {
            List<String> heard = new CopyOnWriteArrayList<>();
            DeliveryResult r = fast().build().post(generic(s), BODY, java.util.Optional.empty(),
                    new DeliveryProgress() {
                        @Override
                        public void retrying(Destination d, int attempt, String reason, Duration wait) {
                            heard.add(attempt + " " + reason + " " + wait.toMillis());
                        }
                    });
            assertThat(r.delivered()).isTrue();
            assertThat(heard).containsExactly("1 HTTP 503: service error 1000", "2 HTTP 503: service error 2000");
        }
    }

    @Test
    void anUnresolvableHostIsNamedAndNotRetried() {
        // What the JDK client reports for a host name the resolver does not know (no real lookup in a test).
        java.net.ConnectException unresolved = new java.net.ConnectException();
        unresolved.initCause(new java.nio.channels.UnresolvedAddressException());
        java.net.http.HttpClient client = org.mockito.Mockito.mock(java.net.http.HttpClient.class);
        org.mockito.Mockito.when(client.sendAsync(org.mockito.ArgumentMatchers.any(),
                        org.mockito.ArgumentMatchers.<java.net.http.HttpResponse.BodyHandler<String>>any()))
                .thenReturn(java.util.concurrent.CompletableFuture.failedFuture(unresolved));
        Destination d = new Destination.Teams(URI.create(
                "https://prod-99.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=s3cr3t"));

        DeliveryResult r = fast().httpClient(client).build().post(d, BODY);

        assertThat(r.outcome()).isEqualTo(DeliveryOutcome.PERMANENT);
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(r.reason()).isEqualTo("cannot resolve host prod-99.westeurope.logic.azure.com: the host name was"
                + " not found (no network, DNS not answering, or a mistyped host in the URL); not retried");
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void aClientErrorAnswerIsShownRedactedAndCut() throws IOException {
        try (WebhookServer s = new WebhookServer(Reply.of(400, "Invalid request to "
                + "/workflows/abc/triggers/manual/paths/invoke?sig=s3cr3t: property 'attachments' must hold one "
                + "card\n" + "x".repeat(500)))) {
            DeliveryResult r = fast().build().post(teams(s), BODY);

            assertThat(r.outcome()).isEqualTo(DeliveryOutcome.PERMANENT);
            assertThat(r.reason()).startsWith("HTTP 400: the service rejected the payload; the answer was: "
                            + "Invalid request to [redacted]")
                    .contains("property 'attachments' must hold one card").endsWith("…")
                    .doesNotContain("s3cr3t").doesNotContain("workflows/abc");
            assertThat(r.reason().length()).isLessThan(300);
        }
    }

    @Test
    void anAnswersCredentialsAndTerminalCodesAreNotShown() throws IOException {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjb250b3NvIn0.c2lnbmF0dXJlLXNlY3JldA";
        try (WebhookServer s = new WebhookServer(Reply.of(401, "<html>\u001B[31mDenied\u001B[0m\u0007 access_token="
                + jwt + " password=hunter2 {\"client_secret\": \"Qx9~s3cr3tValue\"} Authorization: Bearer "
                + "abcdefghijklmnop</html>"))) {
            DeliveryResult r = fast().build().post(teams(s), BODY);

            assertThat(r.reason()).contains("the answer was: <html>Denied access_token=[redacted] password=[redacted]"
                            + " {\"client_secret\": \"[redacted]\"} Authorization: [redacted]</html>")
                    .doesNotContain("hunter2").doesNotContain("eyJ").doesNotContain("Qx9").doesNotContain("abcdefgh")
                    .doesNotContain("\u001B").doesNotContain("\u0007");
        }
    }

    @Test
    void aRefusedConnectionIsRetryable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Destination d = new Destination.Generic(URI.create("http://localhost:" + port + "/hooks/x"));
        DeliveryResult r = fast().maxAttempts(3).build().post(d, BODY);

        assertThat(r.outcome()).isEqualTo(DeliveryOutcome.RETRYABLE);
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(r.reason()).isEqualTo("connection refused or unreachable");
        assertThat(sleeper.waits).hasSize(2);
    }

    @Test
    void redirectsAreNotFollowed() throws IOException {
        try (WebhookServer target = new WebhookServer(Reply.of(202, ""));
             WebhookServer s = new WebhookServer(Reply.of(302, "",
                     Map.of("Location", target.uri("/elsewhere").toString())))) {
            DeliveryResult r = fast().build().post(generic(s), BODY);
            assertThat(r.outcome()).isEqualTo(DeliveryOutcome.PERMANENT);
            assertThat(target.received()).isEmpty();
        }
    }

    @Test
    void aHugeAnswerIsReadOnlyInPart() throws IOException {
        try (WebhookServer s = new WebhookServer(Reply.of(400, "x".repeat(2_000_000)))) {
            DeliveryResult r = fast().build().post(slack(s), BODY);
            assertThat(r.outcome()).isEqualTo(DeliveryOutcome.PERMANENT);
            assertThat(r.reason().length()).isLessThan(300);
        }
    }

    /** With the real sleeper: the requests really arrive spaced by the backoff. */
    @Test
    void retriesAreReallySpacedInTime() throws IOException {
        try (WebhookServer s = new WebhookServer(Reply.of(503, ""), Reply.of(503, ""), Reply.of(202, ""))) {
            DeliveryResult r = WebhookDelivery.builder().baseBackoff(Duration.ofMillis(150))
                    .jitter(() -> 1.0).build().post(teams(s), BODY);

            assertThat(r.delivered()).isTrue();
            List<WebhookServer.Received> got = s.received();
            assertThat(got).hasSize(3);
            long gap1 = Duration.ofNanos(got.get(1).nanoTime() - got.get(0).nanoTime()).toMillis();
            long gap2 = Duration.ofNanos(got.get(2).nanoTime() - got.get(1).nanoTime()).toMillis();
            assertThat(gap1).isBetween(150L, 1_500L);
            assertThat(gap2).isBetween(300L, 1_650L);
            assertThat(r.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(450));
        }
    }
}
