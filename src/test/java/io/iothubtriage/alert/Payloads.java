package io.iothubtriage.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Test payloads: the published samples, envelopes around them, and the assertions every rejection must meet. */
final class Payloads {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Maven runs tests from the project root; the samples are kept under src/test/resources/samples. */
    static final Path SAMPLES = Path.of("src/test/resources/samples/alerts");

    static final String SUB = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    /** A hub id as alert targets carry it: lower-cased. */
    static final String HUB = "/subscriptions/" + SUB + "/resourcegroups/iot-prod-rg/providers/microsoft.devices/iothubs/contoso-hub";
    static final String HUB_B = "/subscriptions/" + SUB + "/resourcegroups/iot-prod-rg/providers/microsoft.devices/iothubs/fabrikam-hub";
    static final HubId CONTOSO = HubId.parse(HUB);
    static final HubId FABRIKAM = HubId.parse(HUB_B);
    static final String VM = "/subscriptions/" + SUB + "/resourcegroups/pipelinealertrg/providers/microsoft.compute/virtualmachines/wcus-r2-gen2";
    static final String STORAGE = "/subscriptions/" + SUB + "/resourcegroups/data-rg/providers/microsoft.storage/storageaccounts/contosodata";
    static final String WORKSPACE = "/subscriptions/" + SUB + "/resourcegroups/ops-rg/providers/microsoft.operationalinsights/workspaces/ops-logs";
    static final String APP_INSIGHTS = "/subscriptions/" + SUB + "/resourcegroups/web-rg/providers/microsoft.insights/components/shop-web";
    static final String WEB_TEST = "/subscriptions/" + SUB + "/resourcegroups/web-rg/providers/microsoft.insights/webtests/myavailabilitytest-myapplication";
    static final String PROMETHEUS_WORKSPACE = "/subscriptions/" + SUB + "/resourcegroups/k8s-rg/providers/microsoft.monitor/accounts/k8s-metrics";
    static final String SUBSCRIPTION = "/subscriptions/" + SUB;

    private Payloads() {
    }

    static ObjectNode sample(String file) {
        return read(SAMPLES.resolve(file));
    }

    static ObjectNode resource(String name) {
        try (InputStream in = Payloads.class.getResourceAsStream("/alerts/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        try (InputStream in = Payloads.class.getResourceAsStream("/alerts/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode read(Path file) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Essentials as an action group sends them for that monitoring service, fired at {@code firedDateTime}. */
    static ObjectNode essentials(String monitoringService, String signalType, String condition, String firedDateTime,
                                 String... targets) {
        ObjectNode e = JSON.createObjectNode();
        e.put("alertId", "/subscriptions/" + SUB + "/providers/Microsoft.AlertsManagement/alerts/3f2d4487-b0fc-4125-8bd5-7ad17384221e");
        e.put("alertRule", "test-rule");
        e.put("severity", "Sev3");
        e.put("signalType", signalType);
        e.put("monitorCondition", condition);
        e.put("monitoringService", monitoringService);
        ArrayNode t = e.putArray("alertTargetIDs");
        for (String target : targets) {
            t.add(target);
        }
        e.put("firedDateTime", firedDateTime);
        e.put("description", "");
        e.put("essentialsVersion", "1.0");
        e.put("alertContextVersion", "1.0");
        return e;
    }

    /** The full envelope around essentials and an {@code {"alertContext": …}} sample file's content. */
    static String wrap(ObjectNode essentials, ObjectNode alertContextFile) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaId", "azureMonitorCommonAlertSchema");
        ObjectNode data = root.putObject("data");
        data.set("essentials", essentials);
        data.set("alertContext", alertContextFile.get("alertContext"));
        data.putNull("customProperties");
        return root.toString();
    }

    static TriageRequest parse(String json) throws BadInputException {
        return AlertParser.parse(json, WindowPolicy.defaults());
    }

    /**
     * Parses and expects a rejection; checks what every rejection must be: one line, short, naming a place.
     */
    static BadInputException rejection(String json) {
        return rejection(() -> parse(json));
    }

    interface Parse {
        TriageRequest run() throws BadInputException;
    }

    static BadInputException rejection(Parse parse) {
        try {
            TriageRequest r = parse.run();
            return fail("expected a rejection, got a request for " + r.hub());
        } catch (BadInputException e) {
            assertThat(e.getMessage()).as("one line").doesNotContain("\n").doesNotContain("\r");
            assertThat(e.getMessage().length()).as("short: " + e.getMessage()).isLessThanOrEqualTo(300);
            assertThat(e.getMessage()).startsWith(e.where() + ": ");
            return e;
        }
    }

    static JsonNode at(JsonNode root, String pointer) {
        return root.at(pointer);
    }
}
