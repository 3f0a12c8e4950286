package io.iothubtriage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.testing.ExportWriter.Format;
import io.iothubtriage.testing.ExportWriter.Options;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.iothubtriage.cli.SmallExport.at;
import static io.iothubtriage.cli.SmallExport.row;
import static io.iothubtriage.cli.SmallExport.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A NO_CONNECTION_ERRORS report names the clean disconnects' own times and counts, on the three export formats: not
 * the minute of an hourly SAS-renewal wave, nor an error burst at the edge of the data, and its next steps count the
 * same devices as its headline.
 */
class CleanDisconnectWordsTest {

    @TempDir
    Path dir;

    /**
     * 120 devices renew their tokens at 10:30 (404104, back within 40 s), as they did an hour and a day before;
     * four disconnect cleanly at 10:22, 10:31, 10:37 and 10:38; and 30 devices of another site drop at 10:44:30, in
     * the last 2 minutes of the data.
     */
    private static List<ConnectionLogRow> rows(List<String> cleanTimes) {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String id = String.format("renewer-%03d", i);
            for (String hour : List.of("2026-01-14T10:30:", "2026-01-15T09:30:", "2026-01-15T10:30:")) {
                Instant t = Instant.parse(hour + String.format("%02d", i % 50) + "Z");
                rows.add(row(t, "deviceDisconnect", "404104", id, "198.51.100.XXX"));
                rows.add(row(t.plusSeconds(20), "deviceConnect", "", id, "198.51.100.XXX"));
            }
        }
        for (int i = 0; i < cleanTimes.size(); i++) {
            String id = String.format("clean-%03d", i);
            rows.add(row(at("10:12:00").plusSeconds(i), "deviceConnect", "", id, "192.0.2.XXX"));
            rows.add(row(at(cleanTimes.get(i)), "deviceDisconnect", "", id, "192.0.2.XXX"));
        }
        for (int i = 0; i < 30; i++) {
            rows.add(row(at("10:44:30").plusSeconds(i), "deviceDisconnect", "404104", String.format("edge-%03d", i),
                    "203.0.113.XXX"));
        }
        return rows;
    }

    private JsonNode triage(Format f, List<ConnectionLogRow> rows) throws IOException {
        return SmallExport.triage(dir, f, rows, Options.realistic());
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void theHeadlineAndTheStepsNameTheCleanDisconnectsOwnTimesAndCount(Format f) throws IOException {
        JsonNode r = triage(f, rows(List.of("10:22:26", "10:31:27", "10:37:55", "10:38:41")));

        assertThat(r.path("verdict").asText()).isEqualTo("NO_CONNECTION_ERRORS");
        String headline = r.path("headline").asText();
        assertThat(headline).startsWith("4 devices disconnected cleanly between 10:22 and 10:38 UTC ")
                .doesNotContain("10:30").doesNotContain("10:44")
                // the edge could turn the verdict: the headline draws no conclusion from the clean disconnects
                .contains(", but 30 devices logged errors in the data's last 2 minutes, too recent to judge and "
                        + "enough to change this verdict; ")
                .doesNotContain("points at a shutdown");
        List<String> actions = texts(r.path("actions"));
        // the 30 devices at the edge are enough to turn the verdict: rerunning comes first, and says how many
        assertThat(actions.get(0)).startsWith("Export the hub's Connections rows again, to a few minutes past the"
                + " data's end, and rerun the triage: 30 devices logged errors only in the last 2 minutes of the data"
                + " (to 10:44 UTC)");
        assertThat(actions.get(1)).startsWith("Ask the owners of the 4 devices that disconnected cleanly between "
                + "10:22 and 10:38 UTC whether they were shut down");
        // the renewal wave is noise, counted as such: only-renewing devices, none of them a cleanly disconnected one
        assertThat(r.path("noise").path("sasRenewalDevices").asInt()).isEqualTo(120);
        assertThat(r.path("noise").path("edgeOfDataDevices").asInt()).isEqualTo(30);
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void oneMinuteHoldingMostOfTheCleanDisconnectsIsNamedAsWell(Format f) throws IOException {
        List<String> times = new ArrayList<>(List.of("10:15:10", "10:20:00", "10:43:59"));
        for (int i = 0; i < 40; i++) {
            times.add(String.format("10:41:%02d", i));
        }
        JsonNode r = triage(f, rows(times));

        assertThat(r.path("headline").asText())
                .startsWith("43 devices disconnected cleanly between 10:15 and 10:43 UTC, mostly at 10:41 UTC, without "
                        + "connection errors");
        assertThat(texts(r.path("actions"))).anySatisfy(a -> assertThat(a).startsWith("Ask the owners of the 43 "
                + "devices that disconnected cleanly between 10:15 and 10:43 UTC, mostly at 10:41 UTC, whether"));
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void aShutdownOverTwoMinutesAmidChurnIsNamedAsItsMinutes(Format f) throws IOException {
        // a site powers down over 10:41 and 10:42 while a few devices disconnect cleanly all along
        List<String> times = new ArrayList<>(List.of("10:15:10", "10:20:00", "10:28:00", "10:33:00", "10:43:59"));
        for (int i = 0; i < 30; i++) {
            times.add(String.format("10:41:%02d", 20 + i));
            times.add(String.format("10:42:%02d", i));
        }
        JsonNode r = triage(f, rows(times));

        assertThat(r.path("headline").asText()).startsWith(
                "65 devices disconnected cleanly between 10:15 and 10:43 UTC, mostly in 10:41–10:42 UTC, without "
                        + "connection errors");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void oneCleanDisconnectReadsInTheSingular(Format f) throws IOException {
        JsonNode r = triage(f, rows(List.of("10:22:53")));

        assertThat(r.path("headline").asText()).startsWith("1 device disconnected cleanly at 10:22 UTC ");
        assertThat(texts(r.path("actions"))).anySatisfy(a -> assertThat(a).startsWith(
                "Ask the owner of the device that disconnected cleanly at 10:22 UTC whether it was shut down, lost "
                        + "power or was restarted"));
    }
}
