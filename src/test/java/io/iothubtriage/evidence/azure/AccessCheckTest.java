package io.iothubtriage.evidence.azure;

import com.azure.core.credential.TokenCredential;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.iothubtriage.evidence.Gap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.iothubtriage.evidence.azure.ConnectionQueriesTest.HUB;
import static org.assertj.core.api.Assertions.assertThat;

/** The doctor against HTTPS fakes of all three APIs, through the process-style composition of AzureConnections. */
class AccessCheckTest {

    static WireMockServer server;

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
    }

    static AzureEndpoints endpoints(WireMockServer server) {
        String base = FakeAzureServer.baseUrl(server);
        return new AzureEndpoints(URI.create(base), URI.create(base + "/v1"), URI.create(base));
    }

    static LiveOptions options(WireMockServer server, Optional<String> workspace) {
        return LiveOptions.defaults(endpoints(server)).withWorkspaceId(workspace)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    List<SourceCheck> check(TokenCredential credential, Optional<String> workspace) {
        return AzureConnections.create(endpoints(server), credential, TestTls.httpClient(),
                        AzurePipelines.retryOptions(Duration.ofMillis(10), Duration.ofMillis(50)))
                .accessCheck(options(server, workspace)).check(HUB);
    }

    static ResponseDefinitionBuilder error(int status, String code) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"" + code + "\",\"message\":\"denied\"}}");
    }

    void stubAllReadable(long rows) throws Exception {
        server.stubFor(post(urlPathEqualTo("/v1" + HUB.resourceId() + "/query")).willReturn(okJson(LogsResponse.table(
                        new java.util.LinkedHashMap<>(Map.of("rows", "long", "newest", "datetime")))
                .row("rows", rows, "newest", rows == 0 ? null : "2026-01-15T10:44:00Z").json())));
        server.stubFor(get(urlPathEqualTo(ResourceHealthSourceTest.CURRENT)).willReturn(okJson(
                ResourceHealthSourceTest.sampleBody("2025-05-01_AvailabilityStatus_GetByResource.json").toString())));
        server.stubFor(get(urlPathEqualTo(ResourceHealthSourceTest.SUB_EVENTS)).willReturn(okJson(
                ResourceHealthSourceTest.sampleBody("2025-05-01_Events_ListBySubscriptionId.json").toString())));
        server.stubFor(get(urlPathEqualTo(MetricsDeviceCountSourceTest.METRICS)).willReturn(okJson(
                MetricsDeviceCountSourceTest.iotHubMetrics())));
        server.stubFor(get(urlPathEqualTo(ChangeHistorySourceTest.ACTIVITY)).willReturn(okJson("{\"value\": []}")));
        server.stubFor(post(urlPathEqualTo(ChangeHistorySourceTest.GRAPH)).willReturn(okJson(
                "{\"count\": 0, \"data\": [], \"totalRecords\": 0, \"resultTruncated\": \"false\"}")));
    }

    @Test
    void everythingReadable() throws Exception {
        stubAllReadable(1234);

        List<SourceCheck> checks = check(new FakeCredential(), Optional.empty());

        assertThat(checks).extracting(SourceCheck::source).containsExactly(AccessCheck.CREDENTIAL, Gap.CONNECTION_LOGS,
                Gap.RESOURCE_HEALTH, "serviceHealthEvents", Gap.METRICS, "activityLog", "resourceChanges");
        assertThat(checks).allMatch(SourceCheck::ok);
        assertThat(checks.get(1).detail()).isEqualTo("1234 Connections rows in 24 h in the hub's logs (newest 2026-01-15T10:44:00Z)");
        assertThat(checks.get(2).detail()).isEqualTo("the hub is Unavailable (eastus)");
        assertThat(checks.get(4).detail()).isEqualTo("connectedDeviceCount readable (640 connected)");
        assertThat(checks.get(5).detail()).isEqualTo("readable (0 changes of the hub in the last hour)");
        String query = server.findAll(postRequestedFor(urlPathEqualTo("/v1" + HUB.resourceId() + "/query"))).get(0)
                .getBodyAsString();
        assertThat(query).contains("let hubResourceId = \\\"" + HUB.resourceId() + "\\\";")
                .contains("summarize rows = count(), newest = max(TimeGenerated)");
    }

    @Test
    void eachMissingPieceIsNamedWithItsScope() throws Exception {
        stubAllReadable(0);
        server.stubFor(get(urlPathEqualTo(ResourceHealthSourceTest.SUB_EVENTS)).willReturn(error(403, "AuthorizationFailed")));
        server.stubFor(get(urlPathEqualTo(MetricsDeviceCountSourceTest.METRICS)).willReturn(error(403, "AuthorizationFailed")));
        server.stubFor(post(urlPathEqualTo(ChangeHistorySourceTest.GRAPH)).willReturn(error(403, "AuthorizationFailed")));

        List<SourceCheck> checks = check(new FakeCredential(), Optional.empty());

        assertThat(checks).extracting(SourceCheck::status).containsExactly(SourceCheck.Status.OK,
                SourceCheck.Status.MISSING, SourceCheck.Status.OK, SourceCheck.Status.MISSING, SourceCheck.Status.MISSING,
                SourceCheck.Status.OK, SourceCheck.Status.MISSING);
        assertThat(checks.get(6).detail()).endsWith("the identity needs Reader on the hub " + HUB.resourceId());
        assertThat(checks.get(1).detail()).isEqualTo("no Connections rows in 24 h in the hub's logs: add a diagnostic"
                + " setting on the hub sending the Connections category to a Log Analytics workspace");
        assertThat(checks.get(3).detail()).endsWith("the identity needs Reader on the subscription /subscriptions/"
                + HUB.subscriptionId() + " (until then the triage reads only the hub's own events)");
        assertThat(checks.get(4).detail()).endsWith("the identity needs Reader on the hub " + HUB.resourceId());
        assertThat(checks.get(4).toString()).startsWith("metrics              MISSING     Azure Monitor metrics answered 403");
    }

    @Test
    void missingLogAnalyticsAccessOnAWorkspaceNamesTheWorkspace() throws Exception {
        stubAllReadable(5);
        String ws = "63613592-b6f7-4c3d-a390-22ba13102111";
        server.stubFor(post(urlPathEqualTo("/v1/workspaces/" + ws + "/query")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody(FakeAzureServer.sample("loganalytics/doc-error-403-insufficient-access.json"))));

        SourceCheck logs = check(new FakeCredential(), Optional.of(ws)).get(1);

        assertThat(logs.status()).isEqualTo(SourceCheck.Status.MISSING);
        assertThat(logs.detail()).endsWith("the identity needs Log Analytics Reader on the workspace " + ws);
    }

    @Test
    void aCredentialThatHangsIsNamedNotResourceManager() {
        LiveOptions quick = options(server, Optional.empty()).withTimeouts(Duration.ofSeconds(10),
                Duration.ofMillis(400), Duration.ofSeconds(10));
        List<SourceCheck> checks = AzureConnections.create(endpoints(server), request -> Mono.never(),
                        TestTls.httpClient(), AzurePipelines.retryOptions(Duration.ofMillis(10), Duration.ofMillis(50)))
                .accessCheck(quick).check(HUB);

        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(SourceCheck.Status.UNAVAILABLE);
            assertThat(c.detail()).startsWith("signing in did not finish within 400").contains("a credential of the chain"
                    + " hung").endsWith("no Azure service was asked; nothing else was checked")
                    .doesNotContain("Resource Manager");
        });
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void withoutATokenNothingElseIsTried() {
        TokenCredential none = request -> Mono.error(new com.azure.identity.CredentialUnavailableException(
                "DefaultAzureCredential failed to retrieve a token from the included credentials."));

        List<SourceCheck> checks = check(none, Optional.empty());

        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.source()).isEqualTo(AccessCheck.CREDENTIAL);
            assertThat(c.status()).isEqualTo(SourceCheck.Status.MISSING);
            assertThat(c.detail()).startsWith("no Azure credential found: tried environment variables")
                    .contains("sign in with 'az login'").doesNotContain("failed to retrieve a token");
        });
        assertThat(server.getAllServeEvents()).isEmpty();
    }
}
