package io.iothubtriage.evidence.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.iothubtriage.evidence.DeviceCountEvidence;
import io.iothubtriage.evidence.DeviceCountEvidence.MetricPoint;
import io.iothubtriage.evidence.EvidenceException;
import io.iothubtriage.evidence.Fetched;
import io.iothubtriage.evidence.Gap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.iothubtriage.evidence.azure.ConnectionQueriesTest.HUB;
import static io.iothubtriage.evidence.azure.ConnectionQueriesTest.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The metrics REST API (2024-02-01) through the ARM pipeline against a local HTTPS fake. */
class MetricsDeviceCountSourceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String METRICS = HUB.resourceId() + "/providers/Microsoft.Insights/metrics";
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

    MetricsDeviceCountSource source(Duration timeout) {
        return MetricsDeviceCountSource.builder()
                .endpoint(URI.create(FakeAzureServer.baseUrl(server)))
                .pipeline(AzurePipelines.resourceManager(TestTls.httpClient(), new FakeCredential(),
                        FakeAzureServer.baseUrl(server) + "/.default",
                        AzurePipelines.retryOptions(Duration.ofMillis(10), Duration.ofMillis(50))))
                .timeout(timeout)
                .build();
    }

    MetricsDeviceCountSource source() {
        return source(Duration.ofSeconds(10));
    }

    /** The GetMetric sample re-aimed at the hub's two device-count metrics, in its exact shape. */
    static String iotHubMetrics() throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(FakeAzureServer.sample("metrics/2024-02-01_GetMetric.json"))
                .path("responses").path("200").path("body").deepCopy();
        body.put("namespace", "microsoft.devices/iothubs");
        body.put("resourceregion", "westeurope");
        body.put("interval", "PT1M");
        ArrayNode value = body.putArray("value");
        value.add(metric("connectedDeviceCount", "Connected devices",
                point("2026-01-15T10:40:00Z", 1198, 1198.0, 1198),
                point("2026-01-15T10:41:00Z", 611, 702.5, 1190),
                JSON.createObjectNode().put("timeStamp", "2026-01-15T10:42:00Z"), // an empty minute
                point("2026-01-15T10:43:00Z", 640, 640.0, 640)));
        value.add(metric("totalDeviceCount", "Total devices",
                point("2026-01-15T10:40:00Z", 1250, 1250.0, 1250)));
        return body.toString();
    }

    static ObjectNode metric(String name, String localized, JsonNode... points) {
        ObjectNode m = JSON.createObjectNode();
        m.put("id", HUB.resourceId() + "/providers/Microsoft.Insights/metrics/" + name);
        m.put("type", "Microsoft.Insights/metrics");
        m.putObject("name").put("value", name).put("localizedValue", localized);
        m.put("unit", "Count");
        ArrayNode data = m.putArray("timeseries").addObject().putArray("data");
        for (JsonNode p : points) {
            data.add(p);
        }
        m.put("errorCode", "Success");
        return m;
    }

    static ObjectNode point(String time, double min, double avg, double max) {
        return JSON.createObjectNode().put("timeStamp", time).put("minimum", min).put("average", avg).put("maximum", max);
    }

    @Test
    void readsBothMetricsPerMinuteInOneRequest() throws Exception {
        server.stubFor(get(urlPathEqualTo(METRICS)).willReturn(okJson(iotHubMetrics())));

        Fetched<DeviceCountEvidence> fetched = source().fetch(REQUEST);

        assertThat(fetched.gaps()).isEmpty();
        List<MetricPoint> connected = fetched.value().connected();
        assertThat(connected).hasSize(4);
        assertThat(connected.get(1)).isEqualTo(new MetricPoint(Instant.parse("2026-01-15T10:41:00Z"),
                OptionalDouble.of(611), OptionalDouble.of(702.5), OptionalDouble.of(1190)));
        assertThat(connected.get(2).minimum()).isEmpty(); // no data is not zero
        assertThat(connected.get(2).average()).isEmpty();
        assertThat(fetched.value().registered()).singleElement()
                .extracting(p -> p.maximum().getAsDouble()).isEqualTo(1250.0);

        LoggedRequest request = server.findAll(getRequestedFor(urlPathEqualTo(METRICS))).get(0);
        assertThat(request.getUrl()).isEqualTo(METRICS + "?api-version=2024-02-01"
                + "&metricnames=connectedDeviceCount%2CtotalDeviceCount"
                + "&metricnamespace=Microsoft.Devices%2FIotHubs"
                + "&timespan=2026-01-15T10%3A10%3A00Z%2F2026-01-15T10%3A45%3A00Z"
                + "&interval=PT1M&aggregation=minimum%2Caverage%2Cmaximum");
        assertThat(request.queryParameter("timespan").firstValue()).isEqualTo("2026-01-15T10:10:00Z/2026-01-15T10:45:00Z");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + FakeCredential.TOKEN);
    }

    @Test
    void theSampleResponseOfOtherMetricsLeavesGapsNotZeros() throws Exception {
        String sample = JSON.readTree(FakeAzureServer.sample("metrics/2024-02-01_GetMetric.json"))
                .path("responses").path("200").path("body").toString();
        server.stubFor(get(urlPathEqualTo(METRICS)).willReturn(okJson(sample)));

        Fetched<DeviceCountEvidence> fetched = source().fetch(REQUEST);

        assertThat(fetched.value().connected()).isEmpty();
        assertThat(fetched.value().registered()).isEmpty();
        assertThat(fetched.gaps()).extracting(Gap::reason).containsExactly(
                "connectedDeviceCount missing from the metrics response",
                "totalDeviceCount missing from the metrics response");
    }

    @Test
    void aMetricWithAnErrorCodeIsAGap() throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(iotHubMetrics());
        ObjectNode total = (ObjectNode) body.path("value").get(1);
        total.put("errorCode", "ResourceNotFound");
        total.put("errorMessage", "Metric not available");
        total.putArray("timeseries");
        server.stubFor(get(urlPathEqualTo(METRICS)).willReturn(okJson(body.toString())));

        Fetched<DeviceCountEvidence> fetched = source().fetch(REQUEST);

        assertThat(fetched.value().connected()).hasSize(4);
        assertThat(fetched.gaps()).extracting(Gap::reason)
                .containsExactly("totalDeviceCount unavailable: ResourceNotFound (Metric not available)");
    }

    @Test
    void missingAccessNamesMonitoringReaderOnTheHub() {
        server.stubFor(get(urlPathEqualTo(METRICS)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"The client does not have"
                        + " authorization to perform action 'microsoft.insights/metrics/read'\"}}")));

        assertThatThrownBy(() -> source().fetch(REQUEST)).isInstanceOfSatisfying(EvidenceException.class, e -> {
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).startsWith("Azure Monitor metrics answered 403 AuthorizationFailed")
                    .endsWith("the identity needs Reader on the hub " + HUB.resourceId());
        });
    }

    @Test
    void badRequestIsOurBugAndNotFoundNamesTheHub() {
        server.stubFor(get(urlPathEqualTo(METRICS)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"BadRequest\",\"message\":\"Invalid aggregation\"}")));
        assertThatThrownBy(() -> source().fetch(REQUEST)).hasMessage("Azure Monitor metrics answered 400 BadRequest"
                + " (Invalid aggregation): the request is malformed, which is a bug in iothub-triage; please report it");

        server.stubFor(get(urlPathEqualTo(METRICS)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"not found\"}}")));
        assertThatThrownBy(() -> source().fetch(REQUEST))
                .hasMessageEndingWith("the hub " + HUB.resourceId() + " was not found in this cloud");
    }

    @Test
    void gatewayTimeoutAndServerErrorsAreRetryable() {
        server.stubFor(get(urlPathEqualTo(METRICS)).willReturn(aResponse().withStatus(504)));
        assertThatThrownBy(() -> source().fetch(REQUEST)).isInstanceOfSatisfying(EvidenceException.class,
                e -> assertThat(e.isRetryable()).isTrue());
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo(METRICS)))).hasSize(1);

        server.resetRequests();
        server.stubFor(get(urlPathEqualTo(METRICS)).willReturn(aResponse().withStatus(500)));
        assertThatThrownBy(() -> source().fetch(REQUEST)).isInstanceOfSatisfying(EvidenceException.class,
                e -> assertThat(e.getMessage()).isEqualTo("Azure Monitor metrics answered 500: a service-side failure; retry later"));
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo(METRICS)))).hasSize(3);
    }

    @Test
    void aSlowAnswerFailsInTime() {
        server.stubFor(get(urlPathEqualTo(METRICS)).willReturn(okJson("{\"value\":[]}").withFixedDelay(3000)));
        long start = System.nanoTime();

        assertThatThrownBy(() -> source(Duration.ofMillis(500)).fetch(REQUEST))
                .hasMessage("Azure Monitor metrics did not answer within 0.5 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void aMalformedPointIsRefused() {
        server.stubFor(get(urlPathEqualTo(METRICS)).willReturn(okJson("{\"value\":[{\"name\":{\"value\":\"connectedDeviceCount\"},"
                + "\"errorCode\":\"Success\",\"timeseries\":[{\"data\":[{\"timeStamp\":\"yesterday\",\"average\":3}]}]}]}")));

        assertThatThrownBy(() -> source().fetch(REQUEST)).isInstanceOfSatisfying(EvidenceException.class, e -> {
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("could not be read").contains("timeStamp");
        });
    }
}
