package io.iothubtriage.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.functions.testing.Alerts;
import io.iothubtriage.functions.testing.FakeContext;
import io.iothubtriage.functions.testing.FakeHttpRequest;
import io.iothubtriage.functions.testing.MutableClock;
import io.iothubtriage.functions.testing.RecordingOutbox;
import io.iothubtriage.functions.testing.StubEngine;
import io.iothubtriage.functions.testing.TestApp;
import io.iothubtriage.notify.Notification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RerunEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OTHER_HUB = Alerts.HUB.replace("contoso-hub", "fabrikam-hub");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T11:00:00Z"));
    private final StubEngine engine = new StubEngine(clock);
    private final RecordingOutbox outbox = new RecordingOutbox("teams");
    private final App app = TestApp.builder().engine(engine).outbox(outbox).clock(clock)
            .setting("TRIAGE_HUBS", Alerts.HUB + "," + Alerts.HUB.replace("contoso-hub", "contoso-hub-2"))
            .build();
    private final RerunEndpoint function = new RerunEndpoint(app);

    private FakeHttpRequest.Response call(FakeHttpRequest request) {
        return (FakeHttpRequest.Response) function.run(request, new FakeContext("triage"));
    }

    @Test
    void returnsTheReportWithoutPostingByDefault() {
        FakeHttpRequest.Response r = call(FakeHttpRequest.get("/api/triage").query("code", "key")
                .query("hub", Alerts.HUB_LOWER).query("lookback", "1h"));

        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(r.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(r.bodyText()).isEqualTo("{\"verdict\":\"DEVICE_NETWORK_OR_KEEPALIVE\"}");
        assertThat(outbox.posts()).isEmpty();
        assertThat(engine.requests()).singleElement().satisfies(req -> {
            assertThat(req.hub()).isEqualTo(HubId.parse(Alerts.HUB));
            assertThat(req.window().start()).isEqualTo(clock.instant().minus(Duration.ofHours(1)));
            assertThat(req.window().end()).isEqualTo(clock.instant());
            assertThat(req.baseline().duration()).isEqualTo(Duration.ofHours(24));
            assertThat(req.baseline().end()).isEqualTo(req.window().start());
            assertThat(req.alert()).isEmpty();
        });
    }

    @Test
    void postsTheFullCardWhenAskedAndSaysHowEachDestinationAnswered() {
        FakeHttpRequest.Response r = call(FakeHttpRequest.post("/api/triage", "application/json",
                "{\"hub\":\"" + Alerts.HUB + "\",\"from\":\"2026-11-26T09:00:00Z\",\"to\":\"2026-11-26T10:00:00Z\","
                        + "\"post\":true,\"format\":\"markdown\"}"));

        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(r.getHeader("Content-Type")).startsWith("text/markdown");
        assertThat(r.bodyText()).isEqualTo("# DEVICE_NETWORK_OR_KEEPALIVE");
        assertThat(r.getHeader("X-Triage-Delivery")).as("named as the CLI names it")
                .isEqualTo(outbox.target(0).display() + ":posted").startsWith("teams teams.example.net #");
        assertThat(outbox.posts()).singleElement().extracting(RecordingOutbox.Post::notice)
                .isInstanceOf(Notification.FullCard.class);
        assertThat(engine.requests().get(0).window().start()).isEqualTo(Instant.parse("2026-11-26T09:00:00Z"));
        assertThat(((Notification.FullCard) outbox.posts().get(0).notice()).manualRerun()).as("the card says so").isTrue();
    }

    @Test
    void aGetNeverPostsEvenWithPostTrue() throws Exception {
        FakeHttpRequest.Response r = call(FakeHttpRequest.get("/api/triage").query("hub", Alerts.HUB)
                .query("post", "true"));
        assertThat(r.getStatusCode()).isEqualTo(405);
        assertThat(JSON.readTree(r.bodyText()).path("where").asText()).isEqualTo("post");
        assertThat(outbox.posts()).isEmpty();
        assertThat(engine.requests()).isEmpty();
    }

    @Test
    void postedRerunsAreLimitedPerHub() {
        String body = "{\"hub\":\"" + Alerts.HUB + "\",\"lookback\":\"1h\",\"post\":true}";
        assertThat(call(FakeHttpRequest.post("/api/triage", "application/json", body)).getStatusCode())
                .isEqualTo(200);
        assertThat(call(FakeHttpRequest.post("/api/triage", "application/json", body)).getStatusCode())
                .isEqualTo(429);
        String other = body.replace("contoso-hub", "contoso-hub-2");
        assertThat(call(FakeHttpRequest.post("/api/triage", "application/json", other)).getStatusCode())
                .as("another hub has its own slot").isEqualTo(200);
        clock.advance(Duration.ofMinutes(5));
        assertThat(call(FakeHttpRequest.post("/api/triage", "application/json", body)).getStatusCode())
                .isEqualTo(200);
        assertThat(outbox.posts()).hasSize(3);
    }

    @Test
    void servesTheHtmlReportWithAPolicyThatLetsNothingLoadOrRun() {
        FakeHttpRequest.Response r = call(FakeHttpRequest.get("/api/triage").query("hub", Alerts.HUB)
                .query("lookback", "PT30M").query("format", "HTML"));

        assertThat(r.getStatusCode()).isEqualTo(200);
        assertThat(r.getHeader("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(r.getHeader("Content-Security-Policy")).startsWith("default-src 'none';");
        assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.bodyText()).startsWith("<!doctype html>").contains("<svg ").contains("Timeline");
        assertThat(outbox.posts()).isEmpty();
    }

    @Test
    void aHubOutsideTriageHubsIsForbidden() throws Exception {
        FakeHttpRequest.Response r = call(FakeHttpRequest.get("/api/triage").query("hub", OTHER_HUB));
        assertThat(r.getStatusCode()).isEqualTo(403);
        JsonNode body = JSON.readTree(r.bodyText());
        assertThat(body.path("where").asText()).isEqualTo("hub");
        assertThat(body.path("message").asText()).contains("fabrikam-hub").contains("TRIAGE_HUBS");
        assertThat(engine.requests()).isEmpty();
    }

    static Stream<Arguments> hostile() {
        String hub = Alerts.HUB;
        return Stream.of(
                Arguments.of("no hub", FakeHttpRequest.get("/api/triage"), 400, "hub"),
                Arguments.of("hub name only", FakeHttpRequest.get("/api/triage").query("hub", "contoso-hub"), 400,
                        "hub"),
                Arguments.of("hub with quotes", FakeHttpRequest.get("/api/triage").query("hub", hub + "\""), 400,
                        "hub"),
                Arguments.of("hub with a KQL fragment", FakeHttpRequest.get("/api/triage")
                        .query("hub", hub + "' | where 1==1 | project *"), 400, "hub"),
                Arguments.of("hub with a KQL union", FakeHttpRequest.get("/api/triage")
                        .query("hub", hub + "\n| union AzureActivity"), 400, "hub"),
                Arguments.of("hub of another type", FakeHttpRequest.get("/api/triage").query("hub",
                        hub.replace("Microsoft.Devices/IotHubs", "Microsoft.Compute/virtualMachines")), 400, "hub"),
                Arguments.of("huge hub", FakeHttpRequest.get("/api/triage").query("hub", hub + "x".repeat(100_000)),
                        400, "hub"),
                Arguments.of("reversed range", FakeHttpRequest.get("/api/triage").query("hub", hub)
                        .query("from", "2026-11-26T10:00:00Z").query("to", "2026-11-26T09:00:00Z"), 400, "from"),
                Arguments.of("range over 7 days", FakeHttpRequest.get("/api/triage").query("hub", hub)
                        .query("from", "2026-01-01T00:00:00Z").query("to", "2026-11-26T00:00:00Z"), 400, "from"),
                Arguments.of("lookback of a year", FakeHttpRequest.get("/api/triage").query("hub", hub)
                        .query("lookback", "P365D"), 400, "lookback"),
                Arguments.of("lookback negative", FakeHttpRequest.get("/api/triage").query("hub", hub)
                        .query("lookback", "-PT1H"), 400, "lookback"),
                Arguments.of("year 1970", FakeHttpRequest.get("/api/triage").query("hub", hub)
                        .query("from", "1970-01-01T00:00:00Z").query("to", "1970-01-01T01:00:00Z"), 400, "from"),
                Arguments.of("year 9999", FakeHttpRequest.get("/api/triage").query("hub", hub)
                        .query("from", "9999-12-31T00:00:00Z").query("to", "9999-12-31T01:00:00Z"), 400, "to"),
                Arguments.of("garbage time", FakeHttpRequest.get("/api/triage").query("hub", hub)
                        .query("from", "now-1h"), 400, "from"),
                Arguments.of("post not boolean", FakeHttpRequest.get("/api/triage").query("hub", hub)
                        .query("post", "please"), 400, "post"),
                Arguments.of("unknown format", FakeHttpRequest.get("/api/triage").query("hub", hub)
                        .query("format", "pdf"), 400, "format"),
                Arguments.of("malformed JSON body", FakeHttpRequest.post("/api/triage", "application/json",
                        "{\"hub\":"), 400, "body"),
                Arguments.of("body of wrong type", FakeHttpRequest.post("/api/triage", "text/plain",
                        "hub=" + hub), 415, "Content-Type"),
                Arguments.of("5 MB body", FakeHttpRequest.post("/api/triage", "application/json",
                        "{\"hub\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}"), 413, "body"),
                Arguments.of("JSON array body", FakeHttpRequest.post("/api/triage", "application/json",
                        "[\"" + hub + "\"]"), 400, "body"),
                Arguments.of("hub as an object", FakeHttpRequest.post("/api/triage", "application/json",
                        "{\"hub\":{\"$ne\":1}}"), 400, "hub"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void hostileInputGets4xxNamingTheParameterAndNeverRunsOrPosts(String name, FakeHttpRequest request,
                                                                  int expected, String where) throws Exception {
        FakeHttpRequest.Response r = call(request);
        assertThat(r.getStatusCode()).as(name).isEqualTo(expected);
        JsonNode body = JSON.readTree(r.bodyText());
        assertThat(body.path("where").asText()).isEqualTo(where);
        assertThat(body.path("message").asText()).startsWith(where + ": ").hasSizeLessThan(600)
                .doesNotContain("\n");
        assertThat(engine.requests()).isEmpty();
        assertThat(outbox.posts()).isEmpty();
        System.out.printf("triage: %-24s → %d %s%n", name, r.getStatusCode(), body.path("message").asText());
    }

    @Test
    void postingWithoutDestinationsIsABadRequestNamingPost() throws Exception {
        App none = TestApp.builder().engine(engine).outbox(new RecordingOutbox()).clock(clock).build();
        var r = (FakeHttpRequest.Response) new RerunEndpoint(none).run(FakeHttpRequest.post("/api/triage",
                "application/json", "").query("hub", Alerts.HUB).query("post", "true"), new FakeContext("triage"));
        assertThat(r.getStatusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.bodyText()).path("where").asText()).isEqualTo("post");
        assertThat(engine.requests()).isEmpty();
    }
}
