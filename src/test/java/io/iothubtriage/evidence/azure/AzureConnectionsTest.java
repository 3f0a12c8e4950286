package io.iothubtriage.evidence.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.iothubtriage.evidence.Evidence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.iothubtriage.evidence.azure.ConnectionQueriesTest.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

class AzureConnectionsTest {

    static WireMockServer server;

    @BeforeAll
    static void start() {
        server = FakeAzureServer.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void clientsAreBuiltOncePerProcessForTheSameEndpointsAndIdentity() {
        // Loopback endpoints and a fake credential: nothing here can reach Azure or the instance-metadata endpoint.
        AzureEndpoints local = new AzureEndpoints(URI.create("https://localhost:9"), URI.create("https://localhost:9/v1"),
                URI.create("https://localhost:9"));
        AzureEndpoints otherLocal = new AzureEndpoints(URI.create("https://127.0.0.1:9"),
                URI.create("https://127.0.0.1:9/v1"), URI.create("https://127.0.0.1:9"));
        LiveOptions a = LiveOptions.defaults(local);
        LiveOptions sameClients = a.withWorkspaceId(Optional.of("63613592-b6f7-4c3d-a390-22ba13102111"))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
        LiveOptions otherEndpoints = a.withEndpoints(otherLocal);
        LiveOptions otherIdentity = a.withCredential(CredentialKind.MANAGED_IDENTITY, Optional.empty());
        List<AzureConnections.Key> built = new CopyOnWriteArrayList<>();
        BiFunction<AzureConnections.Key, HttpClient, TokenCredential> credentials = (key, http) -> {
            built.add(key);
            return new FakeCredential();
        };

        AzureConnections first = AzureConnections.forProcess(a, credentials);
        assertThat(AzureConnections.forProcess(sameClients, credentials)).isSameAs(first);
        assertThat(AzureConnections.forProcess(otherEndpoints, credentials)).isNotSameAs(first);
        assertThat(AzureConnections.forProcess(otherEndpoints, credentials).endpoints()).isEqualTo(otherLocal);
        assertThat(AzureConnections.forProcess(otherIdentity, credentials)).isNotSameAs(first);
        assertThat(built).extracting(AzureConnections.Key::credentialKind).containsExactly(
                CredentialKind.DEFAULT_AZURE_CREDENTIAL, CredentialKind.DEFAULT_AZURE_CREDENTIAL,
                CredentialKind.MANAGED_IDENTITY);

        LiveSources sources = LiveSources.create(sameClients);   // the process's clients, built above
        assertThat(built).hasSize(3);
        assertThat(sources.connectionsTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(sources.connections()).isInstanceOf(LogAnalyticsConnectionSource.class);
    }

    @Test
    void theThreeSourcesShareOneCredentialAndOneHttpClient() throws Exception {
        // The row query answers "cut short", so the source takes the summary path stubbed here.
        server.stubFor(post(anyUrl()).withRequestBody(containing("take rowLimit"))
                .willReturn(okJson(LogsResponse.rows().partialError("cut").json())));
        server.stubFor(post(anyUrl()).withRequestBody(containing("totalsSection"))
                .willReturn(okJson(LogAnalyticsConnectionSourceTest.outage().json())));
        server.stubFor(post(anyUrl()).withRequestBody(containing("bin(TimeGenerated, 1m)"))
                .willReturn(okJson(LogAnalyticsConnectionSourceTest.timelineJson())));
        // the sample's status re-dated to hold during the request's window: a status of 2016 would be a gap
        com.fasterxml.jackson.databind.node.ObjectNode current = ResourceHealthSourceTest.sampleBody(
                "2025-05-01_AvailabilityStatus_GetByResource.json").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) current.path("properties"))
                .put("occuredTime", REQUEST.window().start().minusSeconds(3600).toString())
                .put("reportedTime", REQUEST.window().end().plusSeconds(120).toString());
        server.stubFor(get(urlPathEqualTo(ResourceHealthSourceTest.CURRENT)).willReturn(okJson(current.toString())));
        server.stubFor(get(urlPathEqualTo(ResourceHealthSourceTest.HISTORY)).willReturn(okJson(
                ResourceHealthSourceTest.sampleBody("2025-05-01_AvailabilityStatuses_List.json").toString())));
        server.stubFor(get(urlPathEqualTo(ResourceHealthSourceTest.SUB_EVENTS)).willReturn(okJson("{\"value\":[]}")));
        server.stubFor(get(urlPathEqualTo(MetricsDeviceCountSourceTest.METRICS)).willReturn(okJson(
                MetricsDeviceCountSourceTest.iotHubMetrics())));
        FakeCredential credential = new FakeCredential();
        LiveSources sources = AzureConnections.create(AccessCheckTest.endpoints(server), credential, TestTls.httpClient())
                .sources(AccessCheckTest.options(server, Optional.empty()));

        var connections = sources.connections().fetch(REQUEST);
        var health = sources.health().fetch(REQUEST);
        var counts = sources.deviceCount().fetch(REQUEST);
        Evidence evidence = new Evidence(Optional.of(connections.value()), Optional.of(health.value()),
                Optional.of(counts.value()), java.util.List.of());

        assertThat(evidence.connections().orElseThrow().activeDevices()).isEqualTo(1204);
        assertThat(evidence.health().orElseThrow().current().orElseThrow().location()).isEqualTo("eastus");
        assertThat(evidence.deviceCount().orElseThrow().connected()).hasSize(4);
        // One token per pipeline: azure-monitor-query's (its scope has no port), the row query's (the Log Analytics
        // endpoint's origin), Resource Manager's. In Azure the first two are the same scope.
        assertThat(credential.requestedScopes()).containsExactlyInAnyOrder(
                java.util.List.of("https://localhost/.default"),
                java.util.List.of(AccessCheckTest.endpoints(server).logAnalyticsScope()),
                java.util.List.of(AccessCheckTest.endpoints(server).resourceManagerScope()));
    }
}
