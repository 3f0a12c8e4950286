package io.iothubtriage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.testing.ExportWriter;
import io.iothubtriage.testing.ExportWriter.Format;
import io.iothubtriage.testing.ExportWriter.Options;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.iothubtriage.cli.SmallExport.HUB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connected devices fell from 400 to 340 at 10:02, before the window (10:11–10:46), whose rows hold only a few clean
 * disconnects of devices that came back: those point at no shutdown; the report says the fall came before the window
 * and asks for a window that starts before it.
 */
class FallBeforeTheWindowTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void aFallBeforeTheWindowIsNotPutOnTheWindowsCleanDisconnects(Format format) throws IOException {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int d = 0; d < 12; d++) {
            Instant t = SmallExport.at("10:14:00").plusSeconds(150L * d);
            rows.add(SmallExport.row(t, "deviceDisconnect", "", "meter-" + d, "198.51.100.XXX"));
            rows.add(SmallExport.row(t.plusSeconds(40), "deviceConnect", "", "meter-" + d, "198.51.100.XXX"));
        }
        rows.sort((a, b) -> b.time().compareTo(a.time()));
        Path logs = dir.resolve("export-" + format + (format == Format.PORTAL_CSV ? ".csv" : ".json"));
        ExportWriter.write(logs, format, rows, Options.realistic().hub(HUB));
        StringBuilder points = new StringBuilder();
        Instant start = SmallExport.at("09:40:00");
        for (Instant t = start; t.isBefore(SmallExport.at("10:46:00")); t = t.plus(Duration.ofMinutes(1))) {
            points.append(points.isEmpty() ? "" : ",").append("{\"timeStamp\":\"").append(t)
                    .append("\",\"average\":").append(t.isBefore(SmallExport.at("10:02:00")) ? 400 : 340).append('}');
        }
        Path metrics = Files.writeString(dir.resolve("metrics.json"), """
                {"cost":0,"timespan":"%s/%s","interval":"PT1M",
                 "value":[{"id":"%s/providers/Microsoft.Insights/metrics/connectedDeviceCount",
                   "type":"Microsoft.Insights/metrics","name":{"value":"connectedDeviceCount"},"unit":"Count",
                   "timeseries":[{"metadatavalues":[],"data":[%s]}]}]}
                """.formatted(start, SmallExport.at("10:46:00"), HUB.resourceId(), points), StandardCharsets.UTF_8);
        TriageCommandTest.Run r = TriageCommandTest.cli("triage", "--hub", HUB.resourceId(), "--from", SmallExport.FROM,
                "--to", SmallExport.TO, "--logs", logs.toString(), "--metrics", metrics.toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(r.out());

        assertThat(report.path("verdict").asText()).isEqualTo("NO_CONNECTION_ERRORS");
        assertThat(report.path("confidence").asText()).isEqualTo("MEDIUM");
        assertThat(report.path("headline").asText()).contains("connected devices fell from 400 to 340 at 10:02 UTC,"
                + " before the window began (10:11 UTC), so the window's rows do not show what took them")
                .doesNotContain("points at a shutdown");
        assertThat(SmallExport.texts(report.path("actions")).get(0)).startsWith("Rerun the triage with a window that"
                + " starts before the fall (connected devices were at their lowest at 10:02 UTC, before this window;"
                + " from 09:32 UTC, say)");
    }
}
