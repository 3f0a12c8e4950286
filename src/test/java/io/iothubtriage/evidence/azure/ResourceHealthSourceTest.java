package io.iothubtriage.evidence.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.diagnosis.Diagnosis;
import io.iothubtriage.diagnosis.DiagnosisOptions;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.evidence.Evidence;
import io.iothubtriage.evidence.EvidenceException;
import io.iothubtriage.evidence.Fetched;
import io.iothubtriage.evidence.Gap;
import io.iothubtriage.evidence.HubHealthEvidence;
import io.iothubtriage.evidence.HubHealthEvidence.AvailabilityStatus;
import io.iothubtriage.evidence.HubHealthEvidence.ServiceHealthEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.iothubtriage.evidence.azure.ConnectionQueriesTest.HUB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Resource Health over an azure-core pipeline against a local HTTPS fake replaying the 2025-05-01 samples. */
class ResourceHealthSourceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String HEALTH = HUB.resourceId() + "/providers/Microsoft.ResourceHealth";
    static final String CURRENT = HEALTH + "/availabilityStatuses/current";
    static final String HISTORY = HEALTH + "/availabilityStatuses";
    static final String HUB_EVENTS = HEALTH + "/events";
    static final String SUB_EVENTS = "/subscriptions/" + HUB.subscriptionId() + "/providers/Microsoft.ResourceHealth/events";
    /** The samples' statuses are from March 2016: the window is put around them. */
    static final TimeWindow WINDOW = new TimeWindow(Instant.parse("2016-03-29T09:00:00Z"), Instant.parse("2016-03-29T09:35:00Z"));
    static final TriageRequest REQUEST = new TriageRequest(HUB, WINDOW, WINDOW.before(Duration.ofHours(24)), Optional.empty());

    static WireMockServer server;
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

    ResourceHealthSource source(Duration timeout, int maxPages) {
        return ResourceHealthSource.builder()
                .endpoint(URI.create(FakeAzureServer.baseUrl(server)))
                .pipeline(AzurePipelines.resourceManager(TestTls.httpClient(), credential,
                        FakeAzureServer.baseUrl(server) + "/.default",
                        AzurePipelines.retryOptions(Duration.ofMillis(10), Duration.ofMillis(50))))
                .timeout(timeout)
                .maxPages(maxPages)
                .build();
    }

    ResourceHealthSource source() {
        return source(Duration.ofSeconds(10), ResourceHealthSource.DEFAULT_MAX_PAGES);
    }

    static JsonNode sampleBody(String file) {
        try {
            return JSON.readTree(FakeAzureServer.sample("resourcehealth/" + file)).path("responses").path("200").path("body");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The subscription-events sample's event, re-aimed at a service, region and impact window. */
    static ObjectNode event(String name, String service, String region, String status, String start, String end) {
        ObjectNode e = sampleBody("2025-05-01_Events_ListBySubscriptionId.json").path("value").get(0).deepCopy();
        e.put("name", name);
        ObjectNode p = (ObjectNode) e.path("properties");
        p.put("status", status);
        p.put("title", name + ": " + service + " in " + region);
        p.put("impactStartTime", start);
        if (end == null) {
            p.remove("impactMitigationTime");
        } else {
            p.put("impactMitigationTime", end);
        }
        ObjectNode impact = (ObjectNode) p.path("impact").get(0);
        impact.put("impactedService", service);
        ((ObjectNode) impact.path("impactedRegions").get(0)).put("impactedRegion", region);
        return e;
    }

    static String page(List<? extends JsonNode> items, String nextLink) {
        ObjectNode page = JSON.createObjectNode();
        ArrayNode value = page.putArray("value");
        items.forEach(value::add);
        if (nextLink != null) {
            page.put("nextLink", nextLink);
        }
        return page.toString();
    }

    static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
    }

    void stubSamples() {
        server.stubFor(get(urlPathEqualTo(CURRENT)).willReturn(okJson(sampleBody("2025-05-01_AvailabilityStatus_GetByResource.json").toString())));
        server.stubFor(get(urlPathEqualTo(HISTORY)).willReturn(okJson(sampleBody("2025-05-01_AvailabilityStatuses_List.json").toString())));
        String page2 = FakeAzureServer.baseUrl(server) + SUB_EVENTS + "?api-version=2025-05-01&$skipToken=page2";
        server.stubFor(get(urlPathEqualTo(SUB_EVENTS)).willReturn(okJson(page(List.of(
                sampleBody("2025-05-01_Events_ListBySubscriptionId.json").path("value").get(0), // Virtual Machines, West US
                event("IOT-EASTUS-1", "IoT Hub", "East US", "Resolved", "2016-03-29T08:45:00Z", "2016-03-29T10:00:00Z")),
                page2))));
        server.stubFor(get(urlPathEqualTo(SUB_EVENTS)).withQueryParam("$skipToken", com.github.tomakehurst.wiremock.client.WireMock.equalTo("page2"))
                .willReturn(okJson(page(List.of(
                        event("IOT-WESTEUROPE", "IoT Hub", "West Europe", "Active", "2016-03-29T09:05:00Z", null),
                        event("IOT-EASTUS-OLD", "IoT Hub", "East US", "Resolved", "2016-03-01T08:00:00Z", "2016-03-01T09:00:00Z"),
                        event("IOT-EASTUS-ACTIVE", "Azure IoT Hub", "East US", "Active", "2016-03-20T00:00:00Z", null)),
                        null))));
    }

    @Test
    void readsStatusHistoryAndIotHubEventsInTheHubsRegion() throws Exception {
        stubSamples();

        Fetched<HubHealthEvidence> fetched = source().fetch(REQUEST);

        assertThat(fetched.gaps()).isEmpty();
        HubHealthEvidence health = fetched.value();
        AvailabilityStatus current = health.current().orElseThrow();
        assertThat(current.availabilityState()).isEqualTo("Unavailable");
        assertThat(current.context()).isEqualTo("Platform Initiated");
        assertThat(current.occurredTime()).contains(Instant.parse("2016-03-29T09:12:00Z")); // wire: "occuredTime"
        assertThat(current.reportedTime()).contains(Instant.parse("2016-05-04T14:11:29.7598931Z"));
        assertThat(current.location()).isEqualTo("eastus");
        assertThat(current.isUnavailableOrDegraded()).isTrue();
        assertThat(current.isUserInitiated()).isFalse();
        assertThat(health.history()).extracting(AvailabilityStatus::availabilityState)
                .containsExactly("Available", "Unavailable"); // in effect at the window start, then the change in it
        assertThat(health.events()).extracting(ServiceHealthEvent::id).containsExactly("IOT-EASTUS-ACTIVE", "IOT-EASTUS-1");
        ServiceHealthEvent resolved = health.events().get(1);
        assertThat(resolved.impactedServices()).containsExactly("IoT Hub");
        assertThat(resolved.impactedRegions()).containsExactly("East US");
        assertThat(resolved.eventType()).isEqualTo("ServiceIssue");
        assertThat(resolved.level()).isEqualTo("Warning");
        assertThat(resolved.impactMitigation()).contains(Instant.parse("2016-03-29T10:00:00Z"));

        LoggedRequest currentRequest = server.findAll(getRequestedFor(urlPathEqualTo(CURRENT))).get(0);
        assertThat(currentRequest.getUrl()).isEqualTo(CURRENT + "?api-version=2025-05-01");
        assertThat(currentRequest.getHeader("Authorization")).isEqualTo("Bearer " + FakeCredential.TOKEN);
        assertThat(currentRequest.getHeader("Accept")).isEqualTo("application/json");
        assertThat(currentRequest.getHeader("x-ms-client-request-id")).isNotBlank();
        List<LoggedRequest> events = server.findAll(getRequestedFor(urlPathEqualTo(SUB_EVENTS)));
        assertThat(events).extracting(LoggedRequest::getUrl).containsExactly(
                SUB_EVENTS + "?api-version=2025-05-01&queryStartTime=3%2F26%2F2016",
                SUB_EVENTS + "?api-version=2025-05-01&$skipToken=page2");
        assertThat(events).allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + FakeCredential.TOKEN));
        assertThat(credential.requestedScopes()).containsOnly(List.of(FakeAzureServer.baseUrl(server) + "/.default"));
    }

    @Test
    void pagingStopsAtThePageLimitAndSaysSo() throws Exception {
        stubSamples();
        String again = FakeAzureServer.baseUrl(server) + SUB_EVENTS + "?api-version=2025-05-01&$skipToken=page2";
        server.stubFor(get(urlPathEqualTo(SUB_EVENTS)).withQueryParam("$skipToken", com.github.tomakehurst.wiremock.client.WireMock.equalTo("page2"))
                .willReturn(okJson(page(List.of(), again)))); // a listing that never ends

        Fetched<HubHealthEvidence> fetched = source(Duration.ofSeconds(10), 3).fetch(REQUEST);

        assertThat(server.findAll(getRequestedFor(urlPathEqualTo(SUB_EVENTS)))).hasSize(3);
        assertThat(fetched.gaps()).extracting(Gap::reason).containsExactly("only the first 3 pages of service-health events were read");
        assertThat(fetched.value().events()).extracting(ServiceHealthEvent::id).containsExactly("IOT-EASTUS-1");
    }

    @Test
    void aNextLinkToAnotherHostIsNotFollowed() throws Exception {
        stubSamples();
        server.stubFor(get(urlPathEqualTo(SUB_EVENTS)).willReturn(okJson(page(List.of(), "https://attacker.example/steal?x=1"))));

        Fetched<HubHealthEvidence> fetched = source().fetch(REQUEST);

        assertThat(server.findAll(getRequestedFor(urlPathEqualTo(SUB_EVENTS)))).hasSize(1);
        assertThat(fetched.gaps()).extracting(Gap::reason)
                .containsExactly("service-health events: the next page is on another host and was not requested");
    }

    @Test
    void withoutAccessToTheSubscriptionItFallsBackToTheHubsOwnEvents() throws Exception {
        stubSamples();
        server.stubFor(get(urlPathEqualTo(SUB_EVENTS)).willReturn(error(403, "AuthorizationFailed",
                "The client does not have authorization to perform action 'Microsoft.ResourceHealth/events/read'")));
        ObjectNode own = sampleBody("2025-05-01_Events_ListBySingleResource.json").deepCopy();
        ObjectNode impact = (ObjectNode) own.path("value").get(0).path("properties").path("impact").get(0);
        impact.put("impactedService", "IoT Hub");
        ((ObjectNode) impact.path("impactedRegions").get(0)).put("impactedRegion", "East US");
        own.remove("nextLink");
        server.stubFor(get(urlPathEqualTo(HUB_EVENTS)).willReturn(okJson(own.toString())));

        Fetched<HubHealthEvidence> fetched = source().fetch(REQUEST);

        assertThat(fetched.value().events()).extracting(ServiceHealthEvent::id).containsExactly("BC_1-FXZ");
        assertThat(fetched.gaps()).singleElement().extracting(Gap::reason).isEqualTo(
                "the subscription's service-health events are not readable (403 AuthorizationFailed): the identity needs"
                        + " Reader on /subscriptions/" + HUB.subscriptionId() + "; used the hub's own events instead");
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo(HUB_EVENTS))).get(0).getUrl())
                .isEqualTo(HUB_EVENTS + "?api-version=2025-05-01");
    }

    @Test
    void aFailedPartIsAGapWithTheRoleToAdd() throws Exception {
        stubSamples();
        server.stubFor(get(urlPathEqualTo(HISTORY)).willReturn(error(403, "AuthorizationFailed", "no access")));

        Fetched<HubHealthEvidence> fetched = source().fetch(REQUEST);

        assertThat(fetched.value().current()).isPresent();
        assertThat(fetched.value().history()).isEmpty();
        assertThat(fetched.gaps()).singleElement().extracting(Gap::reason).isEqualTo(
                "availability history unavailable: Resource Health answered 403 AuthorizationFailed (no access):"
                        + " the identity needs Reader on the hub " + HUB.resourceId());
    }

    @Test
    void serverErrorsAreRetried() throws Exception {
        stubSamples();
        server.stubFor(get(urlPathEqualTo(CURRENT)).inScenario("flaky").whenScenarioStateIs("Started")
                .willReturn(error(503, "ServiceUnavailable", "busy")).willSetStateTo("second"));
        server.stubFor(get(urlPathEqualTo(CURRENT)).inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo(CURRENT)).inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(okJson(sampleBody("2025-05-01_AvailabilityStatus_GetByResource.json").toString())));

        Fetched<HubHealthEvidence> fetched = source().fetch(REQUEST);

        assertThat(fetched.value().current()).isPresent();
        assertThat(fetched.gaps()).isEmpty();
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo(CURRENT)))).hasSize(3);
    }

    @Test
    void whenEveryPartFailsTheSourceFails() {
        server.stubFor(get(urlPathEqualTo(CURRENT)).willReturn(error(404, "ResourceNotFound", "The Resource was not found.")));
        server.stubFor(get(urlPathEqualTo(HISTORY)).willReturn(error(404, "ResourceNotFound", "The Resource was not found.")));
        server.stubFor(get(urlPathEqualTo(SUB_EVENTS)).willReturn(error(500, "InternalServerError", "boom")));

        assertThatThrownBy(() -> source().fetch(REQUEST)).isInstanceOfSatisfying(EvidenceException.class, e -> {
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).isEqualTo("Resource Health answered 404 ResourceNotFound (The Resource was not"
                    + " found.): the hub " + HUB.resourceId() + " was not found in this cloud");
        });
    }

    @Test
    void aSlowPartTimesOutAloneAndTheRestIsKept() throws Exception {
        stubSamples();
        server.stubFor(get(urlPathEqualTo(SUB_EVENTS)).willReturn(okJson(page(List.of(), null)).withFixedDelay(3000)));
        long start = System.nanoTime();

        Fetched<HubHealthEvidence> fetched = source(Duration.ofMillis(700), 5).fetch(REQUEST);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2000));
        assertThat(fetched.value().current()).isPresent();
        assertThat(fetched.value().history()).hasSize(2);
        assertThat(fetched.gaps()).extracting(Gap::reason)
                .containsExactly("service-health events unavailable: Resource Health did not answer within 0.7 s");
    }

    @Test
    void malformedBodiesAreGaps() throws Exception {
        stubSamples();
        server.stubFor(get(urlPathEqualTo(CURRENT)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html>proxy error</html>")));
        server.stubFor(get(urlPathEqualTo(HISTORY)).willReturn(okJson("{\"items\":[]}")));

        Fetched<HubHealthEvidence> fetched = source().fetch(REQUEST);

        assertThat(fetched.value().current()).isEmpty();
        assertThat(fetched.gaps()).extracting(Gap::reason).containsExactly(
                "current availability status unavailable: Resource Health sent a response that could not be read"
                        + " (not JSON: Unexpected character ('<' (code 60)): expected a valid value (JSON String, Number,"
                        + " Array, Object or token 'null', 'true' or 'false')); retry later",
                "availability history unavailable: Resource Health sent a response that could not be read (list"
                        + " response without a 'value' array); retry later",
                // the region came from neither: events are kept for every region, and said so
                "the hub's region is unknown: IoT Hub events of every region are kept");
        assertThat(fetched.value().events()).extracting(ServiceHealthEvent::id)
                .containsExactly("IOT-WESTEUROPE", "IOT-EASTUS-ACTIVE", "IOT-EASTUS-1");
    }

    @Test
    void aCurrentStatusThatBeganAfterTheWindowIsNotTheWindowsState() throws Exception {
        stubSamples();
        // the samples: Available from 2016-03-28 16:23, then (current) Unavailable from 2016-03-29 09:12; a window
        // that ends 37 minutes before the current status began, as a rerun of an older window would ask
        TimeWindow window = new TimeWindow(Instant.parse("2016-03-29T08:00:00Z"), Instant.parse("2016-03-29T08:35:00Z"));
        TriageRequest request = new TriageRequest(HUB, window, window.before(Duration.ofHours(24)), Optional.empty());

        Fetched<HubHealthEvidence> fetched = source().fetch(request);

        assertThat(fetched.gaps()).isEmpty();
        assertThat(fetched.value().history()).extracting(AvailabilityStatus::availabilityState)
                .containsExactly("Available"); // the status in force in the window
        TriageReport report = Diagnosis.diagnose(request, new Evidence(Optional.empty(), Optional.of(fetched.value()),
                Optional.empty(), fetched.gaps()), DiagnosisOptions.defaults(), Instant.parse("2016-05-04T15:00:00Z"));
        assertThat(report.platformHealth().orElseThrow().availabilityState()).isEqualTo("Available");
        assertThat(report.verdict().name()).isEqualTo("PLATFORM_INCIDENT"); // the active IoT Hub incident in East US
        assertThat(report.headline()).contains("; Resource Health shows the hub Available in the window; Resource"
                + " Health reported the hub Unavailable from 09:12 UTC, 37 minutes after the window.")
                .doesNotContain("Unavailable now").doesNotContain("still Unavailable");
    }

    @Test
    void whenNoStatusReadHoldsDuringTheWindowTheStatusesAreAGap() throws Exception {
        stubSamples();
        // a week before either status: the hub's current status of today says nothing about that window
        TimeWindow window = new TimeWindow(Instant.parse("2016-03-22T10:00:00Z"), Instant.parse("2016-03-22T10:35:00Z"));
        TriageRequest request = new TriageRequest(HUB, window, window.before(Duration.ofHours(24)), Optional.empty());

        Fetched<HubHealthEvidence> fetched = source().fetch(request);

        assertThat(fetched.value().current()).isEmpty();
        assertThat(fetched.value().history()).isEmpty();
        assertThat(fetched.value().events()).extracting(ServiceHealthEvent::id).contains("IOT-EASTUS-ACTIVE");
        assertThat(fetched.gaps()).extracting(Gap::reason).containsExactly("the Resource Health statuses given cover"
                + " 2016-03-29 09:12–2016-05-04 14:11 UTC, not the window 2016-03-22 10:00–10:35 UTC; they say nothing"
                + " about the hub then");

        // without any service-health event left either, the source has nothing to give: it fails with the gap
        server.stubFor(get(urlPathEqualTo(SUB_EVENTS)).willReturn(okJson(page(List.of(), null))));
        assertThatThrownBy(() -> source().fetch(request)).isInstanceOfSatisfying(EvidenceException.class,
                e -> assertThat(e.getMessage()).startsWith("the Resource Health statuses given cover 2016-03-29 09:12"));
    }

    @Test
    void regionNamesMatchAcrossSpellings() {
        assertThat(ResourceHealthJson.regionKey("West Europe")).isEqualTo(ResourceHealthJson.regionKey("westeurope"));
        assertThat(ResourceHealthJson.regionKey("East US 2")).isEqualTo("eastus2");
        assertThat(ResourceHealthJson.regionKey("USGov Virginia")).isEqualTo("usgovvirginia");
    }
}
