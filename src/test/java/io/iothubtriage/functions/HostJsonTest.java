package io.iothubtriage.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iothubtriage.config.Profile;
import io.iothubtriage.config.Settings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** host.json and local.settings.json as the functions rely on them. */
class HostJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode host;

    @BeforeAll
    static void read() throws IOException {
        host = JSON.readTree(Path.of("host.json").toFile());
    }

    private static Duration timespan(String path) {
        JsonNode n = host.at(path);
        assertThat(n.isTextual()).as(path).isTrue();
        return Duration.ofNanos(LocalTime.parse(n.asText()).toNanoOfDay());
    }

    @Test
    void usesTheVersion4ExtensionBundle() {
        assertThat(host.path("version").asText()).isEqualTo("2.0");
        assertThat(host.at("/extensionBundle/id").asText()).isEqualTo("Microsoft.Azure.Functions.ExtensionBundle");
        assertThat(host.at("/extensionBundle/version").asText()).isEqualTo("[4.*, 5.0.0)");
    }

    @Test
    void keepsEveryRequestExceptionAndStageLineOutOfSampling() {
        assertThat(host.at("/logging/applicationInsights/samplingSettings/isEnabled").asBoolean()).isTrue();
        // stage lines (giving-up, misconfigured, abandoned) are traces: a storm must not sample them away
        assertThat(host.at("/logging/applicationInsights/samplingSettings/excludedTypes").asText().split(";"))
                .contains("Request", "Exception", "Trace");
    }

    @Test
    void queueSettingsFitTheWorstCaseTriageAndThePostingLease() {
        Settings defaults = Settings.from(Map.of("AzureWebJobsStorage", "UseDevelopmentStorage=true"), Profile.APP);
        Duration functionTimeout = timespan("/functionTimeout");
        Duration visibility = timespan("/extensions/queues/visibilityTimeout");
        int maxDequeue = host.at("/extensions/queues/maxDequeueCount").asInt();

        assertThat(maxDequeue).isEqualTo(5).isEqualTo(TriageWorker.MAX_DEQUEUE_COUNT);
        assertThat(host.at("/extensions/queues/messageEncoding").asText()).isEqualTo("base64");
        assertThat(host.at("/extensions/queues/batchSize").asInt()).isBetween(1, 8);

        // Sources run concurrently, so the slowest one bounds the evidence phase.
        Duration sources = max(defaults.logsTimeout(), defaults.healthTimeout(), defaults.metricsTimeout());
        Duration run = sources.plus(App.DELIVERY_WORST_CASE.multipliedBy(3)).plus(Duration.ofSeconds(30));
        assertThat(functionTimeout).as("functionTimeout ≥ sources + 3 destinations' deliveries + ledger")
                .isGreaterThanOrEqualTo(run);
        assertThat(App.POSTING_LEASE).as("a live post is never taken for dead")
                .isGreaterThan(App.DELIVERY_WORST_CASE);
        assertThat(visibility.multipliedBy(maxDequeue)).as("a crash is recovered before the message is poisoned")
                .isGreaterThan(App.POSTING_LEASE);
        assertThat(visibility).as("a retry does not come back while a slow duplicate may still be posting")
                .isGreaterThanOrEqualTo(App.DELIVERY_WORST_CASE);
    }

    @Test
    void localSettingsHoldOnlyAzuriteAndPlaceholders() throws IOException {
        JsonNode local = JSON.readTree(Path.of("local.settings.json").toFile());
        assertThat(local.path("IsEncrypted").asBoolean()).isFalse();
        JsonNode values = local.path("Values");
        assertThat(values.path("AzureWebJobsStorage").asText()).isEqualTo("UseDevelopmentStorage=true");
        assertThat(values.path("FUNCTIONS_WORKER_RUNTIME").asText()).isEqualTo("java");
        for (String secret : new String[]{"TEAMS_WEBHOOK_URL", "SLACK_WEBHOOK_URL", "GENERIC_WEBHOOK_URL"}) {
            assertThat(values.path(secret).asText()).as(secret).isEmpty();
        }
        assertThat(local.toString()).doesNotContain("sig=").doesNotContain("AccountKey").doesNotContain("hooks.slack");
        // The committed file is valid as settings.
        Map<String, String> env = JSON.convertValue(values, JSON.getTypeFactory()
                .constructMapType(Map.class, String.class, String.class));
        assertThat(Settings.from(env, Profile.APP).hasDestinations()).isFalse();
    }

    private static Duration max(Duration... ds) {
        Duration m = Duration.ZERO;
        for (Duration d : ds) {
            m = d.compareTo(m) > 0 ? d : m;
        }
        return m;
    }
}
