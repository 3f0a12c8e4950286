package io.iothubtriage.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the Functions staging folder that {@code mvn package} generates (azure-functions-maven-plugin) and checks
 * every function.json: the four functions, their triggers, routes, auth levels, queue names and the storage
 * connection, exactly as the infrastructure and the action group expect them.
 */
class FunctionJsonIT {
    private static final Path STAGING = Path.of("target/azure-functions/iothub-triage");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Map<String, JsonNode> functions;

    @BeforeAll
    static void readStaging() throws IOException {
        assertThat(STAGING).as("staging folder written by azure-functions:package (run mvn verify)").isDirectory();
        functions = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(STAGING)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Path fj = dir.resolve("function.json");
                if (Files.isRegularFile(fj)) {
                    functions.put(dir.getFileName().toString(), JSON.readTree(fj.toFile()));
                }
            }
        }
    }

    @Test
    void exactlyTheFourFunctionsAreGenerated() {
        assertThat(functions.keySet()).containsExactly("alerts", "triage", "triage-poison", "triage-worker");
        functions.forEach((name, fj) -> assertThat(fj.path("scriptFile").asText())
                .as(name).isEqualTo("../iothub-triage.jar"));
    }

    @Test
    void alertsIsAFunctionKeyPostWithNoOutputBinding() {
        JsonNode fj = functions.get("alerts");
        assertThat(fj.path("entryPoint").asText()).isEqualTo("io.iothubtriage.functions.AlertWebhook.run");
        JsonNode trigger = binding(fj, "httpTrigger");
        assertThat(trigger.path("direction").asText()).isEqualTo("in");
        assertThat(trigger.path("route").asText()).isEqualTo("alerts");
        assertThat(trigger.path("authLevel").asText()).isEqualToIgnoringCase("function");
        assertThat(texts(trigger.path("methods"))).containsExactly("POST");
        // The function queues the alert itself, so it can answer 202 only once the message is stored (an output
        // binding is written after the function returned, too late to change the answer).
        assertThat(binding(fj, "http").path("name").asText()).isEqualTo("$return");
        assertThat(fj.path("bindings")).hasSize(2);
    }

    @Test
    void triageWorkerIsTriggeredByTriageRequests() {
        JsonNode fj = functions.get("triage-worker");
        assertThat(fj.path("entryPoint").asText()).isEqualTo("io.iothubtriage.functions.TriageWorker.run");
        JsonNode trigger = binding(fj, "queueTrigger");
        assertThat(trigger.path("queueName").asText()).isEqualTo("triage-requests");
        assertThat(trigger.path("connection").asText()).isEqualTo("AzureWebJobsStorage");
        assertThat(trigger.path("direction").asText()).isEqualTo("in");
        assertThat(fj.path("bindings")).hasSize(1);
    }

    @Test
    void triagePoisonIsTriggeredByThePoisonQueue() {
        JsonNode fj = functions.get("triage-poison");
        assertThat(fj.path("entryPoint").asText()).isEqualTo("io.iothubtriage.functions.PoisonHandler.run");
        JsonNode trigger = binding(fj, "queueTrigger");
        assertThat(trigger.path("queueName").asText()).isEqualTo("triage-requests-poison");
        assertThat(trigger.path("connection").asText()).isEqualTo("AzureWebJobsStorage");
        assertThat(fj.path("bindings")).hasSize(1);
    }

    @Test
    void triageIsAFunctionKeyGetAndPost() {
        JsonNode fj = functions.get("triage");
        assertThat(fj.path("entryPoint").asText()).isEqualTo("io.iothubtriage.functions.RerunEndpoint.run");
        JsonNode trigger = binding(fj, "httpTrigger");
        assertThat(trigger.path("route").asText()).isEqualTo("triage");
        assertThat(trigger.path("authLevel").asText()).isEqualToIgnoringCase("function");
        assertThat(texts(trigger.path("methods"))).containsExactlyInAnyOrder("GET", "POST");
        assertThat(binding(fj, "http").path("name").asText()).isEqualTo("$return");
        assertThat(fj.path("bindings")).hasSize(2);
    }

    @Test
    void stagingCarriesTheProjectsHostJsonAndTheAppJar() throws IOException {
        JsonNode staged = JSON.readTree(STAGING.resolve("host.json").toFile());
        JsonNode project = JSON.readTree(Path.of("host.json").toFile());
        assertThat(staged).isEqualTo(project);
        assertThat(STAGING.resolve("iothub-triage.jar")).isRegularFile();
        try (Stream<Path> libs = Files.list(STAGING.resolve("lib"))) {
            List<String> names = libs.map(p -> p.getFileName().toString()).toList();
            assertThat(names).anyMatch(n -> n.startsWith("azure-data-tables-"));
            assertThat(names).noneMatch(n -> n.startsWith("junit-") || n.startsWith("wiremock")
                    || n.startsWith("azure-core-http-netty"));
        }
    }

    private static JsonNode binding(JsonNode fj, String type) {
        List<JsonNode> found = new ArrayList<>();
        fj.path("bindings").forEach(b -> {
            if (type.equals(b.path("type").asText())) {
                found.add(b);
            }
        });
        assertThat(found).as("bindings of type " + type).hasSize(1);
        return found.get(0);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
