package io.iothubtriage.evidence.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.ConnectionEvidence.CodeStats;
import io.iothubtriage.evidence.ConnectionEvidence.FamilyStats;
import io.iothubtriage.evidence.ConnectionEvidence.ValueCount;
import io.iothubtriage.evidence.Dimension;
import io.iothubtriage.evidence.EvidenceException;
import io.iothubtriage.evidence.Fetched;
import io.iothubtriage.evidence.Gap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.iothubtriage.evidence.azure.ConnectionQueriesTest.HUB;
import static io.iothubtriage.evidence.azure.ConnectionQueriesTest.REQUEST;
import static io.iothubtriage.evidence.azure.ConnectionQueriesTest.WINDOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real azure-monitor-query client against a local HTTPS fake speaking the query API's wire format. */
class LogAnalyticsConnectionSourceTest {

    static final String WORKSPACE = "63613592-b6f7-4c3d-a390-22ba13102111";
    static final String RESOURCE_PATH = "/v1" + HUB.resourceId() + "/query";
    static final String WORKSPACE_PATH = "/v1/workspaces/" + WORKSPACE + "/query";
    static WireMockServer server;
    static final ObjectMapper JSON = new ObjectMapper();
    FakeCredential credential;

    @BeforeAll
    static void start() {
        server = FakeAzureServer.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        credential = new FakeCredential();
    }

    LogAnalyticsConnectionSource source(Optional<String> workspace, Duration timeout) {
        return LogAnalyticsConnectionSource.builder()
                .endpoint(FakeAzureServer.baseUrl(server) + "/v1")
                .credential(credential)
                .httpClient(TestTls.httpClient())
                .retryOptions(AzurePipelines.retryOptions(Duration.ofMillis(10), Duration.ofMillis(50)))
                .workspaceId(workspace)
                .timeout(timeout)
                .rowCap(0) // these tests are about the summary path; LiveRowsTest covers the rows path
                .build();
    }

    LogAnalyticsConnectionSource source() {
        return source(Optional.empty(), Duration.ofSeconds(30));
    }

    /** An outage seen through the summary: 312 devices behind one address dropped with 404104. */
    static LogsResponse outage() {
        return LogsResponse.summary()
                .row("section", "totals", "analysisRows", 48211, "baselineRows", 1530077, "lastRowTime",
                        "2026-01-15T10:44:31.1234567Z", "activeDevices", 1204, "disconnectedDevices", 598)
                .row("section", "noise", "sasRenewalDevices", 18, "sasRenewalEvents", 36, "edgeOfDataDevices", 2,
                        "edgeOfDataEvents", 3, "sideEffectDuplicateDevices", 40)
                .row("section", "code", "code", "409002", "description", "LinkCreationConflict", "events", 97,
                        "devices", 41, "noiseEvents", 0, "onConnect", 0, "baselineEvents", 12, "baselineDevices", 5,
                        "firstSeen", "2026-01-15T10:41:10Z", "lastSeen", "2026-01-15T10:43:00Z")
                .row("section", "code", "code", "404104", "description", "DeviceConnectionClosedRemotely", "events", 1877,
                        "devices", 312, "noiseEvents", 21, "onConnect", 0, "baselineEvents", 41, "baselineDevices", 30,
                        "firstSeen", "2026-01-15T10:40:58Z", "lastSeen", "2026-01-15T10:44:02Z")
                .row("section", "code", "code", "401003", "description", "IoTHubUnauthorized", "events", 0,
                        "devices", 0, "noiseEvents", 18, "onConnect", 0, "baselineEvents", 800, "baselineDevices", 400)
                .row("section", "family", "family", "NETWORK_OR_KEEPALIVE", "devices", 312, "stillOffline", 290,
                        "firstSeen", "2026-01-15T10:40:58Z", "lastSeen", "2026-01-15T10:44:02Z")
                .row("section", "family", "family", "DUPLICATE_CONNECTION", "devices", 1, "stillOffline", 0,
                        "firstSeen", "2026-01-15T10:42:00Z", "lastSeen", "2026-01-15T10:42:00Z")
                .row("section", "familyDimension", "family", "NETWORK_OR_KEEPALIVE", "dimension", "maskedIpAddress",
                        "devices", 312, "distinctValues", 2)
                .row("section", "familyValue", "family", "NETWORK_OR_KEEPALIVE", "dimension", "maskedIpAddress",
                        "value", "198.51.100.XXX", "devices", 16, "rank", 2)
                .row("section", "familyValue", "family", "NETWORK_OR_KEEPALIVE", "dimension", "maskedIpAddress",
                        "value", "203.0.113.XXX", "devices", 296, "rank", 1)
                .row("section", "familyDimension", "family", "NETWORK_OR_KEEPALIVE", "dimension", "protocol",
                        "devices", 312, "distinctValues", 1)
                .row("section", "familyValue", "family", "NETWORK_OR_KEEPALIVE", "dimension", "protocol",
                        "value", "Mqtt", "devices", 312, "rank", 1)
                .row("section", "fleetDimension", "dimension", "maskedIpAddress", "devices", 1204, "distinctValues", 57)
                .row("section", "fleetValue", "dimension", "maskedIpAddress", "value", "203.0.113.XXX", "devices", 320,
                        "rank", 1)
                .row("section", "device", "deviceId", "sensor-0042", "family", "NETWORK_OR_KEEPALIVE", "events", 17)
                .row("section", "device", "deviceId", "sensor-0007", "family", "NETWORK_OR_KEEPALIVE", "events", "21")
                .row("section", "deviceCode", "deviceId", "sensor-0042", "code", "409002", "events", 2, "rank", 2)
                .row("section", "deviceCode", "deviceId", "sensor-0042", "code", "404104", "events", 15, "rank", 1)
                .row("section", "deviceCode", "deviceId", "sensor-0007", "code", "404104", "events", 21, "rank", 1);
    }

    static String timelineJson() {
        return LogsResponse.timeline()
                .row("minute", "2026-01-15T10:40:00Z", "connects", 12, "disconnects", 3, "errors", 1)
                .row("minute", "2026-01-15T10:41:00Z", "connects", 2, "disconnects", 587, "errors", 590)
                .json();
    }

    void stubSummary(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        server.stubFor(post(anyUrl()).withRequestBody(containing("totalsSection")).willReturn(response));
    }

    void stubTimeline(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        server.stubFor(post(anyUrl()).withRequestBody(containing("bin(TimeGenerated, 1m)")).willReturn(response));
    }

    LoggedRequest summaryRequest() {
        return server.findAll(postRequestedFor(anyUrl()).withRequestBody(containing("totalsSection"))).get(0);
    }

    @Test
    void resourceCentricQueriesTheHubAndMapsTheSummary() throws Exception {
        stubSummary(okJson(outage().json()));
        stubTimeline(okJson(timelineJson()));

        Fetched<ConnectionEvidence> fetched = source().fetch(REQUEST);

        assertThat(fetched.gaps()).isEmpty();
        ConnectionEvidence e = fetched.value();
        assertThat(e.window()).isEqualTo(WINDOW);
        assertThat(e.analysisRows()).isEqualTo(48211);
        assertThat(e.baselineRows()).isEqualTo(1530077);
        assertThat(e.lastRowTime()).contains(Instant.parse("2026-01-15T10:44:31.1234567Z"));
        assertThat(e.activeDevices()).isEqualTo(1204);
        assertThat(e.disconnectedDevices()).isEqualTo(598);
        assertThat(e.codes()).extracting(CodeStats::code).containsExactly("404104", "409002", "401003");
        CodeStats top = e.codes().get(0);
        assertThat(top).isEqualTo(new CodeStats("404104", "DeviceConnectionClosedRemotely", 1877, 312, 21, 0, 41, 30,
                Optional.of(Instant.parse("2026-01-15T10:40:58Z")), Optional.of(Instant.parse("2026-01-15T10:44:02Z"))));
        assertThat(e.codes().get(2).firstSeen()).isEmpty();
        assertThat(e.families()).extracting(FamilyStats::family)
                .containsExactly(CauseFamily.NETWORK_OR_KEEPALIVE, CauseFamily.DUPLICATE_CONNECTION);
        FamilyStats network = e.family(CauseFamily.NETWORK_OR_KEEPALIVE).orElseThrow();
        assertThat(network.stillOffline()).isEqualTo(290);
        assertThat(network.dimensions()).containsOnlyKeys(Dimension.values());
        assertThat(network.dimensions().get(Dimension.MASKED_IP_ADDRESS).top()).containsExactly(
                new ValueCount("203.0.113.XXX", 296), new ValueCount("198.51.100.XXX", 16));
        assertThat(network.dimensions().get(Dimension.MASKED_IP_ADDRESS).distinctValues()).isEqualTo(2);
        assertThat(network.dimensions().get(Dimension.SDK_VERSION).devices()).isZero();
        assertThat(e.affectedDevices()).isEqualTo(313);
        assertThat(e.noise()).isEqualTo(new ConnectionEvidence.Noise(18, 36, 2, 3, 40));
        assertThat(e.fleet().get(Dimension.MASKED_IP_ADDRESS).devices()).isEqualTo(1204);
        assertThat(e.fleet().get(Dimension.MASKED_IP_ADDRESS).distinctValues()).isEqualTo(57);
        assertThat(e.fleet().get(Dimension.PROTOCOL).top()).isEmpty();
        assertThat(e.topDevices()).extracting(ConnectionEvidence.DeviceStats::deviceId)
                .containsExactly("sensor-0007", "sensor-0042");
        assertThat(e.topDevices().get(1).codes()).containsExactly("404104", "409002");
        assertThat(e.timeline()).hasSize(35);
        assertThat(e.timeline().get(0).minute()).isEqualTo(Instant.parse("2026-01-15T10:10:00Z"));
        assertThat(e.timeline().get(31)).isEqualTo(new ConnectionEvidence.MinuteBucket(
                Instant.parse("2026-01-15T10:41:00Z"), 2, 587, 590));
        assertThat(e.timeline().get(32).disconnects()).isZero();

        LoggedRequest request = summaryRequest();
        assertThat(request.getUrl()).isEqualTo(RESOURCE_PATH);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + FakeCredential.TOKEN);
        assertThat(request.getHeader("Prefer")).isEqualTo("wait=29");
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        JsonNode body = JSON.readTree(request.getBodyAsString());
        assertThat(body.path("timespan").asText()).isEqualTo("2026-01-14T10:10Z/2026-01-15T10:45Z");
        assertThat(body.path("query").asText()).isEqualTo(ConnectionQueries.summary(REQUEST))
                .contains("let hubResourceId = \"" + HUB.resourceId() + "\";")
                .contains("let windowStart = datetime(2026-01-15T10:10:00Z);");
        assertThat(credential.requestedScopes()).containsOnly(List.of("https://localhost/.default"));
        // summary, timeline, and the row counts (the baseline and freshness of the rows path, asked on both paths)
        assertThat(server.findAll(postRequestedFor(urlEqualTo(RESOURCE_PATH)))).hasSizeBetween(3, 4); // see workspaceQueriesGoToTheWorkspace
    }

    @Test
    void workspaceQueriesGoToTheWorkspace() throws Exception {
        stubSummary(okJson(outage().json()));
        stubTimeline(okJson(timelineJson()));

        source(Optional.of(WORKSPACE), Duration.ofSeconds(10)).fetch(REQUEST);

        // counts, summary and timeline; the pipeline's retry policy may send one again when the JDK client's pooled
        // connection was closed under it (seen once on a loaded machine), which is a transport retry, not a new query.
        assertThat(server.findAll(postRequestedFor(urlEqualTo(WORKSPACE_PATH)))).hasSizeBetween(3, 4);
        assertThat(server.getAllServeEvents()).allSatisfy(e -> assertThat(e.getRequest().getUrl()).isEqualTo(WORKSPACE_PATH));
        assertThat(summaryRequest().getHeader("Prefer")).isEqualTo("wait=9");
    }

    @Test
    void noContentMeansNoRowsAtAll() throws Exception {
        stubSummary(aResponse().withStatus(204));
        stubTimeline(aResponse().withStatus(204));

        Fetched<ConnectionEvidence> fetched = source().fetch(REQUEST);

        assertThat(fetched.gaps()).isEmpty();
        assertThat(fetched.value().analysisRows()).isZero();
        assertThat(fetched.value().baselineRows()).isZero();
        assertThat(fetched.value().lastRowTime()).isEmpty();
        assertThat(fetched.value().timeline()).hasSize(35).allMatch(b -> b.errors() == 0 && b.connects() == 0);
    }

    @Test
    void partialResultsAreUsedAndRecordedAsAGap() throws Exception {
        stubSummary(okJson(outage().partialError("There were some errors when processing your query.").json()));
        stubTimeline(okJson(timelineJson()));

        Fetched<ConnectionEvidence> fetched = source().fetch(REQUEST);

        assertThat(fetched.value().activeDevices()).isEqualTo(1204);
        assertThat(fetched.gaps()).singleElement().satisfies(gap -> {
            assertThat(gap.source()).isEqualTo(Gap.CONNECTION_LOGS);
            assertThat(gap.reason()).contains("connection summary is partial").contains("PartialError")
                    .contains("counts may be low");
        });
    }

    @Test
    void aFailedTimelineIsAGapNotAFailure() throws Exception {
        stubSummary(okJson(outage().json()));
        stubTimeline(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"InternalServerError\",\"message\":\"boom\"}}"));

        Fetched<ConnectionEvidence> fetched = source().fetch(REQUEST);

        assertThat(fetched.value().timeline()).isEmpty();
        assertThat(fetched.gaps()).singleElement().extracting(Gap::reason).asString()
                .startsWith("per-minute timeline unavailable: Log Analytics answered 500");
    }

    @Test
    void syntaxErrorIsReportedAsOurBug() {
        stubSummary(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody(FakeAzureServer.sample("loganalytics/doc-error-400-syntax.json")));
        stubTimeline(okJson(timelineJson()));

        assertThatThrownBy(() -> source().fetch(REQUEST)).isInstanceOfSatisfying(EvidenceException.class, e -> {
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).startsWith("Log Analytics answered 400 BadArgumentError/SyntaxError")
                    .contains("bug in iothub-triage");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"401:doc-error-401-no-auth.json:AuthenticationFailed",
            "403:doc-error-403-insufficient-access.json:InsufficientAccessError",
            "403:doc-error-403-client-credentials-direct-api.json:InsufficientAccessError/UnauthorizedClient",
            "403:doc-error-403-invalid-token.json:InvalidAuthenticationToken",
            "403:doc-error-403-wrong-audience.json:InvalidAuthenticationTokenAudience"})
    void missingAccessNamesTheRoleAndTheHub(String spec) {
        String[] s = spec.split(":");
        stubSummary(aResponse().withStatus(Integer.parseInt(s[0])).withHeader("Content-Type", "application/json")
                .withBody(FakeAzureServer.sample("loganalytics/" + s[1])));
        stubTimeline(okJson(timelineJson()));

        assertThatThrownBy(() -> source().fetch(REQUEST)).isInstanceOfSatisfying(EvidenceException.class, e -> {
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).startsWith("Log Analytics answered " + s[0] + " " + s[2])
                    .endsWith("the identity needs Reader on the hub " + HUB.resourceId()
                            + " (resource-context access to its logs)");
        });
        assertThat(server.findAll(postRequestedFor(anyUrl()).withRequestBody(containing("totalsSection"))))
                .as("no retry on " + s[0]).hasSize(1);
    }

    @Test
    void missingAccessOnAWorkspaceNamesTheWorkspace() {
        stubSummary(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody(FakeAzureServer.sample("loganalytics/doc-error-403-insufficient-access.json")));
        stubTimeline(okJson(timelineJson()));

        assertThatThrownBy(() -> source(Optional.of(WORKSPACE), Duration.ofSeconds(5)).fetch(REQUEST))
                .hasMessageEndingWith("the identity needs Log Analytics Reader on the workspace " + WORKSPACE);
    }

    @Test
    void unknownWorkspaceIsNotFound() {
        stubSummary(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody(FakeAzureServer.sample("loganalytics/doc-error-404-path-not-found.json")));
        stubTimeline(okJson(timelineJson()));

        assertThatThrownBy(() -> source(Optional.of(WORKSPACE), Duration.ofSeconds(5)).fetch(REQUEST))
                .isInstanceOfSatisfying(EvidenceException.class, e -> {
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage()).contains("404 PathNotFoundError")
                            .contains("the workspace " + WORKSPACE + " was not found");
                });
    }

    @Test
    void throttlingWithALongRetryAfterIsNotRetriedAndSaysWhenToComeBack() {
        stubSummary(aResponse().withStatus(429).withHeader("Retry-After", "30").withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Too many requests\"}}"));
        stubTimeline(okJson(timelineJson()));

        assertThatThrownBy(() -> source().fetch(REQUEST)).isInstanceOfSatisfying(EvidenceException.class, e -> {
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("429 TooManyRequests").endsWith("retry after 30 s");
        });
        assertThat(server.findAll(postRequestedFor(anyUrl()).withRequestBody(containing("totalsSection")))).hasSize(1);
    }

    @Test
    void serverErrorsAreRetriedThenReportedAsRetryable() {
        stubSummary(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"InternalServerError\",\"message\":\"Unexpected failure\"}}"));
        stubTimeline(okJson(timelineJson()));

        assertThatThrownBy(() -> source().fetch(REQUEST)).isInstanceOfSatisfying(EvidenceException.class, e -> {
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).startsWith("Log Analytics answered 500 InternalServerError")
                    .endsWith("a service-side failure; retry later");
        });
        assertThat(server.findAll(postRequestedFor(anyUrl()).withRequestBody(containing("totalsSection")))).hasSize(3);
    }

    @Test
    void gatewayTimeoutMeansTheServerTimeoutWasExceeded() {
        stubSummary(aResponse().withStatus(504).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"GatewayTimeout\",\"message\":\"The query exceeded the server timeout\"}}"));
        stubTimeline(okJson(timelineJson()));

        assertThatThrownBy(() -> source().fetch(REQUEST)).isInstanceOfSatisfying(EvidenceException.class, e -> {
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("504 GatewayTimeout").contains("shorten the window");
        });
        assertThat(server.findAll(postRequestedFor(anyUrl()).withRequestBody(containing("totalsSection")))).hasSize(1);
    }

    @Test
    void aSlowAnswerPastTheTimeoutFailsInTime() {
        stubSummary(okJson(outage().json()).withFixedDelay(4000));
        stubTimeline(okJson(timelineJson()));
        long start = System.nanoTime();

        assertThatThrownBy(() -> source(Optional.empty(), Duration.ofMillis(800)).fetch(REQUEST))
                .isInstanceOfSatisfying(EvidenceException.class, e -> {
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("Log Analytics did not answer within 0.8 s");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
        assertThat(summaryRequest().getHeader("Prefer")).isEqualTo("wait=1");
    }

    @Test
    void aMalformedBodyIsRetryable() {
        stubSummary(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"tables\": [ {\"name\": "));
        stubTimeline(okJson(timelineJson()));

        assertThatThrownBy(() -> source().fetch(REQUEST)).isInstanceOfSatisfying(EvidenceException.class,
                e -> {
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.getMessage()).startsWith("Log Analytics sent a response that could not be read");
                });
    }

    @Test
    void aTableThatIsNotTheQuerysIsRefused() {
        // A real sample response, but of another query: no "section" column.
        String sample = FakeAzureServer.sample("loganalytics/doc-response-format-200.json");
        stubSummary(okJson(sample));
        stubTimeline(okJson(timelineJson()));

        assertThatThrownBy(() -> source().fetch(REQUEST)).isInstanceOfSatisfying(EvidenceException.class, e ->
                assertThat(e.getMessage()).contains("could not be read").contains("no 'section' column"));
    }

    @Test
    void numbersSentAsStringsAreRead() throws Exception {
        // The spec's examples send long columns as strings ("10"); the service sends numbers: both are read.
        stubSummary(okJson(LogsResponse.summary()
                .row("section", "totals", "analysisRows", "10", "baselineRows", "0", "activeDevices", "3",
                        "disconnectedDevices", "1")
                .json()));
        stubTimeline(okJson(LogsResponse.timeline().json()));

        ConnectionEvidence e = source().fetch(REQUEST).value();

        assertThat(e.analysisRows()).isEqualTo(10);
        assertThat(e.activeDevices()).isEqualTo(3);
        assertThat(e.codes()).isEmpty();
        assertThat(e.noise()).isEqualTo(ConnectionEvidence.Noise.none());
    }

    @Test
    void aHostileHubIdNeverReachesTheService() {
        io.iothubtriage.alert.HubId hostile = new io.iothubtriage.alert.HubId("6f2c1a3e-0b4d-4c5e-9f80-1a2b3c4d5e6f",
                "rg\" | union AzureActivity //", "contoso-hub");
        TriageRequest request = new TriageRequest(hostile, WINDOW, WINDOW.before(Duration.ofHours(1)), Optional.empty());

        assertThatThrownBy(() -> source().fetch(request)).isInstanceOfSatisfying(EvidenceException.class, e -> {
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).startsWith("connection logs not queried: not a valid IoT hub resource id");
        });
        assertThat(server.getAllServeEvents()).isEmpty();
    }
}
