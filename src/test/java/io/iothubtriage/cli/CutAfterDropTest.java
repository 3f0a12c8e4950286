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
 * An export cut two minutes after a drop: the drop's devices sit at the edge of the data (their follow-up unseen) and
 * the rest of the window is not in the file, so no verdict is drawn; but the report still says what the rows that
 * exist show (how many devices, which code, when) and why the verdict is withheld (where the export stops).
 */
class CutAfterDropTest {

    @TempDir
    Path dir;

    /**
     * 100 devices reconnect every 5 minutes from the day before; 20 behind one site drop with 404104 from 10:30:00,
     * one every 3 seconds, and log nothing more; the export stops at 10:31:55.
     */
    private static List<ConnectionLogRow> cutAfterDrop() {
        return cutAfterDrop(20);
    }

    /** As above, with {@code dropped} devices of the site dropping. */
    private static List<ConnectionLogRow> cutAfterDrop(int dropped) {
        List<ConnectionLogRow> rows = new ArrayList<>();
        Instant drop = at("10:30:00");
        Instant end = at("10:31:55");
        for (Instant t = at("10:11:00").minusSeconds(24 * 3600); !t.isAfter(end); t = t.plusSeconds(300)) {
            for (int d = 0; d < 100; d++) {
                Instant c = t.plusSeconds(d);
                boolean site = d < dropped;
                if (c.isAfter(end) || (site && !c.isBefore(drop))) {
                    continue;
                }
                rows.add(row(c, ConnectionLogRow.CONNECT, "", "meter-" + d, site ? "203.0.113.XXX" : "198.51.100.XXX"));
            }
        }
        for (int d = 0; d < dropped; d++) {
            rows.add(row(drop.plusSeconds(3L * d), ConnectionLogRow.DISCONNECT, "404104", "meter-" + d,
                    "203.0.113.XXX"));
        }
        rows.add(row(end, ConnectionLogRow.CONNECT, "", "meter-99", "198.51.100.XXX"));
        return rows;
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void theWithheldVerdictStillSaysWhatTheRowsShowAndWhereTheExportStops(Format format) throws IOException {
        JsonNode r = SmallExport.triage(dir, format, cutAfterDrop(), Options.realistic());

        assertThat(r.path("verdict").asText()).isEqualTo("INSUFFICIENT_EVIDENCE");
        assertThat(r.path("headline").asText()).contains("the rows they hold end with 20 devices failing with 404104"
                + " (DeviceConnectionClosedRemotely) at 10:30 UTC, too close to their end (10:31 UTC) to tell whether"
                + " those devices came back");
        assertThat(texts(r.path("findings"))).contains("The export's last 2 minutes show 20 devices failing with"
                + " 404104 (DeviceConnectionClosedRemotely) at 10:30 UTC, but it stops at 10:31 UTC, before their"
                + " follow-up (a reconnect, or none) can be seen: they cannot be judged, and the rest of the window"
                + " is not in the export, so no verdict is drawn.");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void aFewDevicesFailingAtTheCutAreNotCalledADrop(Format format) throws IOException {
        JsonNode r = SmallExport.triage(dir, format, cutAfterDrop(3), Options.realistic());

        assertThat(r.path("verdict").asText()).isEqualTo("INSUFFICIENT_EVIDENCE");
        assertThat(r.path("headline").asText()).doesNotContain("the rows they hold end with");
        assertThat(texts(r.path("findings"))).noneMatch(f -> f.startsWith("The export's last 2 minutes show"));
    }
}
