package io.iothubtriage.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iothubtriage.alert.AlertIdentity;
import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.MonitorCondition;
import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.TriageRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The intake's own checks (content type, size, queue-message fitting); payload semantics are the parser's. */
class AlertIntakeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HUB = RerunParamsTest.HUB;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:45:00Z"), ZoneOffset.UTC);

    private final AtomicInteger reads = new AtomicInteger();

    /** Reads only what the intake itself needs: the essentials' alert id; the real parser is tested elsewhere. */
    private final AlertReader reader = json -> {
        reads.incrementAndGet();
        JsonNode n = json;
        JsonNode id = n.path("data").path("essentials").path("alertId");
        if (!id.isTextual()) {
            throw new BadInputException("data.essentials.alertId", "missing");
        }
        Instant fired = Instant.parse("2026-11-26T10:41:00Z");
        TimeWindow w = new TimeWindow(fired.minus(Duration.ofMinutes(30)), fired.plus(Duration.ofMinutes(5)));
        AlertIdentity a = new AlertIdentity(id.asText(), "rule", "Sev2", MonitorCondition.FIRED, fired,
                Optional.empty(), "Metric", "Platform", Optional.empty(), "");
        return new TriageRequest(HubId.parse(HUB), w, w.before(Duration.ofHours(24)), Optional.of(a));
    };

    private final RecordingQueue queue = new RecordingQueue();
    private final TriageSchedule schedule = new TriageSchedule(Duration.ofMinutes(5), Duration.ofMinutes(2));
    private final AlertIntake intake = new AlertIntake(reader, queue, schedule, Set.of(), CLOCK, () -> "req-1");

    private static String payload(String customProperty) {
        return "{\"schemaId\":\"azureMonitorCommonAlertSchema\",\"data\":{\"essentials\":{\"alertId\":\"/subscriptions/"
                + "s/providers/Microsoft.AlertsManagement/alerts/a1\"},\"alertContext\":{\"conditionType\":\"x\","
                + "\"condition\":{\"allOf\":[]},\"bulky\":\"" + "c".repeat(10) + "\"},\"customProperties\":{\"note\":\""
                + customProperty + "\"}}}";
    }

    @Test
    void acceptsJsonAndBuildsTheQueueMessage() throws Exception {
        AlertIntake.Result r = intake.accept(Optional.of("application/json; charset=utf-8"),
                Optional.of(payload("hello")));
        assertThat(r).isInstanceOf(AlertIntake.Accepted.class);
        QueueMessage m = ((AlertIntake.Accepted) r).message();
        assertThat(m.requestId()).isEqualTo("req-1");
        assertThat(m.receivedAt()).isEqualTo(CLOCK.instant());
        assertThat(m.hub()).isEqualTo(HubId.parse(HUB).resourceId());
        assertThat(m.condition()).isEqualTo("Fired");
        assertThat(m.firedAt()).contains(Instant.parse("2026-11-26T10:41:00Z"));
        QueueMessage back = QueueMessage.decode(m.encode());
        assertThat(back).isEqualTo(m);
        assertThat(queue.sent()).singleElement().isEqualTo(new RecordingQueue.Sent(m.encode(),
                Duration.ofMinutes(3)));
        assertThat(((AlertIntake.Accepted) r).delay()).as("fired 10:41 + 5 min window + 2 min ingestion - now 10:45")
                .isEqualTo(Duration.ofMinutes(3));
        assertThat(back.alert().path("data").path("customProperties").path("note").asText()).isEqualTo("hello");
    }

    @Test
    void refusesWrongContentTypesBeforeReadingTheBody() {
        for (String ct : new String[]{"text/plain", "application/x-www-form-urlencoded", "application/xml",
                "multipart/form-data; boundary=x", "application/jsonp"}) {
            AlertIntake.Result r = intake.accept(Optional.of(ct), Optional.of(payload("x")));
            assertThat(r).as(ct).isEqualTo(new AlertIntake.Rejected(415, "Content-Type",
                    "must be application/json, got " + ct));
        }
        assertThat(intake.accept(Optional.empty(), Optional.of(payload("x"))))
                .isEqualTo(new AlertIntake.Rejected(415, "Content-Type", "must be application/json, got none"));
        assertThat(intake.accept(Optional.of("application/vnd.api+json"), Optional.of(payload("x"))))
                .isInstanceOf(AlertIntake.Accepted.class);
        assertThat(reads.get()).isEqualTo(1);
    }

    @Test
    void refusesEmptyOversizedAndNonObjectBodies() {
        assertThat(intake.accept(Optional.of("application/json"), Optional.empty()))
                .extracting(r -> ((AlertIntake.Rejected) r).status()).isEqualTo(400);
        AlertIntake.Result big = intake.accept(Optional.of("application/json"),
                Optional.of("{\"a\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}"));
        assertThat(big).isEqualTo(new AlertIntake.Rejected(413, "body",
                "is larger than 262144 bytes, the common alert schema's limit"));
        // Multi-byte characters count as bytes, not chars.
        String wide = "{\"a\":\"" + "é".repeat(140_000) + "\"}";
        assertThat(wide.length()).isLessThan(AlertIntake.MAX_BODY_BYTES);
        assertThat(intake.accept(Optional.of("application/json"), Optional.of(wide)))
                .extracting(r -> ((AlertIntake.Rejected) r).status()).isEqualTo(413);
        for (String notObject : new String[]{"[]", "42", "\"alert\"", "null", "{", "{\"a\":1}}", "[".repeat(5000)}) {
            AlertIntake.Result r = intake.accept(Optional.of("application/json"), Optional.of(notObject));
            assertThat(r).as(notObject.length() > 20 ? "deep nesting" : notObject)
                    .isInstanceOf(AlertIntake.Rejected.class)
                    .extracting(x -> ((AlertIntake.Rejected) x).status()).isEqualTo(400);
        }
        assertThat(reads.get()).isZero();
    }

    @Test
    void theReadersProblemIsPassedOnNamingTheField() {
        AlertIntake.Result r = intake.accept(Optional.of("application/json"), Optional.of("{\"data\":{}}"));
        assertThat(r).isEqualTo(new AlertIntake.Rejected(400, "data.essentials.alertId", "missing"));
    }

    @Test
    void aParserBugIsA503WithTheRawPayloadNotA400() {
        AlertIntake broken = new AlertIntake(json -> {
            throw new IllegalStateException("bug");
        }, queue, schedule, Set.of(), CLOCK, () -> "r");
        String body = payload("x");
        AlertIntake.Result r = broken.accept(Optional.of("application/json"), Optional.of(body));
        assertThat(r).isInstanceOf(AlertIntake.Failed.class);
        AlertIntake.Failed f = (AlertIntake.Failed) r;
        assertThat(f.problemClass()).isEqualTo("internal");
        assertThat(f.detail()).contains("IllegalStateException");
        assertThat(f.payload()).isEqualTo(body);
        assertThat(queue.sent()).isEmpty();
    }

    @Test
    void aQueueThatCannotStoreTheMessageIsA503NeverAnAcceptance() {
        queue.down(true);
        AlertIntake.Result r = intake.accept(Optional.of("application/json"), Optional.of(payload("x")));
        assertThat(r).isInstanceOf(AlertIntake.Failed.class);
        assertThat(((AlertIntake.Failed) r).problemClass()).isEqualTo("queue");
        assertThat(((AlertIntake.Failed) r).detail()).contains("HTTP 503");
    }

    @Test
    void aPayloadOfAnotherKindIs400ButACommonSchemaAlertForAHubThatDoesNotParseIsQueuedForTheNotice() {
        String hubAlert = "{\"schemaId\":\"azureMonitorCommonAlertSchema\",\"data\":{\"essentials\":{"
                + "\"alertTargetIDs\":[\"" + HUB + "\"],\"alertRule\":\"conn-drop\"}}}";
        AlertIntake.Result r = intake.accept(Optional.of("application/json"), Optional.of(hubAlert));
        assertThat(r).isInstanceOf(AlertIntake.Accepted.class);
        QueueMessage m = ((AlertIntake.Accepted) r).message();
        assertThat(m.kind()).isEqualTo(QueueMessage.KIND_UNREADABLE);
        assertThat(m.reason()).contains("data.essentials.alertId: missing");
        assertThat(m.rule()).isEqualTo("conn-drop");

        String otherResource = hubAlert.replace(HUB, "/subscriptions/s/resourceGroups/g/providers/"
                + "Microsoft.Compute/virtualMachines/vm1");
        assertThat(intake.accept(Optional.of("application/json"), Optional.of(otherResource)))
                .isEqualTo(new AlertIntake.Rejected(400, "data.essentials.alertId", "missing"));
    }

    @Test
    void anAlertOfAHubOutsideTriageHubsIsForbidden() {
        AlertIntake only = new AlertIntake(reader, queue, schedule,
                Set.of(HubId.parse(HUB.replace("contoso-hub", "other-hub"))),
                CLOCK, () -> "r");
        AlertIntake.Result r = only.accept(Optional.of("application/json"), Optional.of(payload("x")));
        assertThat(r).isEqualTo(new AlertIntake.Rejected(403, "hub", "the alert's hub is not one of TRIAGE_HUBS"));
        assertThat(queue.sent()).isEmpty();
    }

    @Test
    void aLargePayloadIsTrimmedToFitAQueueMessageKeepingEssentialsAndCondition() {
        String body = payload("p".repeat(100_000));
        AlertIntake.Result r = intake.accept(Optional.of("application/json"), Optional.of(body));
        assertThat(r).isInstanceOf(AlertIntake.Accepted.class);
        QueueMessage m = ((AlertIntake.Accepted) r).message();
        int encoded = java.util.Base64.getEncoder().encode(m.encode().getBytes(StandardCharsets.UTF_8)).length;
        assertThat(encoded).isLessThanOrEqualTo(64 * 1024);
        assertThat(m.alert().path("data").has("customProperties")).isFalse();
        assertThat(m.alert().path("data").path("essentials").path("alertId").asText()).endsWith("/alerts/a1");
        assertThat(m.alert().path("data").path("alertContext").path("condition").isObject()).isTrue();
    }

    @Test
    void essentialsTooLargeForAQueueMessageAre413() {
        String body = "{\"data\":{\"essentials\":{\"alertId\":\"/subscriptions/s/providers/Microsoft.AlertsManagement"
                + "/alerts/a1\",\"description\":\"" + "d".repeat(100_000) + "\"}}}";
        AlertIntake.Result r = intake.accept(Optional.of("application/json"), Optional.of(body));
        assertThat(r).isInstanceOf(AlertIntake.Rejected.class);
        assertThat(((AlertIntake.Rejected) r).status()).isEqualTo(413);
    }
}
