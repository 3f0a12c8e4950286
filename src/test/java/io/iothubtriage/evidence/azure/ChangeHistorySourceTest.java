package io.iothubtriage.evidence.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.iothubtriage.evidence.CallerKind;
import io.iothubtriage.evidence.ChangeEvent;
import io.iothubtriage.evidence.ChangeEvent.ChangeOrigin;
import io.iothubtriage.evidence.ChangeEvidence;
import io.iothubtriage.evidence.EvidenceException;
import io.iothubtriage.evidence.Fetched;
import io.iothubtriage.evidence.Gap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.iothubtriage.testing.RelatedChangeRows;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.iothubtriage.evidence.azure.ConnectionQueriesTest.HUB;
import static io.iothubtriage.evidence.azure.ConnectionQueriesTest.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Activity Log (2015-04-01) and Resource Graph (2022-10-01) through the ARM pipeline against a local HTTPS fake. */
class ChangeHistorySourceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACTIVITY = "/subscriptions/" + HUB.subscriptionId()
            + "/providers/Microsoft.Insights/eventtypes/management/values";
    static final String GRAPH = "/providers/Microsoft.ResourceGraph/resources";
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
        // The query of the hub's related resources: nothing changed there unless a test says otherwise.
        server.stubFor(post(urlPathEqualTo(GRAPH)).withRequestBody(containing("provisioningServices")).atPriority(1)
                .willReturn(okJson("{\"count\": 0, \"data\": []}")));
    }

    static ChangeHistorySource source(Duration timeout) {
        return new ChangeHistorySource(new ArmClient(AzurePipelines.resourceManager(TestTls.httpClient(),
                new FakeCredential(), FakeAzureServer.baseUrl(server) + "/.default",
                AzurePipelines.retryOptions(Duration.ofMillis(10), Duration.ofMillis(50))),
                URI.create(FakeAzureServer.baseUrl(server))), timeout);
    }

    /** The spec's Activity Log example, its event re-aimed at the hub: started and succeeded. */
    static String activityLog() throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(FakeAzureServer.sample("changes/2015-04-01_GetActivityLogsFiltered.json"))
                .path("responses").path("200").path("body").deepCopy();
        ObjectNode event = (ObjectNode) body.path("value").get(0);
        event.put("resourceId", HUB.resourceId());
        event.putObject("operationName").put("value", "Microsoft.Devices/IotHubs/write")
                .put("localizedValue", "Create or update IotHub");
        event.putObject("category").put("value", "Administrative").put("localizedValue", "Administrative");
        event.put("eventTimestamp", "2026-01-15T10:39:40Z");
        ObjectNode started = event.deepCopy();
        started.put("eventTimestamp", "2026-01-15T10:39:05Z");
        started.putObject("status").put("value", "Started").put("localizedValue", "Started");
        ((ArrayNode) body.path("value")).add(started);
        body.remove("nextLink");
        return body.toString();
    }

    /** The spec's Resource Graph envelope holding the spec's change resource, re-aimed at the hub. */
    static String resourceChanges() throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(FakeAzureServer.sample("changes/2022-10-01_ResourcesBasicQuery.json"))
                .path("responses").path("200").path("body").deepCopy();
        ObjectNode change = (ObjectNode) JSON.readTree(FakeAzureServer.sample("changes/2022-05-01_ListChanges.json"))
                .path("responses").path("200").path("body").path("value").get(0).deepCopy();
        ObjectNode p = (ObjectNode) change.path("properties");
        p.put("targetResourceId", HUB.resourceId());
        ObjectNode attrs = (ObjectNode) p.path("changeAttributes");
        attrs.put("correlationId", "1e121103-0ba6-4300-ac9d-952bb5d0c80f"); // the Activity Log event's
        attrs.put("timestamp", "2026-01-15T10:39:41Z");
        attrs.put("changedBy", "admin@contoso.com").put("changedByType", "User");
        attrs.put("operation", "Microsoft.Devices/IotHubs/write");
        ObjectNode changes = (ObjectNode) p.path("changes");
        changes.putObject("properties.disableLocalAuth").put("propertyChangeType", "Update")
                .put("changeCategory", "User").put("previousValue", "false").put("newValue", "true");
        body.putArray("data").add(change);
        body.put("count", 1).put("totalRecords", 1);
        return body.toString();
    }

    void stubBoth() throws Exception {
        server.stubFor(get(urlPathEqualTo(ACTIVITY)).willReturn(okJson(activityLog())));
        server.stubFor(post(urlPathEqualTo(GRAPH)).willReturn(okJson(resourceChanges())));
    }

    @Test
    void asksBothApisForTheHubFromTwoHoursBeforeTheWindowAndMergesTheAnswers() throws Exception {
        stubBoth();
        Fetched<ChangeEvidence> f = source(Duration.ofSeconds(10)).fetch(REQUEST);

        assertThat(f.gaps()).isEmpty();
        ChangeEvent e = f.value().changes().get(0);
        assertThat(f.value().changes()).hasSize(1);
        assertThat(e.origin()).isEqualTo(ChangeOrigin.BOTH);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-01-15T10:39:05Z"));
        assertThat(e.status()).isEqualTo("Succeeded");
        assertThat(e.caller()).isEqualTo("admin@contoso.com");
        assertThat(e.callerKind()).isEqualTo(CallerKind.USER);
        assertThat(e.properties()).extracting(ChangeEvent.PropertyChange::path)
                .containsExactly("properties.disableLocalAuth", "tags.key1");

        LoggedRequest activity = server.findAll(getRequestedFor(urlPathEqualTo(ACTIVITY))).get(0);
        assertThat(activity.queryParameter("api-version").firstValue()).isEqualTo("2015-04-01");
        assertThat(activity.queryParameter("$filter").firstValue()).isEqualTo("eventTimestamp ge '2026-01-15T08:10:00Z'"
                + " and eventTimestamp le '2026-01-15T10:45:00Z' and resourceUri eq '" + HUB.resourceId() + "'");
        assertThat(activity.getHeader("Authorization")).startsWith("Bearer ");

        LoggedRequest graph = server.findAll(postRequestedFor(urlPathEqualTo(GRAPH))).get(0);
        assertThat(graph.queryParameter("api-version").firstValue()).isEqualTo("2022-10-01");
        JsonNode q = JSON.readTree(graph.getBodyAsString());
        assertThat(q.path("subscriptions").get(0).asText()).isEqualTo(HUB.subscriptionId());
        assertThat(q.path("options").path("resultFormat").asText()).isEqualTo("objectArray");
        assertThat(q.path("query").asText()).isEqualTo("resourcechanges"
                + " | extend changeTime = todatetime(properties.changeAttributes.timestamp),"
                + " targetResourceId = tostring(properties.targetResourceId)"
                + " | where changeTime between (datetime(2026-01-15T08:10:00Z) .. datetime(2026-01-15T10:45:00Z))"
                + " | where targetResourceId =~ \"" + HUB.resourceId() + "\" or targetResourceId startswith \""
                + HUB.resourceId() + "/\"" + ChangeHistorySource.TAG_WRITES_LAST + " | limit 1000 | project id, properties");
    }

    @Test
    void oneApiFailingIsAGapAndTheOtherIsKept() throws Exception {
        stubBoth();
        server.stubFor(post(urlPathEqualTo(GRAPH)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"denied\"}}")));
        Fetched<ChangeEvidence> f = source(Duration.ofSeconds(10)).fetch(REQUEST);
        assertThat(f.value().changes()).singleElement().satisfies(e -> {
            assertThat(e.origin()).isEqualTo(ChangeOrigin.ACTIVITY_LOG);
            assertThat(e.properties()).isEmpty();
        });
        assertThat(f.gaps()).singleElement().satisfies(g -> {
            assertThat(g.source()).isEqualTo(Gap.CHANGES);
            assertThat(g.reason()).startsWith("Resource Graph answered 403 AuthorizationFailed")
                    .endsWith("the identity needs Reader on the hub " + HUB.resourceId()
                            + " (so which properties changed is unknown)");
        });
    }

    @Test
    void bothFailingFailsTheSourceNamingTheRole() {
        server.stubFor(get(urlPathEqualTo(ACTIVITY)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"denied\"}}")));
        server.stubFor(post(urlPathEqualTo(GRAPH)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"denied\"}}")));
        assertThatThrownBy(() -> source(Duration.ofSeconds(10)).fetch(REQUEST))
                .isInstanceOf(EvidenceException.class)
                .hasMessageStartingWith("Activity Log answered 403 AuthorizationFailed")
                .hasMessageEndingWith("the identity needs Reader on the hub " + HUB.resourceId());
    }

    @Test
    void aSlowAnswerIsCutAtTheTimeout() throws Exception {
        server.stubFor(get(urlPathEqualTo(ACTIVITY)).willReturn(okJson(activityLog()).withFixedDelay(3_000)));
        server.stubFor(post(urlPathEqualTo(GRAPH)).willReturn(okJson(resourceChanges())));
        long start = System.nanoTime();
        Fetched<ChangeEvidence> f = source(Duration.ofMillis(700)).fetch(REQUEST);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
        assertThat(f.value().changes()).singleElement()
                .satisfies(e -> assertThat(e.origin()).isEqualTo(ChangeOrigin.RESOURCE_GRAPH));
        assertThat(f.gaps()).extracting(Gap::reason).containsExactly("Activity Log did not answer within 0.7 s (so whether a change failed, and who made it, "
                        + "may be unknown)");
    }

    @Test
    void aTruncatedGraphResultSaysSo() throws Exception {
        server.stubFor(get(urlPathEqualTo(ACTIVITY)).willReturn(okJson("{\"value\": []}")));
        ObjectNode body = (ObjectNode) JSON.readTree(resourceChanges());
        body.put("resultTruncated", "true");
        server.stubFor(post(urlPathEqualTo(GRAPH)).willReturn(okJson(body.toString())));
        Fetched<ChangeEvidence> f = source(Duration.ofSeconds(10)).fetch(REQUEST);
        assertThat(f.gaps()).extracting(Gap::reason)
                .containsExactly("Resource Graph: more than 1000 changes; only the newest (tag-only updates last) were read");
    }

    @Test
    void aHostileHubNameCannotLeaveItsLiteral() {
        assertThat(ChangeHistorySource.graphQuery(HUB, ConnectionQueriesTest.WINDOW)).contains("=~ \"" + HUB.resourceId() + "\"");
        assertThatThrownBy(() -> ChangeHistorySource.graphQuery(new io.iothubtriage.alert.HubId(HUB.subscriptionId(),
                "rg\" | union resources //", "hub"), ConnectionQueriesTest.WINDOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void asksResourceGraphOnceMoreForThePrivateEndpointsTheHubNamesAndItsLinkedProvisioningServices() throws Exception {
        String host = HUB.name() + ".azure-devices.net";
        server.stubFor(get(urlPathEqualTo(ACTIVITY)).willReturn(okJson("{\"value\": []}")));
        server.stubFor(post(urlPathEqualTo(GRAPH)).willReturn(okJson("{\"count\": 1, \"data\": ["
                + RelatedChangeRows.hubConnectionRemoved(HUB, "2026-01-15T10:38:30Z") + "]}")));
        server.stubFor(post(urlPathEqualTo(GRAPH)).withRequestBody(containing("provisioningServices")).atPriority(1)
                .willReturn(okJson("{\"count\": 3, \"data\": [" + String.join(",",
                        RelatedChangeRows.privateEndpointDeleted(HUB, "2026-01-15T10:38:00Z", "alice@contoso.com"),
                        RelatedChangeRows.linkedHubRemoved(HUB, "contoso-dps", host, "2026-01-15T10:36:00Z", "alice@contoso.com"),
                        RelatedChangeRows.linkedHubRemoved(HUB, "fabrikam-dps", "fabrikam-hub.azure-devices.net",
                                "2026-01-15T10:35:00Z", "alice@contoso.com")) + "]}")));

        Fetched<ChangeEvidence> f = source(Duration.ofSeconds(10)).fetch(REQUEST);

        assertThat(f.gaps()).isEmpty();
        assertThat(f.value().changes()).extracting(ChangeEvent::resourceId).containsExactly(
                RelatedChangeRows.provisioningService(HUB, "contoso-dps"), RelatedChangeRows.privateEndpoint(HUB),
                HUB.resourceId());
        List<LoggedRequest> graph = server.findAll(postRequestedFor(urlPathEqualTo(GRAPH)));
        assertThat(graph).hasSize(2);
        JsonNode q = JSON.readTree(graph.get(1).getBodyAsString());
        assertThat(q.path("subscriptions")).extracting(JsonNode::asText).containsExactly(HUB.subscriptionId());
        assertThat(q.path("query").asText()).contains(
                " | where changeTime between (datetime(2026-01-15T08:10:00Z) .. datetime(2026-01-15T10:45:00Z))"
                        + " | where targetResourceId startswith \"/subscriptions/" + HUB.subscriptionId() + "/resourceGroups/"
                        + HUB.resourceGroup() + "/providers/Microsoft.Devices/provisioningServices/\""
                        + " or targetResourceId in~ (\"" + RelatedChangeRows.privateEndpoint(HUB).toLowerCase() + "\")"
                        + ChangeHistorySource.TAG_WRITES_LAST + " | limit 1000");
    }

    @Test
    void theRelatedQueryFailingIsAGapAndTheHubsChangesAreKept() throws Exception {
        stubBoth();
        server.stubFor(post(urlPathEqualTo(GRAPH)).withRequestBody(containing("provisioningServices")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"code\": \"BadRequest\", \"message\": \"bad query\"}}")));
        Fetched<ChangeEvidence> f = source(Duration.ofSeconds(10)).fetch(REQUEST);
        assertThat(f.value().changes()).extracting(ChangeEvent::resourceId).containsExactly(HUB.resourceId());
        assertThat(f.gaps()).singleElement().satisfies(g -> assertThat(g.reason())
                .endsWith("(so changes of the hub's private endpoints and provisioning services are unknown)"));
    }

    @Test
    void tagOnlyUpdatesAreOrderedAfterEveryOtherChangeSoTheyCannotCrowdItOut() {
        String kql = ChangeHistorySource.graphQuery(HUB, ConnectionQueriesTest.WINDOW);
        assertThat(kql).contains("| order by tagsOnly asc, changeTime desc | limit 1000")
                .contains("tagsOnly = tostring(properties.changeType) == 'Update' and changed contains '\"tags.'");
    }
}

