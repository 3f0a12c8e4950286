package io.iothubtriage.bench;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.iothubtriage.evidence.azure.TestTls;

import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * The same fakes as {@link FakeAzureApis}, served by WireMock (Jetty), which speaks HTTP/2 over TLS like Azure's
 * front doors: the JDK client then multiplexes the requests to one host over one connection, as in production,
 * instead of one TLS handshake per request. Plain HTTP for the managed-identity endpoint. Loopback only.
 */
public final class FakeAzureHttp2 {
    public static void main(String[] args) {
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
        server.stubFor(post(urlPathMatching(".*/query")).withRequestBody(containing("totalsSection"))
                .willReturn(okJson(BenchData.SUMMARY)));
        server.stubFor(post(urlPathMatching(".*/query")).withRequestBody(containing("bin(TimeGenerated, 1m)"))
                .willReturn(okJson(BenchData.TIMELINE)));
        server.stubFor(get(urlPathMatching(".*/availabilityStatuses/current")).willReturn(okJson(BenchData.CURRENT)));
        server.stubFor(get(urlPathMatching(".*/availabilityStatuses")).willReturn(okJson(BenchData.HISTORY)));
        server.stubFor(get(urlPathMatching(".*/events")).willReturn(okJson(BenchData.EVENTS)));
        server.stubFor(get(urlPathMatching(".*/providers/Microsoft.Insights/metrics")).willReturn(okJson(BenchData.METRICS)));
        server.stubFor(get(urlPathEqualTo("/msi/token")).withHeader("X-IDENTITY-HEADER", equalTo(FakeAzureApis.IDENTITY_HEADER))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"bench-token\",\"expires_on\":\""
                                + Instant.now().plusSeconds(36000).getEpochSecond()
                                + "\",\"resource\":\"https://management.azure.com\",\"token_type\":\"Bearer\"}")));
        System.out.println("https=" + server.httpsPort() + " identity=http://localhost:" + server.port() + "/msi/token");
        System.out.flush();
    }
}
