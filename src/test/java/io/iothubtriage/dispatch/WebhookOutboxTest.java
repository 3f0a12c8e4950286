package io.iothubtriage.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iothubtriage.alert.AlertParser;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.alert.WindowPolicy;
import io.iothubtriage.diagnosis.Verdict;
import io.iothubtriage.functions.testing.Alerts;
import io.iothubtriage.functions.testing.FakeWebhook;
import io.iothubtriage.functions.testing.Reports;
import io.iothubtriage.notify.AlertFacts;
import io.iothubtriage.notify.DeliveryOutcome;
import io.iothubtriage.notify.DeliveryResult;
import io.iothubtriage.notify.Destination;
import io.iothubtriage.notify.Notification;
import io.iothubtriage.notify.ResolvedMessage;
import io.iothubtriage.notify.WebhookDelivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox on notify's delivery, against real local webhooks. */
class WebhookOutboxTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant FIRED = Instant.parse("2026-11-26T10:41:00Z");

    private final FakeWebhook teams = new FakeWebhook();
    private final FakeWebhook slack = new FakeWebhook().slackStyle();
    private final FakeWebhook generic = new FakeWebhook();

    WebhookOutboxTest() throws Exception {
    }

    @AfterEach
    void stop() {
        teams.close();
        slack.close();
        generic.close();
    }

    private WebhookOutbox outbox() throws Exception {
        List<Destination> d = WebhookOutbox.parse(List.of(teams.url("/workflows/t")), List.of(slack.url("/services/s")),
                List.of(generic.url("/hook")));
        return new WebhookOutbox(WebhookDelivery.builder().maxAttempts(3).baseBackoff(Duration.ofMillis(5))
                .maxBackoff(Duration.ofMillis(20)).requestTimeout(Duration.ofSeconds(5)).build(), d);
    }

    private static TriageRequest request(String payload) throws Exception {
        return AlertParser.parse(payload, WindowPolicy.defaults());
    }

    @Test
    void destinationsHaveStableLedgerKeysAndShowAsTheCliShowsThem() throws Exception {
        List<Destination> targets = outbox().destinations();
        assertThat(targets).extracting(Destination::kind).containsExactly(Destination.Kind.TEAMS,
                Destination.Kind.SLACK, Destination.Kind.GENERIC);
        assertThat(targets).allSatisfy(t -> {
            assertThat(t.ledgerKey()).matches("(teams|slack|generic)-[0-9a-f]{8}");
            assertThat(t.display()).matches("(teams|slack|generic) 127\\.0\\.0\\.1:\\d+ #[0-9a-f]{6}");
            assertThat(t.toString()).isEqualTo(t.display()).doesNotContain("TOPSECRETSIG");
        });
        assertThat(outbox().destinations()).extracting(Destination::ledgerKey)
                .isEqualTo(targets.stream().map(Destination::ledgerKey).toList());
    }

    @Test
    void theFullCardIsEachKindsPayloadAndAPossibleRepeatIsMarked() throws Exception {
        WebhookOutbox outbox = outbox();
        var report = Reports.of(request(Alerts.fired("c1", FIRED)), Verdict.DEVICE_NETWORK_OR_KEEPALIVE, FIRED);
        for (Destination t : outbox.destinations()) {
            assertThat(outbox.post(t, new Notification.FullCard(report, false, false))).extracting(DeliveryResult::outcome).isEqualTo(DeliveryOutcome.DELIVERED);
            assertThat(outbox.post(t, new Notification.FullCard(report, false, true))).extracting(DeliveryResult::outcome).isEqualTo(DeliveryOutcome.DELIVERED);
        }
        JsonNode card = JSON.readTree(teams.bodies().get(0));
        JsonNode marked = JSON.readTree(teams.bodies().get(1));
        assertThat(card.path("attachments").path(0).path("contentType").asText())
                .isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(marked.at("/attachments/0/content/body/0/text").asText()).contains("Possible repeat");
        assertThat(marked.at("/attachments/0/content/body").size())
                .isEqualTo(card.at("/attachments/0/content/body").size() + 1);

        assertThat(JSON.readTree(slack.bodies().get(1)).path("text").asText()).startsWith("[possible repeat] ");
        assertThat(JSON.readTree(slack.bodies().get(1)).at("/blocks/0/elements/0/text").asText())
                .contains("Possible repeat");
        assertThat(JSON.readTree(slack.bodies().get(0)).path("text").asText()).doesNotContain("possible repeat");

        JsonNode json = JSON.readTree(generic.bodies().get(0));
        assertThat(json.path("verdict").asText()).isEqualTo("DEVICE_NETWORK_OR_KEEPALIVE");
        assertThat(json.has("possibleRepeat")).isFalse();
        assertThat(JSON.readTree(generic.bodies().get(1)).path("possibleRepeat").asBoolean()).isTrue();
        java.nio.file.Path dir = java.nio.file.Path.of("target/notice-examples");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.writeString(dir.resolve("teams-card-possible-repeat.json"), teams.bodies().get(1));
        java.nio.file.Files.writeString(dir.resolve("slack-card-possible-repeat.json"), slack.bodies().get(1));
    }

    @Test
    void aWebhookAnswering503TwiceThen202IsOnePostedOutcome() throws Exception {
        teams.thenAnswer(503, 503);
        WebhookOutbox outbox = outbox();
        var report = Reports.of(request(Alerts.fired("c2", FIRED)), Verdict.MIXED, FIRED);
        DeliveryResult o = outbox.post(outbox.destinations().get(0), new Notification.FullCard(report, false, false));
        assertThat(o.word()).isEqualTo("posted");
        assertThat(o.brief()).isEqualTo("HTTP 202");
        assertThat(o.attempts()).isEqualTo(3);
        assertThat(teams.requests()).isEqualTo(3);
    }

    @Test
    void retryableAndPermanentFailuresAreClassifiedOnceAndNeverShowTheUrl() throws Exception {
        teams.alwaysAnswer(503);
        generic.alwaysAnswer(404);
        WebhookOutbox outbox = outbox();
        var report = Reports.of(request(Alerts.fired("c3", FIRED)), Verdict.MIXED, FIRED);
        DeliveryResult retry = outbox.post(outbox.destinations().get(0), new Notification.FullCard(report, false, false));
        DeliveryResult perm = outbox.post(outbox.destinations().get(2), new Notification.FullCard(report, false, false));
        assertThat(retry.outcome()).isEqualTo(DeliveryOutcome.RETRYABLE);
        assertThat(retry.mayHaveArrived()).as("a 503 was read").isFalse();
        assertThat(retry.brief()).contains("503").doesNotContain("TOPSECRETSIG").doesNotContain("/workflows/");
        assertThat(perm.outcome()).isEqualTo(DeliveryOutcome.PERMANENT);
        assertThat(perm.brief()).contains("404").doesNotContain("TOPSECRETSIG");
        assertThat(generic.requests()).as("a 404 is not retried").isEqualTo(1);
    }

    @Test
    void aWebhookThatDoesNotAnswerMayHaveReceivedThePost() throws Exception {
        List<Destination> d = WebhookOutbox.parse(List.of(), List.of(), List.of("http://127.0.0.1:9/hook?sig=X"));
        WebhookOutbox outbox = new WebhookOutbox(WebhookDelivery.builder().maxAttempts(1)
                .requestTimeout(Duration.ofSeconds(2)).build(), d);
        var report = Reports.of(request(Alerts.fired("c4", FIRED)), Verdict.MIXED, FIRED);
        DeliveryResult o = outbox.post(outbox.destinations().get(0), new Notification.FullCard(report, false, false));
        assertThat(o.outcome()).isEqualTo(DeliveryOutcome.RETRYABLE);
        assertThat(o.mayHaveArrived()).isTrue();
    }

    @Test
    void theShortNoticesAreRenderedForEachKind() throws Exception {
        WebhookOutbox outbox = outbox();
        TriageRequest req = request(Alerts.fired("c5", FIRED));
        var report = Reports.of(req, Verdict.DEVICE_NETWORK_OR_KEEPALIVE, FIRED);
        AlertFacts failed = new AlertFacts(Optional.of(Alerts.alertId("c5")), "contoso-hub-connected-devices",
                "Sev2", "Fired", Optional.of(HubId.parse(Alerts.HUB)), Optional.of(FIRED), "req-1",
                "https://portal.azure.com/#blade/logs", "https://portal.azure.com/#@/resource/hub/overview");
        for (Destination t : outbox.destinations()) {
            outbox.post(t, new Notification.RepeatUpdate(report, Verdict.DEVICE_NETWORK_OR_KEEPALIVE, 3, false));
            outbox.post(t, new Notification.TriageFailed(failed, "HTTP 503 after 3 attempts", false));
            outbox.post(t, new ResolvedMessage(req.hub(), request(Alerts.resolved("c5", FIRED,
                    FIRED.plusSeconds(2520))).alert().orElseThrow(), java.util.OptionalDouble.empty(),
                    java.util.OptionalDouble.empty(), io.iothubtriage.diagnosis.PortalLinks.hubOverview(req.hub())));
        }
        String ongoing = "[Sev2] contoso-hub: still ongoing (Devices lost network or keep-alive), fired 3 times; "
                + "latest alert at 2026-11-26 10:41 UTC. Full card posted earlier.";
        assertThat(JSON.readTree(teams.bodies().get(0)).at("/attachments/0/content/body/0/items/0/text").asText())
                .isEqualTo(ongoing);
        assertThat(JSON.readTree(slack.bodies().get(0)).path("text").asText()).isEqualTo(":hourglass: " + ongoing);
        JsonNode g = JSON.readTree(generic.bodies().get(0));
        assertThat(g.path("type").asText()).isEqualTo("iothub-triage.stillOngoing");
        assertThat(g.path("firedCount").asInt()).isEqualTo(3);

        String fail = "Automatic triage failed for contoso-hub (Sev2, rule contoso-hub-connected-devices, Fired, "
                + "fired 2026-11-26 10:41 UTC). Check the hub's connection logs by hand. Reason: HTTP 503 after 3 "
                + "attempts";
        JsonNode teamsFail = JSON.readTree(teams.bodies().get(1));
        assertThat(teamsFail.at("/attachments/0/content/body/0/items/0/text").asText()).isEqualTo(fail);
        assertThat(teamsFail.at("/attachments/0/content/actions/0/url").asText())
                .isEqualTo("https://portal.azure.com/#blade/logs");
        assertThat(JSON.readTree(slack.bodies().get(1)).path("text").asText()).isEqualTo(":warning: " + fail);
        assertThat(JSON.readTree(generic.bodies().get(1)).path("alertId").asText()).isEqualTo(Alerts.alertId("c5"));

        assertThat(JSON.readTree(slack.bodies().get(2)).path("text").asText())
                .contains("contoso-hub").contains("resolved after 42 min");
        assertThat(teams.bodies().get(2)).contains("/IotHubs/contoso-hub/overview");
        writeExamples();
    }

    /** Keeps the rendered bodies for the Teams and Slack validators (tools/card-check, tools/slack-check). */
    private void writeExamples() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("target/notice-examples");
        java.nio.file.Files.createDirectories(dir);
        String[] names = {"still-ongoing", "triage-failed", "resolved"};
        for (int i = 0; i < names.length; i++) {
            java.nio.file.Files.writeString(dir.resolve("teams-" + names[i] + ".json"), teams.bodies().get(i));
            java.nio.file.Files.writeString(dir.resolve("slack-" + names[i] + ".json"), slack.bodies().get(i));
        }
    }
}
