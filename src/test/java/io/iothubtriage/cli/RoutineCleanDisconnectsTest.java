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
import java.util.Optional;

import static io.iothubtriage.cli.SmallExport.HUB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clean disconnects at the hub's usual rate are its routine: 300 battery meters that sleep and wake every 10 minutes
 * all day disconnect cleanly about 1,800 times an hour, in the window as before it. They point at no shutdown, and
 * they do not hide the 40 gateways refused with 401003 from the one-tenth rule; and when connected devices fell,
 * they do not explain the fall.
 */
class RoutineCleanDisconnectsTest {

    private static final Instant FROM = Instant.parse(SmallExport.FROM);
    private static final Instant TO = Instant.parse(SmallExport.TO);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The meters' cycle from three hours before the window to two minutes after it, each at its own phase. */
    private static List<ConnectionLogRow> meters() {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int m = 0; m < 300; m++) {
            String device = "meter-" + m;
            for (Instant t = FROM.minus(Duration.ofHours(3)).plusSeconds(m * 2L); t.isBefore(TO.plusSeconds(120));
                 t = t.plus(Duration.ofMinutes(10))) {
                rows.add(SmallExport.row(t, "deviceDisconnect", "", device, "198.51.100.XXX"));
                rows.add(SmallExport.row(t.plusSeconds(40), "deviceConnect", "", device, "198.51.100.XXX"));
            }
        }
        return rows;
    }

    /** 40 gateways refused with 401003 from 10:21, every 30 s, to the end of the data. */
    private static List<ConnectionLogRow> refusedGateways() {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int g = 0; g < 40; g++) {
            String device = "gateway-" + g;
            Instant drop = SmallExport.at("10:21:00").plusSeconds(g);
            rows.add(SmallExport.row(drop, "deviceDisconnect", "404104", device, "203.0.113.XXX"));
            for (Instant t = drop.plusSeconds(30); t.isBefore(TO.plusSeconds(120)); t = t.plusSeconds(30)) {
                rows.add(SmallExport.row(t, "deviceConnect", "401003", device, "203.0.113.XXX"));
            }
        }
        return rows;
    }

    /** The report's JSON, with a connected-devices metric of {@code before} devices falling to {@code after} at 10:21. */
    private JsonNode triage(Format format, List<ConnectionLogRow> rows, Optional<int[]> metric) throws IOException {
        Path logs = dir.resolve("export-" + format + (format == Format.PORTAL_CSV ? ".csv" : ".json"));
        rows.sort((a, b) -> b.time().compareTo(a.time()));
        ExportWriter.write(logs, format, rows, Options.realistic().hub(HUB));
        List<String> args = new ArrayList<>(List.of("triage", "--hub", HUB.resourceId(), "--from", SmallExport.FROM,
                "--to", SmallExport.TO, "--logs", logs.toString(), "--format", "json"));
        if (metric.isPresent()) {
            StringBuilder points = new StringBuilder();
            Instant drop = SmallExport.at("10:21:00");
            for (Instant t = FROM.minus(Duration.ofMinutes(30)); t.isBefore(TO); t = t.plus(Duration.ofMinutes(1))) {
                points.append(points.isEmpty() ? "" : ",").append("{\"timeStamp\":\"").append(t)
                        .append("\",\"average\":").append(t.isBefore(drop) ? metric.get()[0] : metric.get()[1])
                        .append('}');
            }
            Path file = dir.resolve("metrics.json");
            Files.writeString(file, """
                    {"cost":0,"timespan":"%s/%s","interval":"PT1M",
                     "value":[{"id":"%s/providers/Microsoft.Insights/metrics/connectedDeviceCount",
                       "type":"Microsoft.Insights/metrics","name":{"value":"connectedDeviceCount"},"unit":"Count",
                       "timeseries":[{"metadatavalues":[],"data":[%s]}]}]}
                    """.formatted(FROM.minus(Duration.ofMinutes(30)), TO, HUB.resourceId(), points),
                    StandardCharsets.UTF_8);
            args.addAll(List.of("--metrics", file.toString()));
        }
        TriageCommandTest.Run r = TriageCommandTest.cli(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void refusedGatewaysAreTheIncidentWhileTheMetersComeAndGoAsUsual(Format format) throws IOException {
        List<ConnectionLogRow> rows = meters();
        rows.addAll(refusedGateways());
        JsonNode r = triage(format, rows, Optional.of(new int[]{340, 300}));

        assertThat(r.path("verdict").asText()).isEqualTo("AUTHENTICATION_FAILURES");
        assertThat(r.path("headline").asText()).startsWith("40 devices").doesNotContain("cleanly")
                .doesNotContain("shutdown");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void theMetersAloneAreRoutineChurnNotAShutdown(Format format) throws IOException {
        JsonNode r = triage(format, meters(), Optional.empty());

        assertThat(r.path("verdict").asText()).isEqualTo("NO_CONNECTION_ERRORS");
        assertThat(r.path("headline").asText()).startsWith("300 devices disconnected cleanly")
                .contains("routine churn at the hub's usual rate (about 1,800 clean disconnects an hour before the"
                        + " window) rather than a shutdown").doesNotContain("points at a shutdown");
        assertThat(SmallExport.texts(r.path("actions")).get(0)).startsWith("The clean disconnects are routine churn:"
                + " they came at the hub's usual rate").doesNotContain("Ask the owners");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void aFallTheRoutineDoesNotExplainIsSaidAndLowersTheConfidence(Format format) throws IOException {
        JsonNode r = triage(format, meters(), Optional.of(new int[]{1_000, 850}));

        assertThat(r.path("verdict").asText()).isEqualTo("NO_CONNECTION_ERRORS");
        assertThat(r.path("confidence").asText()).isEqualTo("MEDIUM");
        assertThat(r.path("headline").asText()).contains("connected devices fell from 1,000 to 850 at 10:21 UTC;"
                + " they are routine churn at the hub's usual rate").contains("do not explain the fall")
                .doesNotContain("points at a shutdown");
        assertThat(SmallExport.texts(r.path("actions")).get(0))
                .startsWith("Find what took connected devices from 1,000 to 850 (lowest at 10:21 UTC)");
    }
}
