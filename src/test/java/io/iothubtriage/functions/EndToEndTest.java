package io.iothubtriage.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.iothubtriage.alert.AlertParser;
import io.iothubtriage.config.Profile;
import io.iothubtriage.config.Settings;
import io.iothubtriage.diagnosis.Triage;
import io.iothubtriage.dispatch.Outbox;
import io.iothubtriage.dispatch.TriageEngine;
import io.iothubtriage.dispatch.TriageLedger;
import io.iothubtriage.dispatch.WebhookOutbox;
import io.iothubtriage.evidence.azure.AzureConnections;
import io.iothubtriage.evidence.azure.AzureEndpoints;
import io.iothubtriage.evidence.azure.CredentialKind;
import io.iothubtriage.evidence.azure.FakeCredential;
import io.iothubtriage.evidence.azure.LiveOptions;
import io.iothubtriage.evidence.azure.LiveSources;
import io.iothubtriage.evidence.azure.TestTls;
import io.iothubtriage.functions.testing.Alerts;
import io.iothubtriage.functions.testing.AzuriteTables;
import io.iothubtriage.functions.testing.FakeContext;
import io.iothubtriage.functions.testing.FakeHttpRequest;
import io.iothubtriage.functions.testing.FakeWebhook;
import io.iothubtriage.functions.testing.MutableClock;
import io.iothubtriage.functions.testing.TestApp;
import io.iothubtriage.notify.DeliveryResult;
import io.iothubtriage.notify.Destination;
import io.iothubtriage.notify.Notification;
import io.iothubtriage.notify.ResolvedMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The product end to end, as Azure would run it but without Azure: the function methods driven with fakes of the
 * Functions types, the real parser, the real triage on the live sources against an HTTPS fake of Log Analytics,
 * Resource Health and Metrics, the ledger on a real Azurite, and real webhook delivery to local webhook servers
 * that count what reaches the channel. The queues between the functions are real Azurite queues; {@link SimHost}
 * plays the Functions host around them (invocations, redelivery, the poison move) on the test's clock.
 */
class EndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant FIRED = Instant.parse("2026-11-26T10:41:00Z");
    private static WireMockServer azure;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:42:00Z"));
    private final FakeWebhook teams = new FakeWebhook();

    EndToEndTest() throws IOException {
    }

    @BeforeAll
    static void startAzure() {
        azure = new WireMockServer(WireMockConfiguration.wireMockConfig().httpDisabled(true).dynamicHttpsPort()
                .keystorePath(TestTls.keystorePath()).keystorePassword(TestTls.PASSWORD)
                .keyManagerPassword(TestTls.PASSWORD).keystoreType("PKCS12").jettyStopTimeout(0L));
        azure.start();
        // The row query answers "result set too large", so the live source takes the summary path these fixtures
        // hold (the rows path itself is covered by LiveRowsTest).
        azure.stubFor(post(anyUrl()).withRequestBody(containing("take rowLimit"))
                .willReturn(okJson(fixture("loganalytics-rows-over-cap.json"))));
        azure.stubFor(post(anyUrl()).withRequestBody(containing("totalsSection"))
                .willReturn(okJson(fixture("loganalytics-summary-outage.json"))));
        azure.stubFor(post(anyUrl()).withRequestBody(containing("bin(TimeGenerated, 1m)"))
                .willReturn(okJson(fixture("loganalytics-timeline.json"))));
        azure.stubFor(get(urlPathMatching("(?i).*/availabilityStatuses/current"))
                .willReturn(okJson(fixture("health-current-available.json"))));
        azure.stubFor(get(urlPathMatching("(?i).*/availabilityStatuses"))
                .willReturn(okJson(fixture("health-list-empty.json"))));
        azure.stubFor(get(urlPathMatching("(?i).*/Microsoft.ResourceHealth/events"))
                .willReturn(okJson(fixture("health-list-empty.json"))));
        azure.stubFor(get(urlPathMatching("(?i).*/providers/microsoft.insights/metrics"))
                .willReturn(okJson(fixture("metrics-device-count.json"))));
    }

    @AfterAll
    static void stopAzure() {
        azure.stop();
    }

    @AfterEach
    void stopWebhook() {
        teams.close();
    }

    private static String fixture(String name) {
        try {
            return Files.readString(Path.of("src/test/resources/functions/evidence", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The app with live sources against the fake, queues and ledger on Azurite and the real webhook delivery. */
    private SimHost app(Map<String, String> extra, java.util.function.UnaryOperator<Outbox> wrap) {
        Map<String, String> env = new HashMap<>();
        env.put("TEAMS_WEBHOOK_URL", teams.url("/workflows/e2e/triggers/manual/paths/invoke"));
        env.putAll(extra);
        TestApp b = TestApp.builder().clock(clock).formats(new LiveApp(Map.of()).formats());
        env.forEach(b::setting);
        Settings settings = Settings.from(Map.of("AzureWebJobsStorage", "UseDevelopmentStorage=true"), Profile.APP);
        String base = "https://localhost:" + azure.httpsPort();
        LiveOptions options = new LiveOptions(new AzureEndpoints(URI.create(base), URI.create(base + "/v1"),
                URI.create(base)), Optional.empty(), settings.logsTimeout(), settings.healthTimeout(),
                settings.metricsTimeout(), CredentialKind.DEFAULT_AZURE_CREDENTIAL, Optional.empty(),
                settings.ingestionAllowance());
        LiveSources sources = AzureConnections.create(options.endpoints(), new FakeCredential(), TestTls.httpClient())
                .sources(options);
        Triage triage = Triage.builder()
                .connectionLogs(sources.connections()).connectionLogsTimeout(sources.connectionsTimeout())
                .hubHealth(sources.health()).hubHealthTimeout(sources.healthTimeout())
                .deviceCount(sources.deviceCount()).deviceCountTimeout(sources.deviceCountTimeout())
                .clock(clock).build();
        TriageEngine engine = triage::runTimed;
        // The app's delivery policy (attempts, timeouts, classification) with shorter waits between attempts.
        b.engine(engine).outbox(s -> wrap.apply(new WebhookOutbox(LiveApp.deliveryPolicy()
                .baseBackoff(Duration.ofMillis(20)).build(), LiveApp.destinations(s))));
        App app = b.build();
        return new SimHost(app, b.queue(), b.poison(), clock);
    }

    private SimHost app() {
        return app(Map.of(), o -> o);
    }

    /** The action group calls with an alert that fired at {@code firedAt}, one minute later. */
    private void fire(SimHost host, String payload, Instant firedAt) {
        if (firedAt.plusSeconds(60).isAfter(clock.instant())) {
            clock.set(firedAt.plusSeconds(60));
        }
        assertThat(host.post(payload).getStatusCode()).isEqualTo(202);
    }

    private static JsonNode card(String body) throws Exception {
        return JSON.readTree(body).at("/attachments/0/content");
    }

    @Test
    void theSameAlertDeliveredThreeTimesByTheActionGroupYieldsExactlyOneCard() throws Exception {
        SimHost host = app();
        String payload = Alerts.fired("e2e-dup", FIRED);
        fire(host, payload, FIRED);
        fire(host, payload, FIRED);
        fire(host, payload, FIRED);
        host.settle(Duration.ofHours(1));

        assertThat(teams.requests()).isEqualTo(1);
        String body = teams.accepted().get(0);
        assertThat(body).contains("contoso-hub").contains("Devices lost network or keep-alive")
                .contains("203.0.113.XXX").doesNotContain("Possible repeat");
        assertThat(card(body).path("version").asText()).isEqualTo("1.4");
        assertThat(host.stage("triaged")).singleElement().asString()
                .contains("verdict=DEVICE_NETWORK_OR_KEEPALIVE").contains("connectionLogs=OK")
                .contains("resourceHealth=OK").contains("metrics=OK").containsPattern("connectionLogsMs=\\d+");
        assertThat(host.stage("delivered")).singleElement().asString().contains(":posted");
        assertThat(host.stage("duplicate")).hasSize(2);
    }

    @Test
    void everyStageLineNamesTheDestinationAsTheCliDoesAndNoneShowsItsSecret() throws Exception {
        String url = teams.url("/workflows/e2e/triggers/manual/paths/invoke");
        String shown = io.iothubtriage.notify.Destination.parse(io.iothubtriage.notify.Destination.Kind.TEAMS,
                "--post", url).display();
        SimHost host = app();
        teams.thenAnswer(503, 503, 503, 503);
        fire(host, Alerts.fired("e2e-retry-then-refused", FIRED), FIRED);
        host.settle(Duration.ofMinutes(30));
        teams.alwaysAnswer(404);
        fire(host, Alerts.fired("e2e-refused", FIRED), FIRED);
        host.settle(Duration.ofHours(30));

        assertThat(host.stage("posted")).extracting(l -> l.replaceAll(".* destination=\"([^\"]*)\".*", "$1"))
                .as("the CLI's name for it: kind, host, fingerprint").isNotEmpty().containsOnly(shown);
        assertThat(host.stage("will-retry")).anySatisfy(l -> assertThat(l).contains(shown + ": HTTP 503"));
        assertThat(host.stage("delivery-failed")).anySatisfy(l -> assertThat(l).contains(shown).contains("HTTP 404"));
        assertThat(host.stage("abandoned")).isNotEmpty();
        assertThat(host.lines()).allSatisfy(l -> assertThat(l).doesNotContain("TOPSECRETSIG")
                .doesNotContain("/workflows/e2e").doesNotContain(url));
    }

    @Test
    void aQueueMessageRedeliveredAfterItWasFullyHandledPostsNothing() {
        SimHost host = app();
        fire(host, Alerts.fired("e2e-redeliver", FIRED), FIRED);
        host.settle(Duration.ofHours(1));
        String handled = host.stage("dequeued").get(0);
        assertThat(handled).contains("alertId=");
        // the same message text again, as a queue redelivery would bring it
        host.redeliverLast();
        host.settle(Duration.ofHours(1));
        assertThat(teams.requests()).isEqualTo(1);
        assertThat(host.stage("duplicate")).hasSize(1);
        assertThat(host.stage("triaged")).as("no second triage").hasSize(1);
    }

    @Test
    void aCrashBetweenPostingAndRecordingYieldsASecondCardMarkedAsAPossibleRepeat() {
        AtomicInteger posts = new AtomicInteger();
        SimHost host = app(Map.of(), real -> new Outbox() {
            @Override
            public List<Destination> destinations() {
                return real.destinations();
            }

            @Override
            public DeliveryResult post(Destination target, Notification notice) {
                DeliveryResult o = real.post(target, notice);
                if (posts.incrementAndGet() == 1) {
                    throw new IllegalStateException("worker process killed after the post, before recording it");
                }
                return o;
            }
        });
        fire(host, Alerts.fired("e2e-crash", FIRED), FIRED);
        host.settle(Duration.ofHours(1));
        assertThat(host.stage("unexpected")).anySatisfy(l -> assertThat(l).contains("killed"));

        assertThat(teams.accepted()).hasSize(2);
        assertThat(teams.accepted().get(0)).doesNotContain("Possible repeat");
        assertThat(teams.accepted().get(1)).contains("Possible repeat").contains("Devices lost network or keep-alive");
    }

    @Test
    void aWebhookAnswering503TwiceThen202YieldsOneCard() {
        teams.thenAnswer(503, 503);
        SimHost host = app();
        fire(host, Alerts.fired("e2e-503", FIRED), FIRED);
        host.settle(Duration.ofHours(1));

        assertThat(teams.requests()).isEqualTo(3);
        assertThat(teams.accepted()).hasSize(1);
        assertThat(teams.accepted().get(0)).doesNotContain("Possible repeat");
    }

    @Test
    void aWebhookDownForHoursGetsTheFailureNoticeOnceItIsBack() throws Exception {
        teams.alwaysAnswer(503);
        SimHost host = app();
        fire(host, Alerts.fired("e2e-down", FIRED), FIRED);
        host.settle(Duration.ofHours(7));
        assertThat(teams.accepted()).isEmpty();
        assertThat(host.stage("giving-up")).singleElement().asString()
                .contains("alertId=" + Alerts.alertId("e2e-down")).doesNotContain("sig=");
        assertThat(host.stage("triage-failed")).isNotEmpty().allSatisfy(l -> assertThat(l).contains("severity=Sev2"));

        // Back up: the notice arrives, once.
        teams.alwaysAnswer(202);
        host.settle(Duration.ofHours(2));
        assertThat(teams.accepted()).hasSize(1);
        JsonNode notice = card(teams.accepted().get(0));
        assertThat(notice.toString()).contains("Automatic triage failed for contoso-hub")
                .contains("Sev2").contains("HTTP 503").contains("Logs.ReactView");
    }

    @Test
    void aResolvedAlertYieldsTheResolvedMessage() {
        SimHost host = app();
        fire(host, Alerts.fired("e2e-res", FIRED), FIRED);
        host.settle(Duration.ofHours(1));
        Instant resolvedAt = FIRED.plus(Duration.ofMinutes(42));
        fire(host, Alerts.resolved("e2e-res", FIRED, resolvedAt), resolvedAt);
        host.settle(Duration.ofHours(1));

        assertThat(teams.accepted()).hasSize(2);
        assertThat(teams.accepted().get(1)).contains("resolved").contains("42 min").contains("contoso-hub");
    }

    @Test
    void aRepeatWithinTheWindowYieldsTheShortUpdate() {
        SimHost host = app();
        fire(host, Alerts.fired("e2e-f1", FIRED), FIRED);
        host.settle(Duration.ofHours(1));
        fire(host, Alerts.fired("e2e-f2", FIRED.plus(Duration.ofMinutes(12))), FIRED.plus(Duration.ofMinutes(12)));
        host.settle(Duration.ofHours(1));

        assertThat(teams.accepted()).hasSize(2);
        assertThat(teams.accepted().get(1)).contains("still ongoing (Devices lost network or keep-alive), fired 2 times")
                .doesNotContain("203.0.113.XXX").hasSizeLessThan(teams.accepted().get(0).length() / 2);
    }

    @Test
    void theRerunEndpointReturnsTheSameReportJsonAndMarkdown() throws Exception {
        App app = app(Map.of("TRIAGE_HUBS", Alerts.HUB), o -> o).app();
        clock.set(Instant.parse("2026-11-26T10:46:00Z"));
        var json = (FakeHttpRequest.Response) new RerunEndpoint(app).run(FakeHttpRequest.get("/api/triage")
                .query("hub", Alerts.HUB).query("lookback", "35m"), new FakeContext("triage"));
        assertThat(json.getStatusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(json.bodyText());
        assertThat(report.path("schemaVersion").asText()).isEqualTo("1.1");
        assertThat(report.path("verdict").asText()).isEqualTo("DEVICE_NETWORK_OR_KEEPALIVE");
        assertThat(report.path("hub").path("name").asText()).isEqualTo("contoso-hub");
        assertThat(report.path("alert").isNull()).isTrue();

        var md = (FakeHttpRequest.Response) new RerunEndpoint(app).run(FakeHttpRequest.get("/api/triage")
                .query("hub", Alerts.HUB).query("lookback", "35m").query("format", "markdown"),
                new FakeContext("triage"));
        assertThat(md.getStatusCode()).isEqualTo(200);
        assertThat(md.bodyText()).contains("contoso-hub").contains("#");
        assertThat(teams.requests()).as("nothing posted without post=true").isZero();
    }
}
