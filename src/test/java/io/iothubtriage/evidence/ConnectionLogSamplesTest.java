package io.iothubtriage.evidence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The real public samples under src/test/resources/samples (sources in its README). */
class ConnectionLogSamplesTest {

    private static final Path LOGS = Read.SAMPLES.resolve("iothub-resourcelogs");
    private static final Path LA = Read.SAMPLES.resolve("loganalytics");

    @TempDir
    Path dir;

    @Test
    void learnExerciseConnectRecord() throws Exception {
        Read read = Read.of(LOGS.resolve("learn-exercise-connections-deviceConnect.json"));
        assertThat(read.stats().format()).isEqualTo(LogFormat.RESOURCE_LOG_LINES);
        assertThat(read.only()).isEqualTo(new ConnectionLogRow(Instant.parse("2023-09-21T22:16:00Z"),
                "deviceConnect", "Information", "", "", "sensor-th-2001", "Mqtt", "", "24.9.142.XXX",
                ".NET/1.38.0 (.NET Core 3.1.19; Microsoft Windows 10.0.22000 WindowsProduct:0x00000030; X64; "
                        + "{FF88E933-1C12-457D-A098-A5093B53FBA2})", "", ""));
    }

    @Test
    void learnExerciseDisconnectRecord() throws Exception {
        Read read = Read.of(LOGS.resolve("learn-exercise-connections-deviceDisconnect-404104.json"));
        assertThat(read.only()).isEqualTo(new ConnectionLogRow(Instant.parse("2023-09-21T22:33:34Z"),
                "deviceDisconnect", "Error", "404104", "DeviceConnectionClosedRemotely", "sensor-th-2001", "Mqtt", "",
                "24.9.142.XXX", "", "404",
                "Device disconnected, see cause and resolution at https://aka.ms/iothub404104"));
        assertThat(read.only().isError()).isTrue();
    }

    @Test
    void bothLearnRecordsConcatenatedAreOneRecordPerObject() throws Exception {
        Path file = dir.resolve("PT1H.json");
        Files.writeString(file, Files.readString(LOGS.resolve("learn-exercise-connections-deviceConnect.json"))
                + "\n" + Files.readString(LOGS.resolve("learn-exercise-connections-deviceDisconnect-404104.json")));
        Read read = Read.of(file);
        assertThat(read.rows()).extracting(ConnectionLogRow::operationName)
                .containsExactly("deviceConnect", "deviceDisconnect");
    }

    @Test
    void docConnectionsSampleHasAPlaceholderTimeAndIsRefused() throws Exception {
        // The documentation's record has " UTC timestamp" where the time goes: not usable as evidence.
        Path sample = LOGS.resolve("doc-monitor-iot-hub-reference-connections-category.json");
        BadInput.of(sample).contains("row 1 (line 12, column 10): time ' UTC timestamp' is not a timestamp");
    }

    @Test
    void docConnectionsSampleWithARealTimeReducesItsEmbeddedAuthType() throws Exception {
        String text = Files.readString(LOGS.resolve("doc-monitor-iot-hub-reference-connections-category.json"))
                .replace("\" UTC timestamp\"", "\"2026-11-26T10:41:02Z\"");
        Read read = Read.of(Read.write(dir, "doc.json", text));
        assertThat(read.stats().format()).isEqualTo(LogFormat.RESOURCE_LOG_RECORDS);
        assertThat(read.only()).isEqualTo(new ConnectionLogRow(Instant.parse("2026-11-26T10:41:02Z"),
                "deviceConnect", "Information", "", "", "<deviceId>", "<protocol>", "device/sas",
                "<maskedIpAddress>", "<sdkVersion>", "", ""));
    }

    @Test
    void routesSampleIsSkippedAndCounted() throws Exception {
        Read read = Read.of(LOGS.resolve("doc-monitor-iot-hub-reference-routes-category.json"));
        assertThat(read.rows()).isEmpty();
        assertThat(read.stats().skippedOtherCategories()).isEqualTo(1);
        assertThat(read.stats().format()).isEqualTo(LogFormat.RESOURCE_LOG_RECORDS);
    }

    @Test
    void docResponseFormatIsASummaryNotConnectionRows() throws Exception {
        // Category + count_: the shape of a Log Analytics response, but a summarised query, not rows.
        BadInput.of(LA.resolve("doc-response-format-200.json"))
                .contains("is a Log Analytics response but not connection logs")
                .contains("table PrimaryResult lacks the columns connection logs need: missing TimeGenerated, "
                        + "OperationName, properties_s (or DeviceId) (it has Category, count_)");
    }

    @Test
    void restApiExamplesOfOtherTablesNameTheMissingColumns() throws Exception {
        BadInput.of(LA.resolve("v1_oms-post-example.json"))
                .contains("missing OperationName, properties_s (or DeviceId)")
                .contains("it has TenantId, Computer, TimeGenerated");
        BadInput.of(LA.resolve("2022-10-27_la-post-resource-centric-example.json"))
                .contains("missing TimeGenerated").contains("it has OperationName, count_");
    }

    @ParameterizedTest
    @ValueSource(strings = {"doc-error-400-syntax.json", "doc-error-401-no-auth.json",
            "doc-error-403-client-credentials-direct-api.json", "doc-error-403-insufficient-access.json",
            "doc-error-403-invalid-token.json", "doc-error-403-wrong-audience.json",
            "doc-error-404-path-not-found.json"})
    void errorSamplesAreNamedAsErrorResponses(String name) throws Exception {
        String code = new com.fasterxml.jackson.databind.ObjectMapper().readTree(LA.resolve(name).toFile())
                .path("error").path("code").asText();
        BadInput.of(LA.resolve(name)).contains("is an error response, not query results: " + code);
    }

    @Test
    void renderSampleIsNotValidJson() throws Exception {
        BadInput.of(LA.resolve("doc-prefer-include-render-response.txt"))
                .contains("malformed JSON at line 2, column").contains("/tables");
    }
}
