package io.iothubtriage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.testing.ExportWriter.Format;
import io.iothubtriage.testing.ExportWriter.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.iothubtriage.cli.SmallExport.at;
import static org.assertj.core.api.Assertions.assertThat;

/** Numbers in sentences read as a person writes them: the singular for one, "none" for zero, periods in whole units. */
class ReportGrammarTest {

    @TempDir
    Path dir;

    private static ConnectionLogRow row(Instant t, String op, String code, String device, String site) {
        boolean error = !code.isEmpty();
        return new ConnectionLogRow(t, op, error ? "Error" : "Information", code,
                error ? "DeviceConnectionClosedRemotely" : "", device, "Mqtt", "device/sas", site,
                "azure-iot-sdk-c/1.13.0", error ? code.substring(0, 3) : "", "");
    }

    /** Devices of another site that only connect: active, and never behind the incident's address. */
    private static void quietFleet(List<ConnectionLogRow> rows, int n) {
        for (int i = 0; i < n; i++) {
            rows.add(row(at("10:12:00").plusSeconds(i), "deviceConnect", "", String.format("quiet-%03d", i),
                    "198.51.100.XXX"));
        }
        rows.add(row(at("10:45:50"), "deviceConnect", "", "quiet-000", "198.51.100.XXX"));
    }

    private JsonNode triage(List<ConnectionLogRow> rows) throws IOException {
        return SmallExport.triage(dir, Format.LOG_ANALYTICS_RESPONSE, rows, Options.plain());
    }

    @Test
    void aSiteNoOtherDeviceSharesIsSaidToBeSharedByNone() throws IOException {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(row(at("10:41:00").plusSeconds(i), "deviceDisconnect", "404104", String.format("site-%03d", i),
                    "203.0.113.XXX"));
        }
        quietFleet(rows, 30);
        JsonNode r = triage(rows);

        assertThat(r.path("scope").path("kind").asText()).isEqualTo("SUBSET");
        assertThat(r.path("findings").toString())
                .contains("20 of the 20 (100 %) sit behind 203.0.113.XXX, while none of the other active devices do "
                        + "(0 of 30).")
                .doesNotContain("only 0 %");
    }

    @Test
    void oneErrorRowSetAsideReadsInTheSingular() throws IOException {
        List<ConnectionLogRow> rows = new ArrayList<>();
        rows.add(row(at("10:20:00"), "deviceDisconnect", "404104", "renewer", "198.51.100.XXX"));
        rows.add(row(at("10:20:20"), "deviceConnect", "", "renewer", "198.51.100.XXX"));
        quietFleet(rows, 10);
        JsonNode r = triage(rows);

        assertThat(r.path("verdict").asText()).isEqualTo("NO_CONNECTION_ERRORS");
        assertThat(r.path("headline").asText()).startsWith("No device disconnected cleanly in 10:11–10:46 UTC; the "
                + "1 error row logged was set aside as noise (SAS-token renewals)");
    }

    /** The headline names only the kinds of noise the rows held: here an error at the edge of the data, no renewal. */
    @Test
    void theNoiseSetAsideIsNamedOnlyByTheKindsTheRowsHeld() throws IOException {
        List<ConnectionLogRow> rows = new ArrayList<>();
        // its only error in the last 2 minutes of the data (which ends at the quiet fleet's 10:45:50 row)
        rows.add(row(at("10:45:00"), "deviceDisconnect", "404104", "late", "192.0.2.XXX"));
        quietFleet(rows, 10);
        JsonNode r = triage(rows);

        assertThat(r.path("headline").asText()).startsWith("No device disconnected cleanly in 10:11–10:46 UTC; the "
                + "1 error row logged was set aside as noise (errors at the edge of the data)")
                .doesNotContain("SAS-token");
    }

    @Test
    void aFlappingPeriodReadsInWholeMinutes() throws IOException {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int d = 0; d < 8; d++) {
            String id = String.format("site-%03d", d);
            // a drop every 4 minutes and a half-second or so, each followed by a reconnect 15 s later
            for (int k = 0; k < 6; k++) {
                Instant t = at("10:20:00").plusMillis(k * 239_500L + d * 100L);
                rows.add(row(t, "deviceDisconnect", "404104", id, "203.0.113.XXX"));
                rows.add(row(t.plusSeconds(15), "deviceConnect", "", id, "203.0.113.XXX"));
            }
        }
        quietFleet(rows, 40);
        JsonNode r = triage(rows);

        assertThat(r.path("verdict").asText()).isEqualTo("DEVICE_NETWORK_OR_KEEPALIVE");
        assertThat(r.path("headline").asText())
                .contains("and all keep reconnecting and dropping again (about every 4 minutes)")
                .doesNotContain("239");
    }

    @Test
    void oneDeviceAtTheEdgeOfTheDataReadsInTheSingular() throws IOException {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(row(at("10:30:00").plusSeconds(i), "deviceDisconnect", "404104", String.format("site-%03d", i),
                    "203.0.113.XXX"));
        }
        // its only error in the last 2 minutes of the data (which ends at the quiet fleet's 10:45:50 row)
        rows.add(row(at("10:45:00"), "deviceDisconnect", "404104", "late", "192.0.2.XXX"));
        quietFleet(rows, 30);
        JsonNode r = triage(rows);

        assertThat(r.path("findings").toString())
                .contains("1 device had errors only in the last 2 minutes of the data (1 event); it is not counted "
                        + "until its follow-up is visible.")
                .doesNotContain("they are not counted");
    }
}
