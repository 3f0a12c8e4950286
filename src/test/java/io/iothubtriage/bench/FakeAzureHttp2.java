package io.iothubtriage.bench;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.iothubtriage.evidence.azure.TestTls;

import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * Local fakes of the Azure APIs the live sources call, for the benchmarks: Log Analytics, Resource Health and
 * metrics over HTTPS with the test certificate, served by WireMock (Jetty), which speaks HTTP/2 over TLS like
 * Azure's front doors (the JDK client then multiplexes the requests to one host over one connection, as in
 * production), plus the App Service managed-identity endpoint over plain HTTP, as in Azure. Bound to 127.0.0.1.
 *
 * <p>Run as its own process, so the process under test can be given the endpoints in its environment before it
 * starts: {@code FakeAzureHttp2 [LOGS_MS STATUS_MS HISTORY_MS EVENTS_MS METRICS_MS]} (delays before each API
 * answers; none by default). Prints {@code https=PORT identity=URL} and serves until killed.
 */
public final class FakeAzureHttp2 {
    /** The value the fake identity endpoint expects in X-IDENTITY-HEADER (App Service's IDENTITY_HEADER). */
    public static final String IDENTITY_HEADER = "bench-identity-header";

    private FakeAzureHttp2() {
    }

    public static void main(String[] args) {
        int[] delays = new int[5];
        if (args.length != 0 && args.length != 5) {
            System.err.println("usage: FakeAzureHttp2 [LOGS_MS STATUS_MS HISTORY_MS EVENTS_MS METRICS_MS]");
            System.exit(2);
        }
        for (int i = 0; i < args.length; i++) {
            delays[i] = Integer.parseInt(args[i]);
        }
        WireMockServer server = new WireMockServer(WireMockConfiguration.wireMockConfig()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .dynamicHttpsPort()
                .keystorePath(TestTls.keystorePath())
                .keystorePassword(TestTls.PASSWORD)
                .keyManagerPassword(TestTls.PASSWORD)
                .keystoreType("PKCS12")
                .containerThreads(32)
                .disableRequestJournal());
        server.start();
        // Every Azure API call must carry a bearer token: a request without one gets 401, as from Azure.
        server.stubFor(post(urlPathMatching(".*/query")).withRequestBody(containing("totalsSection"))
                .withHeader("Authorization", matching("Bearer .+"))
                .willReturn(json(BenchData.SUMMARY, delays[0])));
        server.stubFor(post(urlPathMatching(".*/query")).withRequestBody(containing("bin(TimeGenerated, 1m)"))
                .withHeader("Authorization", matching("Bearer .+"))
                .willReturn(json(BenchData.TIMELINE, delays[0])));
        server.stubFor(get(urlPathMatching(".*/availabilityStatuses/current"))
                .withHeader("Authorization", matching("Bearer .+"))
                .willReturn(json(BenchData.CURRENT, delays[1])));
        server.stubFor(get(urlPathMatching(".*/availabilityStatuses"))
                .withHeader("Authorization", matching("Bearer .+"))
                .willReturn(json(BenchData.HISTORY, delays[2])));
        server.stubFor(get(urlPathMatching(".*/events"))
                .withHeader("Authorization", matching("Bearer .+"))
                .willReturn(json(BenchData.EVENTS, delays[3])));
        server.stubFor(get(urlPathMatching(".*/providers/Microsoft.Insights/metrics"))
                .withHeader("Authorization", matching("Bearer .+"))
                .willReturn(json(BenchData.METRICS, delays[4])));
        // App Service managed identity, api-version 2019-08-01: expires_on in epoch seconds.
        server.stubFor(get(urlPathEqualTo("/msi/token")).withHeader("X-IDENTITY-HEADER", equalTo(IDENTITY_HEADER))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"bench-token\",\"expires_on\":\""
                                + Instant.now().plusSeconds(36000).getEpochSecond()
                                + "\",\"resource\":\"https://management.azure.com\",\"token_type\":\"Bearer\"}")));
        System.out.println("https=" + server.httpsPort() + " identity=http://127.0.0.1:" + server.port() + "/msi/token");
        System.out.flush();
    }

    private static ResponseDefinitionBuilder json(String body, int delayMillis) {
        ResponseDefinitionBuilder response = okJson(body);
        return delayMillis > 0 ? response.withFixedDelay(delayMillis) : response;
    }
}
