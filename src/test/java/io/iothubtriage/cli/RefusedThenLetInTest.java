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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 20 devices signing with their device keys are refused (401003) every 30 s from 10:20; 8 of them are let in again
 * at 10:35 (their keys fixed), 12 are refused to the end of the data. The key step says they were refused and what
 * became of them, not that all "are refused on reconnect".
 */
class RefusedThenLetInTest {

    @TempDir
    Path dir;

    private static List<ConnectionLogRow> rows(int letIn) {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int d = 0; d < 20; d++) {
            String id = String.format("meter-%03d", d);
            rows.add(SmallExport.row(SmallExport.at("09:00:00").plusSeconds(d), "deviceConnect", "", id, "198.51.100.XXX"));
            Instant drop = SmallExport.at("10:20:00").plusSeconds(d);
            rows.add(SmallExport.row(drop, "deviceDisconnect", "404104", id, "198.51.100.XXX"));
            Instant end = d < letIn ? SmallExport.at("10:35:00") : SmallExport.at("10:48:00");
            for (Instant t = drop.plusSeconds(30); t.isBefore(end); t = t.plusSeconds(30)) {
                rows.add(SmallExport.row(t, "deviceConnect", "401003", id, "198.51.100.XXX"));
            }
            if (d < letIn) {
                rows.add(SmallExport.row(end.plusSeconds(d), "deviceConnect", "", id, "198.51.100.XXX"));
            }
        }
        for (int d = 0; d < 100; d++) {
            rows.add(SmallExport.row(SmallExport.at("10:47:00").plusSeconds(d), "deviceConnect", "",
                    String.format("other-%03d", d), "192.0.2.XXX"));
        }
        rows.sort((a, b) -> b.time().compareTo(a.time()));
        return rows;
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void devicesLetInAgainAreNotSaidToBeRefused(Format format) throws IOException {
        JsonNode some = SmallExport.triage(dir, format, rows(8), Options.realistic());
        assertThat(some.path("verdict").asText()).isEqualTo("AUTHENTICATION_FAILURES");
        assertThat(String.join(" ", SmallExport.texts(some.path("actions"))))
                .contains("20 devices authenticating with device/sas were refused on reconnect (8 let in again later,"
                        + " 12 not by the end of the data).")
                .doesNotContain("are refused on reconnect");

        JsonNode none = SmallExport.triage(dir, format, rows(0), Options.realistic());
        assertThat(String.join(" ", SmallExport.texts(none.path("actions"))))
                .contains("20 devices authenticating with device/sas are refused on reconnect.");
    }
}
