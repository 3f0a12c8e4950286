package io.iothubtriage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.simulation.FleetScenario;
import io.iothubtriage.simulation.Incident;
import io.iothubtriage.simulation.RowOrder;
import io.iothubtriage.testing.ExportWriter;
import io.iothubtriage.testing.ExportWriter.Format;
import io.iothubtriage.testing.ExportWriter.Options;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI as a user runs it: a real alert payload, exports in each format of a simulated 1,000-device hub whose
 * site behind 203.0.113.XXX lost its network at the alert's time, and every kind of bad input.
 */
class TriageCommandTest {

    private static final Path ALERT = Path.of("src/test/resources/alerts/iothub-connected-devices-fired.json");
    private static final HubId HUB = HubId.parse("/subscriptions/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/"
            + "iot-prod-rg/providers/Microsoft.Devices/IotHubs/contoso-hub");
    private static final Instant FIRED = Instant.parse("2026-01-15T10:41:07Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static List<ConnectionLogRow> rows;

    @BeforeAll
    static void simulateTheHub() {
        FleetScenario scenario = FleetScenario.builder().hub(HUB).devices(1000).seed(21).firedAt(FIRED)
                .site("203.0.113.XXX", 0.3).incident(Incident.siteOutage("203.0.113.XXX", 0.95)).build();
        rows = new ArrayList<>();
        scenario.rows(rows::add, RowOrder.NEWEST_FIRST);
    }

    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Path export(Format format) throws IOException {
        Path file = dir.resolve("connections-" + format + (format == Format.PORTAL_CSV ? ".csv" : ".json"));
        if (!Files.exists(file)) {
            ExportWriter.write(file, format, rows, Options.realistic().hub(HUB));
        }
        return file;
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void eachExportFormatGivesTheSameContractReport(Format format) throws IOException {
        Run run = cli("triage", "--alert", ALERT.toString(), "--logs", export(format).toString(), "--format", "json");

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        for (String key : List.of("schemaVersion", "hub", "alert", "window", "verdict", "confidence", "headline",
                "scope", "errors", "noise", "deviceCount", "platformHealth", "findings", "actions", "topDevices",
                "gaps", "links")) {
            assertThat(report.has(key)).as(key).isTrue();
        }
        assertThat(report.get("schemaVersion").asText()).isEqualTo("1.1");
        assertThat(report.at("/hub/name").asText()).isEqualTo("contoso-hub");
        assertThat(report.at("/alert/condition").asText()).isEqualTo("Fired");
        assertThat(report.at("/alert/metric/name").asText()).isEqualTo("connectedDeviceCount");
        assertThat(report.at("/window/start").asText()).isEqualTo("2026-01-15T10:11:07.371321300Z");
        assertThat(report.get("verdict").asText()).isEqualTo("DEVICE_NETWORK_OR_KEEPALIVE");
        assertThat(report.at("/scope/kind").asText()).isEqualTo("SUBSET");
        assertThat(report.at("/scope/dimension").asText()).isEqualTo("maskedIpAddress");
        assertThat(report.at("/scope/value").asText()).isEqualTo("203.0.113.XXX");
        assertThat(report.at("/scope/affectedDevices").asInt()).isBetween(250, 300);
        assertThat(report.at("/errors/0/code").asText()).isEqualTo("404104");
        assertThat(report.at("/noise/sasRenewalDevices").asInt()).isGreaterThan(50);
        // No --health or --metrics: recorded as gaps, never taken for "healthy" or "zero".
        assertThat(report.get("gaps").findValuesAsText("source")).containsExactlyInAnyOrder("resourceHealth", "metrics");
        assertThat(report.get("platformHealth").isNull()).isTrue();
    }

    /** Without --health nothing was read, so nothing "could not be read": the report says it was not given. */
    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void anOfflineRunWithoutHealthOrMetricsSaysTheyWereNotGiven(Format format) throws IOException {
        Run run = cli("triage", "--alert", ALERT.toString(), "--logs", export(format).toString(), "--format", "json");

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("headline").asText()).endsWith("; hub health is unknown (no Resource Health file was "
                + "given).");
        List<String> findings = new ArrayList<>();
        report.get("findings").forEach(f -> findings.add(f.asText()));
        assertThat(findings).contains("Confidence MEDIUM: no Resource Health file was given, so a platform incident "
                + "cannot be ruled out.");
        assertThat(report.get("gaps").findValuesAsText("reason"))
                .containsExactlyInAnyOrder("no --health file given", "no --metrics file given");
        assertThat(run.out()).doesNotContain("could not be read");
    }

    @Test
    void theThreeFormatsAgreeOnEveryNumber() throws IOException {
        List<JsonNode> reports = new ArrayList<>();
        for (Format f : List.of(Format.LOG_ANALYTICS_RESPONSE, Format.CLI_JSON_ARRAY, Format.PORTAL_CSV)) {
            Run run = cli("triage", "--alert", ALERT.toString(), "--logs", export(f).toString(), "--format", "json");
            JsonNode r = JSON.readTree(run.out());
            ((com.fasterxml.jackson.databind.node.ObjectNode) r).remove("generatedAt");
            ((com.fasterxml.jackson.databind.node.ObjectNode) r.path("freshness")).remove("checkedAt"); // = generatedAt
            reports.add(r);
        }
        assertThat(reports.get(1)).isEqualTo(reports.get(0));
        assertThat(reports.get(2)).isEqualTo(reports.get(0));
    }

    @Test
    void withoutAnAlertTheWindowComesFromFromAndTo() throws IOException {
        Run run = cli("triage", "--hub", HUB.resourceId(), "--from", "2026-01-15T10:11:07Z", "--to",
                "2026-01-15T10:46:07Z", "--logs", export(Format.PORTAL_CSV).toString(), "--format", "markdown");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("DEVICE_NETWORK_OR_KEEPALIVE").contains("203.0.113.XXX");
    }

    @Test
    void aPartialQueryResultIsUsedAndRecordedAsAGap() throws IOException {
        String full = Files.readString(export(Format.LOG_ANALYTICS_RESPONSE));
        Path partial = Files.writeString(dir.resolve("partial.json"), "{\"error\":{\"code\":\"PartialError\","
                + "\"message\":\"There were some errors when processing your query.\"},"
                + full.replace("\uFEFF", "").strip().substring(1));
        Run run = cli("triage", "--alert", ALERT.toString(), "--logs", partial.toString(), "--format", "json");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("verdict").asText()).isEqualTo("DEVICE_NETWORK_OR_KEEPALIVE");
        assertThat(report.get("gaps").findValuesAsText("reason")).anyMatch(r -> r.contains("partial.json")
                && r.contains("PartialError"));
    }

    @Test
    void textReportLeadsWithTheVerdictAndOutWritesAFile() throws IOException {
        Path out = dir.resolve("report.txt");
        Run run = cli("triage", "--alert", ALERT.toString(), "--logs", export(Format.CLI_JSON_ARRAY).toString(),
                "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(out)).startsWith("DEVICE_NETWORK_OR_KEEPALIVE");
    }

    @Test
    void teamsAndSlackFormatsPrintTheWebhookBodies() throws IOException {
        Run teams = cli("triage", "--alert", ALERT.toString(), "--logs", export(Format.CLI_JSON_ARRAY).toString(),
                "--format", "teams");
        JsonNode t = JSON.readTree(teams.out());
        assertThat(t.get("type").asText()).isEqualTo("message");
        assertThat(t.at("/attachments/0/content/version").asText()).isEqualTo("1.4");
        Run slack = cli("triage", "--alert", ALERT.toString(), "--logs", export(Format.CLI_JSON_ARRAY).toString(),
                "--format", "slack");
        JsonNode s = JSON.readTree(slack.out());
        assertThat(s.get("text").asText()).contains("203.0.113.XXX");
        assertThat(s.get("blocks").size()).isBetween(1, 50);
    }

    @Test
    void postDeliversToEveryDestinationAndReportsEachOutcome() throws IOException {
        AtomicInteger teamsPosts = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/workflows/abc", ex -> {
            ex.getRequestBody().readAllBytes();
            teamsPosts.incrementAndGet();
            ex.sendResponseHeaders(202, -1);
            ex.close();
        });
        server.createContext("/gone", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(410, -1);
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Run ok = cli("triage", "--alert", ALERT.toString(), "--logs", export(Format.CLI_JSON_ARRAY).toString(),
                    "--format", "json", "--post", base + "/workflows/abc?sig=secret-signature");
            assertThat(ok.code()).as(ok.err()).isZero();
            assertThat(teamsPosts.get()).isEqualTo(1);
            assertThat(ok.err()).contains("delivered").doesNotContain("secret-signature").doesNotContain("/workflows");

            Run gone = cli("triage", "--alert", ALERT.toString(), "--logs", export(Format.CLI_JSON_ARRAY).toString(),
                    "--post", base + "/gone?sig=other-secret");
            assertThat(gone.code()).isEqualTo(Main.FAILURE);
            assertThat(gone.err()).contains("410").contains("1 of 1 destinations were not delivered")
                    .doesNotContain("other-secret").doesNotContain("/gone");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void badFilesExitTwoWithOneLineNamingTheFile() throws IOException {
        Path truncated = dir.resolve("truncated.json");
        String full = Files.readString(export(Format.LOG_ANALYTICS_RESPONSE));
        Files.writeString(truncated, full.substring(0, full.length() / 3));
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        byte[] noise = new byte[4096];
        new Random(5).nextBytes(noise);
        Path garbage = Files.write(dir.resolve("garbage.bin"), noise);
        Path wrongColumns = Files.writeString(dir.resolve("wrong.csv"), "Name,Value\na,1\nb,2\n");
        Path missing = dir.resolve("export-2GB-that-does-not-exist.json");

        for (Path bad : List.of(truncated, empty, garbage, wrongColumns, missing)) {
            Run run = cli("triage", "--alert", ALERT.toString(), "--logs", bad.toString());
            assertThat(run.code()).as(bad + ": " + run.err()).isEqualTo(Main.BAD_INPUT);
            assertThat(run.err().strip()).as(bad.toString()).contains(bad.toString()).doesNotContain("\n");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void badAlertsAndOptionsExitTwo() throws IOException {
        Path vmAlert = Files.writeString(dir.resolve("vm-alert.json"), Files.readString(ALERT)
                .replace("microsoft.devices/iothubs/contoso-hub", "microsoft.compute/virtualmachines/vm1"));
        String logs = export(Format.CLI_JSON_ARRAY).toString();
        List<String[]> calls = List.of(
                new String[]{"triage", "--alert", vmAlert.toString(), "--logs", logs},
                new String[]{"triage", "--alert", ALERT.toString(), "--logs", logs, "--format", "pdf"},
                new String[]{"triage", "--alert", ALERT.toString(), "--logs", logs, "--loud"},
                new String[]{"triage", "--alert"},
                new String[]{"triage", "--hub", "/subscriptions/x'; drop table", "--logs", logs, "--from",
                        "2026-01-15T10:00:00Z", "--to", "2026-01-15T11:00:00Z"},
                new String[]{"triage", "--hub", HUB.resourceId(), "--logs", logs},
                new String[]{"triage", "--hub", HUB.resourceId(), "--logs", logs, "--from", "2026-01-15T11:00:00Z",
                        "--to", "2026-01-15T10:00:00Z"},
                new String[]{"triage", "--alert", ALERT.toString(), "--logs", logs, "--post", "ftp://example.com/x"},
                new String[]{"frobnicate"});
        for (String[] call : calls) {
            Run run = cli(call);
            assertThat(run.code()).as(String.join(" ", call) + " → " + run.err()).isEqualTo(Main.BAD_INPUT);
            assertThat(run.err().strip()).startsWith("iothub-triage: ").doesNotContain("\n");
        }
    }

    @Test
    void demoPrintsAReportAndWritesThePayloads() throws IOException {
        Path out = dir.resolve("demo");
        Run run = cli("demo", "--out-dir", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("DEVICE_NETWORK_OR_KEEPALIVE").contains("203.0.113.XXX");
        assertThat(JSON.readTree(out.resolve("teams.json").toFile()).get("type").asText()).isEqualTo("message");
        assertThat(JSON.readTree(out.resolve("slack.json").toFile()).get("text").asText()).isNotBlank();
        assertThat(JSON.readTree(out.resolve("report.json").toFile()).get("verdict").asText())
                .isEqualTo("DEVICE_NETWORK_OR_KEEPALIVE");
    }

    @Test
    void helpAndVersionExitZero() {
        assertThat(cli("--help").out()).contains("iothub-triage triage --alert");
        assertThat(cli("--version").code()).isZero();
    }
}
