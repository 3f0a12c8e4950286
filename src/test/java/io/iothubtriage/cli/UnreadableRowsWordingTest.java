package io.iothubtriage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.testing.ExportWriter;
import io.iothubtriage.testing.ExportWriter.Format;
import io.iothubtriage.testing.ExportWriter.Options;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unreadable error rows: one rule decides whether they matter, and the finding, the confidence and the headline
 * all follow it; when they fall in the incident's minutes the headline says the count before it may be short.
 * A site of 60 devices drops with 404104 at 10:41; {@code lost} more of its devices drop in the same minute, or
 * earlier, with rows whose properties_s is blank.
 */
class UnreadableRowsWordingTest {

    private static final HubId HUB = HubId.parse("/subscriptions/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/"
            + "iot-prod-rg/providers/Microsoft.Devices/IotHubs/contoso-hub");
    private static final String SITE = "203.0.113.XXX";
    private static final String[] ELSEWHERE = {"198.51.100.XXX", "192.0.2.XXX", "100.64.1.XXX", "100.64.2.XXX"};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static ConnectionLogRow row(Instant t, String op, String code, String device, String ip) {
        boolean error = !code.isEmpty();
        return new ConnectionLogRow(t, op, error ? "Error" : "Information", code,
                error ? "DeviceConnectionClosedRemotely" : "", device, "Mqtt", "device/sas", ip,
                "azure-iot-device/1.18.2", error ? "404" : "", "");
    }

    /**
     * 240 devices elsewhere and 60 at the site connect at 09:00 and again inside the window (and the 240 once more
     * after it, so the data reach past the incident); the 60 drop with 404104
     * from 10:41:00, one a second; {@code lost} more site devices drop at {@code lostAt} + one a second, their rows
     * to be written unreadable.
     */
    private static List<ConnectionLogRow> rows(int lost, Instant lostAt) {
        List<ConnectionLogRow> out = new ArrayList<>();
        Instant baseline = Instant.parse("2026-01-15T09:00:00Z");
        Instant inWindow = Instant.parse("2026-01-15T10:15:00Z");
        Instant drop = Instant.parse("2026-01-15T10:41:00Z");
        Instant afterWindow = Instant.parse("2026-01-15T10:47:00Z");
        for (int i = 0; i < 240; i++) {
            String id = String.format("pump-%03d", i);
            String ip = ELSEWHERE[i % ELSEWHERE.length];
            out.add(row(baseline.plusSeconds(i), ConnectionLogRow.CONNECT, "", id, ip));
            out.add(row(inWindow.plusSeconds(i), ConnectionLogRow.CONNECT, "", id, ip));
            // rows after the window, so the site's errors are not at the edge of the data
            out.add(row(afterWindow.plusSeconds(i), ConnectionLogRow.CONNECT, "", id, ip));
        }
        for (int i = 0; i < 60; i++) {
            String id = String.format("gate-%03d", i);
            out.add(row(baseline.plusSeconds(300 + i), ConnectionLogRow.CONNECT, "", id, SITE));
            out.add(row(inWindow.plusSeconds(300 + i), ConnectionLogRow.CONNECT, "", id, SITE));
            out.add(row(drop.plusMillis(900L * i), ConnectionLogRow.DISCONNECT, "404104", id, SITE));
        }
        for (int i = 0; i < lost; i++) {
            out.add(row(lostAt.plusMillis(700L * i), ConnectionLogRow.DISCONNECT, "404104", lostId(i), SITE));
        }
        return out;
    }

    private static String lostId(int i) {
        return String.format("lost-%03d", i);
    }

    private static JsonNode triage(String name, Format f, int lost, Instant lostAt) throws IOException {
        return triage(name, f, lost, lostAt, List.of());
    }

    /** As above, with {@code more} rows added to the export. */
    private static JsonNode triage(String name, Format f, int lost, Instant lostAt, List<ConnectionLogRow> more)
            throws IOException {
        List<ConnectionLogRow> all = new ArrayList<>(rows(lost, lostAt));
        all.addAll(more);
        Set<String> blank = new HashSet<>();
        for (int i = 0; i < lost; i++) {
            blank.add("device:" + lostId(i));
        }
        Path file = dir.resolve(name + "-" + f + (f == Format.PORTAL_CSV ? ".csv" : ".json"));
        ExportWriter.write(file, f, all, Options.realistic().hub(HUB).otherCategoryEvery(0)
                .blankProperties(blank));
        TriageCommandTest.Run r = TriageCommandTest.cli("triage", "--hub", HUB.resourceId(),
                "--from", "2026-01-15T10:11:00Z", "--to", "2026-01-15T10:46:00Z", "--logs", file.toString(),
                "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    private static String confidenceSentence(JsonNode r) {
        JsonNode findings = r.path("findings");
        return findings.get(findings.size() - 1).asText();
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void aLargeShareInTheIncidentsMinuteLowersConfidenceAndEverySentenceSaysSo(Format f) throws IOException {
        JsonNode r = triage("large", f, 20, Instant.parse("2026-01-15T10:41:20Z"));
        assertThat(r.path("verdict").asText()).isEqualTo("DEVICE_NETWORK_OR_KEEPALIVE");
        assertThat(r.path("scope").path("affectedDevices").asInt()).isEqualTo(60);
        assertThat(r.path("inputs").path("unreadableWindowErrors").asInt()).isEqualTo(20);
        assertThat(r.path("confidence").asText()).isEqualTo("LOW");
        assertThat(confidenceSentence(r))
                .isEqualTo("Confidence LOW: 20 error rows in the window (25 % of them) could not be read.");
        assertThat(r.path("findings").get(0).asText()).startsWith("20 error rows in the window could not be read")
                .endsWith("so their devices are unknown: they cannot change the verdict, but at 25 % of the "
                        + "window's error rows they leave the device counts in doubt.")
                .doesNotContain("too few");
        assertThat(r.path("headline").asText()).isEqualTo("60 devices behind 203.0.113.XXX lost their connections "
                + "at 10:41 UTC (404104) and none had reconnected by 10:50 UTC, the end of the data; 20 more error "
                + "rows of the same minute could "
                + "not be read; hub health is unknown (no Resource Health file was given).");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void aFewInTheIncidentsMinuteAreTooFewButTheHeadlineStillCountsThem(Format f) throws IOException {
        JsonNode r = triage("few", f, 2, Instant.parse("2026-01-15T10:41:20Z"));
        assertThat(r.path("findings").get(0).asText()).startsWith("2 error rows in the window could not be read")
                .endsWith("so their devices are unknown: too few to change the verdict.");
        assertThat(confidenceSentence(r)).doesNotContain("error rows");
        assertThat(r.path("headline").asText())
                .contains("(404104) and none had reconnected by 10:50 UTC, the end of the data; 2 more error rows "
                        + "of the same minute could not be "
                        + "read; ");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void unreadableRowsBeforeTheIncidentAreNotInTheHeadline(Format f) throws IOException {
        JsonNode r = triage("before", f, 2, Instant.parse("2026-01-15T10:20:00Z"));
        assertThat(r.path("inputs").path("unreadableWindowErrors").asInt()).isEqualTo(2);
        assertThat(r.path("headline").asText()).isEqualTo("60 devices behind 203.0.113.XXX lost their connections "
                + "at 10:41 UTC (404104) and none had reconnected by 10:50 UTC, the end of the data; hub health is "
                + "unknown (no Resource Health file "
                + "was given).");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void theWindowsSentenceNamesTheWindowsReasonsOnlyNotTheBaselines(Format f) throws IOException {
        // three baseline error rows without a deviceId: unreadable for another reason than the window's blank ones
        List<ConnectionLogRow> noDevice = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            noDevice.add(row(Instant.parse("2026-01-15T09:30:00Z").plusSeconds(i), ConnectionLogRow.DISCONNECT,
                    "404104", "", SITE));
        }
        JsonNode r = triage("reasons", f, 20, Instant.parse("2026-01-15T10:41:20Z"), noDevice);

        assertThat(r.path("inputs").path("unreadable").asInt()).isEqualTo(23);
        assertThat(r.path("inputs").path("unreadableReasons").findValuesAsText("name")).hasSize(2);
        assertThat(r.path("findings").get(0).asText()).startsWith("20 error rows in the window could not be read"
                + " (properties_s missing or blank; 20 with 404104), so their devices are unknown");
        // the gap counts every unreadable row, each reason with its own count
        assertThat(r.path("gaps").get(0).path("reason").asText()).startsWith("23 rows could not be read (")
                .contains("properties_s missing or blank: 20").contains(": 3)")
                .endsWith("20 error rows of them in the window");
    }
}
