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
import java.util.ArrayList;
import java.util.List;

import static io.iothubtriage.cli.SmallExport.at;
import static io.iothubtriage.cli.SmallExport.row;
import static io.iothubtriage.cli.SmallExport.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file of a handful of rows has no rate to tell a quiet hub from an export that holds nothing more: it covers the
 * time its rows span, not the window, so a verdict drawn from the silence around them is withheld.
 */
class FewRowsCoverageTest {

    @TempDir
    Path dir;

    private static List<ConnectionLogRow> connectsAt(String hhmmss, int devices) {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            rows.add(row(at(hhmmss), "deviceConnect", "", "meter-" + d, "203.0.113.XXX"));
        }
        return rows;
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void oneRowIsAGapNotAQuietHub(Format format) throws IOException {
        JsonNode r = SmallExport.triage(dir, format, connectsAt("10:20:05", 1), Options.realistic());

        assertThat(r.path("verdict").asText()).isEqualTo("INSUFFICIENT_EVIDENCE");
        assertThat(r.path("confidence").asText()).isEqualTo("LOW");
        assertThat(r.path("gaps").findValuesAsText("reason")).contains("the logs hold only 1 row of the hub, at"
                + " 2026-01-15 10:20:05 UTC: so few rows cannot show that the export covers the rest of the window"
                + " 2026-01-15 10:11–10:46 UTC");
        assertThat(r.path("headline").asText()).contains("the logs hold only 1 row of the hub")
                .doesNotContain("No device logged");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void threeRowsAtOneInstantCoverThatInstantWithNoInventedRate(Format format) throws IOException {
        JsonNode r = SmallExport.triage(dir, format, connectsAt("10:20:05", 3), Options.realistic());

        assertThat(r.path("verdict").asText()).isEqualTo("INSUFFICIENT_EVIDENCE");
        assertThat(r.path("gaps").findValuesAsText("reason")).containsExactly("the logs hold only 3 rows of the hub,"
                + " all at 2026-01-15 10:20:05 UTC: so few rows cannot show that the export covers the rest of the"
                + " window 2026-01-15 10:11–10:46 UTC", "no --health file given", "no --metrics file given");
        assertThat(texts(r.path("findings"))).noneMatch(f -> f.contains("at its rate in the export"));
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void aFewRowsSpanningTheWholeWindowAreAQuietHub(Format format) throws IOException {
        List<ConnectionLogRow> rows = new ArrayList<>(connectsAt("10:11:30", 1));
        rows.addAll(connectsAt("10:45:10", 1));

        JsonNode r = SmallExport.triage(dir, format, rows, Options.realistic());

        assertThat(r.path("verdict").asText()).isEqualTo("NO_CONNECTION_ERRORS");
        assertThat(r.path("gaps").findValuesAsText("reason")).containsExactly("no --health file given",
                "no --metrics file given");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void anExportWithNoRowBeforeTheWindowSaysSoWithoutATimeSpan(Format format) throws IOException {
        List<ConnectionLogRow> rows = new ArrayList<>(connectsAt("10:11:30", 1));
        rows.add(row(at("10:30:00"), "deviceConnect", "401003", "meter-7", "203.0.113.XXX"));
        rows.addAll(connectsAt("10:45:10", 1));

        JsonNode r = SmallExport.triage(dir, format, rows, Options.realistic());

        assertThat(texts(r.path("findings"))).contains("The logs given hold no Connections rows before the window, so "
                + "error rates cannot be compared with a baseline.").noneMatch(f -> f.contains("previous 0"));
    }
}
