package io.iothubtriage.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iothubtriage.alert.AlertParser;
import io.iothubtriage.config.Profile;
import io.iothubtriage.config.Settings;
import io.iothubtriage.config.SettingsException;
import io.iothubtriage.dispatch.QueueMessage;
import io.iothubtriage.functions.testing.Alerts;
import io.iothubtriage.functions.testing.FakeContext;
import io.iothubtriage.functions.testing.FakeHttpRequest;
import io.iothubtriage.dispatch.StorageRequestQueue;
import io.iothubtriage.functions.testing.Azurite;
import io.iothubtriage.functions.testing.SimQueue;
import io.iothubtriage.functions.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alerts function with the real alert parser. The engine, ledger and outbox of this app fail when touched: the
 * path must answer without any of them (no Azure call happens here).
 */
class AlertWebhookTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant FIRED = Instant.parse("2026-11-26T10:41:00Z");

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:42:00Z"), ZoneOffset.UTC);

    /** An app whose engine, ledger and outbox fail when touched: the alerts path must not need them. */
    private static TestApp intakeOnly() {
        return TestApp.builder().clock(CLOCK)
                .engine(r -> {
                    throw new AssertionError("the alerts path must not build the triage engine");
                })
                .ledger(s -> {
                    throw new AssertionError("the alerts path must not touch the ledger");
                })
                .outbox(s -> {
                    throw new AssertionError("the alerts path must not build the outbox");
                });
    }

    private final TestApp built = intakeOnly();
    private final App app = built.build();
    private final AlertWebhook function = new AlertWebhook(app);

    private record Call(FakeHttpRequest.Response response, java.util.List<String> queued, FakeContext context) {
        int status() {
            return response.getStatusCode();
        }

        JsonNode body() throws Exception {
            return JSON.readTree(response.bodyText());
        }
    }

    private Call post(String contentType, String body) {
        return post(function, built.queue(), contentType, body);
    }

    private static Call post(AlertWebhook f, SimQueue queue, String contentType, String body) {
        FakeContext ctx = new FakeContext("alerts");
        var response = (FakeHttpRequest.Response) f.run(FakeHttpRequest.post("/api/alerts", contentType, body), ctx);
        return new Call(response, queue.drain(), ctx);
    }

    @Test
    void aValidAlertIsQueuedAndAnsweredWith202AndARequestId() throws Exception {
        long started = System.nanoTime();
        Call c = post("application/json", Alerts.fired("a1", FIRED));
        long micros = (System.nanoTime() - started) / 1000;

        assertThat(c.status()).isEqualTo(202);
        assertThat(c.response().getHeader("Content-Type")).isEqualTo("application/json");
        JsonNode body = c.body();
        assertThat(body.path("requestId").asText()).hasSize(36);
        assertThat(body.path("alertId").asText()).isEqualTo(Alerts.alertId("a1"));
        assertThat(body.path("monitorCondition").asText()).isEqualTo("Fired");
        assertThat(body.path("hub").asText()).isEqualToIgnoringCase(Alerts.HUB);

        assertThat(c.queued()).as("stored in the real queue before the 202").hasSize(1);
        QueueMessage m = QueueMessage.decode(c.queued().get(0));
        assertThat(m.requestId()).isEqualTo(body.path("requestId").asText());
        assertThat(m.alertId()).isEqualTo(Alerts.alertId("a1"));
        assertThat(m.firedAt()).contains(FIRED);
        assertThat(m.rule()).isEqualTo("contoso-hub-connected-devices");
        assertThat(AlertParser.parse(m.alert(), Settings.from(Map.of("AzureWebJobsStorage",
                "UseDevelopmentStorage=true"), Profile.INTAKE).windowPolicy()).alert().orElseThrow().alertId()).isEqualTo(Alerts.alertId("a1"));
        assertThat(body.path("triageAfter").asText()).as("fired 10:41 + 5 min window + 2 min ingestion")
                .isEqualTo("2026-11-26T10:48:00Z");
        assertThat(c.context().stage("accepted")).singleElement().asString()
                .contains("alertId=" + Alerts.alertId("a1")).contains("requestId=" + m.requestId());
        System.out.printf("alerts: accepted in %d µs (first call, cold)%n", micros);
    }

    @Test
    void answersInMillisecondsWhenWarm() {
        for (int i = 0; i < 20; i++) {
            post("application/json", Alerts.fired("warm" + i, FIRED));
        }
        int n = 50;
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            assertThat(post("application/json", Alerts.fired("b" + i, FIRED)).status()).isEqualTo(202);
        }
        double perCallMs = (System.nanoTime() - started) / 1e6 / n;
        System.out.printf("alerts: %.3f ms per accepted alert (warm, %d calls)%n", perCallMs, n);
        assertThat(perCallMs).isLessThan(50);
    }

    @Test
    void aResolvedAlertIsQueuedToo() throws Exception {
        Call c = post("application/json", Alerts.resolved("a1", FIRED, FIRED.plusSeconds(1800)));
        assertThat(c.status()).isEqualTo(202);
        assertThat(c.body().path("monitorCondition").asText()).isEqualTo("Resolved");
    }

    static Stream<Arguments> hostile() {
        String valid = Alerts.fired("h1", FIRED);
        String vm = Alerts.forTarget("h2", FIRED, "/subscriptions/" + Alerts.SUBSCRIPTION
                + "/resourcegroups/rg/providers/microsoft.compute/virtualmachines/vm1");
        String storage = Alerts.forTarget("h3", FIRED, "/subscriptions/" + Alerts.SUBSCRIPTION
                + "/resourcegroups/rg/providers/microsoft.storage/storageaccounts/st1");
        String quoted = Alerts.forTarget("h4", FIRED, Alerts.HUB_LOWER + "\\\" | take 1 //");
        String kql = Alerts.forTarget("h5", FIRED, Alerts.HUB_LOWER + "'; AzureDiagnostics | where 1==1 | count");
        String bigString = "{\"schemaId\":\"azureMonitorCommonAlertSchema\",\"data\":{\"essentials\":{\"description\":\""
                + "x".repeat(5 * 1024 * 1024) + "\"}}}";
        return Stream.of(
                Arguments.of("malformed JSON", "application/json", "{\"schemaId\": \"azureMonitorCommonAlertSchema\",",
                        400),
                Arguments.of("trailing garbage", "application/json", valid + "}", 400),
                Arguments.of("5 MB body", "application/json", bigString, 413),
                Arguments.of("text/plain", "text/plain", valid, 415),
                Arguments.of("form encoded", "application/x-www-form-urlencoded", "a=1&b=2", 415),
                Arguments.of("XML", "application/xml", "<alert/>", 415),
                Arguments.of("no content type", null, valid, 415),
                Arguments.of("empty body", "application/json", "", 400),
                Arguments.of("JSON array", "application/json", "[" + valid + "]", 400),
                Arguments.of("JSON string", "application/json", "\"alert\"", 400),
                Arguments.of("deep nesting", "application/json", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000),
                        400),
                Arguments.of("NUL bytes", "application/json", "{\"schemaId\":\"\u0000\u0000\"}", 400),
                Arguments.of("other schema", "application/json", valid.replace("azureMonitorCommonAlertSchema",
                        "AzureMonitorMetricAlert"), 400),
                Arguments.of("no essentials", "application/json",
                        "{\"schemaId\":\"azureMonitorCommonAlertSchema\",\"data\":{}}", 400),
                Arguments.of("alert for a virtual machine", "application/json", vm, 400),
                Arguments.of("alert for a storage account", "application/json", storage, 400),
                Arguments.of("hub id with quotes", "application/json", quoted, 400),
                Arguments.of("hub id with a KQL fragment", "application/json", kql, 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void hostileInputGets4xxWithAClearMessageAndIsNeverQueued(String name, String contentType, String body,
                                                              int expected) throws Exception {
        Call c = post(contentType, body);
        assertThat(c.status()).as(name).isEqualTo(expected);
        assertThat(c.queued()).as("queued").isEmpty();
        JsonNode error = c.body();
        assertThat(error.path("status").asInt()).isEqualTo(expected);
        assertThat(error.path("where").asText()).isNotBlank();
        assertThat(error.path("message").asText()).startsWith(error.path("where").asText() + ": ")
                .hasSizeLessThan(600).doesNotContain("\n");
        assertThat(c.context().stage("rejected")).hasSize(1);
        System.out.printf("alerts: %-28s → %d %s%n", name, c.status(), error.path("message").asText());
    }

    @Test
    void aCommonSchemaAlertForAHubThatTheParserRefusesIsQueuedForTheFailureNoticeNotRefused() throws Exception {
        Call c = post("application/json", Alerts.fired("g1", FIRED).replace(FIRED.toString(), "yesterday"));
        assertThat(c.status()).isEqualTo(202);
        assertThat(c.queued()).singleElement().satisfies(m ->
                assertThat(QueueMessage.decode(m).kind()).isEqualTo(QueueMessage.KIND_UNREADABLE));
    }

    @Test
    void aFailedEnqueueAnswers503AndLogsThePayloadAndNeverSaysAccepted() throws Exception {
        StorageRequestQueue down = new StorageRequestQueue(StorageRequestQueue.builder("triage-requests")
                .connectionString(Azurite.unreachableConnectionString()).buildClient());
        TestApp b = intakeOnly().intakeQueue(down);
        App broken = b.build();
        String payload = Alerts.fired("down1", FIRED);
        long started = System.nanoTime();
        Call c = post(new AlertWebhook(broken), b.queue(), "application/json", payload);
        long ms = (System.nanoTime() - started) / 1_000_000;

        assertThat(c.status()).as("503 is retried by action groups; 500 is not").isEqualTo(503);
        assertThat(c.body().path("where").asText()).isEqualTo("queue");
        assertThat(c.context().stage("accepted")).isEmpty();
        assertThat(c.context().stage("not-queued")).singleElement().asString()
                .contains("problem=queue").contains(Alerts.alertId("down1").replace("\"", ""));
        assertThat(c.context().records()).anyMatch(r -> r.getLevel() == java.util.logging.Level.SEVERE
                && r.getMessage().startsWith("stage=not-queued"));
        assertThat(ms).as("well inside the action group's 10 s").isLessThan(StorageRequestQueue.BUDGET.toMillis()
                + 2000);
    }

    @Test
    void brokenWorkerSettingsNeverStopTheIntake() throws Exception {
        // An unresolved Key Vault reference and a malformed number: the worker's business, not the intake's.
        TestApp b = intakeOnly()
                .setting("TEAMS_WEBHOOK_URL", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/t/)")
                .setting("SUPPRESS_REPEAT_MINUTES", "x");
        App app = b.build();
        Call c = post(new AlertWebhook(app), b.queue(), "application/json", Alerts.fired("kv1", FIRED));
        assertThat(c.status()).isEqualTo(202);
        assertThat(c.queued()).hasSize(1);
    }

    @Test
    void malformedWindowAndHubSettingsAreSkippedAtTheIntakeWithAClearLine() throws Exception {
        // read by the worker, which holds the alert until they are fixed; never a reason to turn an alert away
        TestApp b = intakeOnly()
                .setting("TRIAGE_BASELINE", "one day")
                .setting("TRIAGE_WINDOW_BEFORE", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/w/)")
                .setting("TRIAGE_HUBS", "contoso-hub");
        App app = b.build();
        Call c = post(new AlertWebhook(app), b.queue(), "application/json", Alerts.fired("win1", FIRED));
        assertThat(c.status()).isEqualTo(202);
        assertThat(c.queued()).hasSize(1);
        assertThat(c.context().stage("misconfigured")).singleElement().asString()
                .contains("settings=TRIAGE_HUBS,TRIAGE_WINDOW_BEFORE,TRIAGE_BASELINE")
                .contains("queued the alert").doesNotContain("contoso-hub");
    }

    @Test
    void brokenStorageSettingsAnswer503NamingTheSettingButNotItsValue() throws Exception {
        TestApp b = intakeOnly().setting("AzureWebJobsStorage", "secret-value-not-a-connection-string");
        App app = b.build();
        Call c = post(new AlertWebhook(app), b.queue(), "application/json", Alerts.fired("s1", FIRED));
        assertThat(c.status()).isEqualTo(503);
        assertThat(c.body().path("where").asText()).isEqualTo("storage-settings");
        assertThat(c.response().bodyText()).contains("storage settings").doesNotContain("AccountKey");
        assertThat(c.response().bodyText()).doesNotContain("secret-value");
        assertThat(c.context().stage("misconfigured")).singleElement().asString()
                .contains("AzureWebJobsStorage").doesNotContain("secret-value-not");
        assertThat(c.queued()).isEmpty();
    }
}
