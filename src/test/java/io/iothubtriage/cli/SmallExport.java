package io.iothubtriage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.testing.ExportWriter;
import io.iothubtriage.testing.ExportWriter.Format;
import io.iothubtriage.testing.ExportWriter.Options;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small export of one hub, written row by row in any of the three formats and triaged through the CLI over the
 * window 2026-01-15 10:11–10:46 UTC: what the wording tests build their cases from.
 */
final class SmallExport {

    static final HubId HUB = HubId.parse("/subscriptions/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/"
            + "iot-prod-rg/providers/Microsoft.Devices/IotHubs/contoso-hub");
    static final String FROM = "2026-01-15T10:11:00Z";
    static final String TO = "2026-01-15T10:46:00Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SmallExport() {
    }

    /** 2026-01-15 at {@code hhmmss} UTC. */
    static Instant at(String hhmmss) {
        return Instant.parse("2026-01-15T" + hhmmss + "Z");
    }

    /** A row of an MQTT device with a SAS token: an error row when {@code code} is not empty. */
    static ConnectionLogRow row(Instant t, String op, String code, String device, String site) {
        boolean error = !code.isEmpty();
        return new ConnectionLogRow(t, op, error ? "Error" : "Information", code,
                error ? "DeviceConnectionClosedRemotely" : "", device, "Mqtt", "device/sas", site,
                "azure-iot-sdk-c/1.13.0", error ? code.substring(0, 3) : "", error ? "DeviceConnectionClosedRemotely" : "");
    }

    /** The JSON report of {@code rows} written in {@code format} into {@code dir} and triaged over the window. */
    static JsonNode triage(Path dir, Format format, List<ConnectionLogRow> rows, Options options) throws IOException {
        Path file = dir.resolve("export-" + format + (format == Format.PORTAL_CSV ? ".csv" : ".json"));
        ExportWriter.write(file, format, rows, options.hub(HUB));
        TriageCommandTest.Run r = TriageCommandTest.cli("triage", "--hub", HUB.resourceId(), "--from", FROM,
                "--to", TO, "--logs", file.toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    /** A JSON array of strings as a list. */
    static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
