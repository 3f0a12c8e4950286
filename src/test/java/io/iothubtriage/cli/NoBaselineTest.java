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
 * An export that holds no row before the window has no baseline: its error codes' baseline is "not known" (null in
 * the JSON, "–" in the table, "no baseline" in the cards), never 0, which would read as "never happened before".
 */
class NoBaselineTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void aCodeWithoutABaselineHasNoBaselineCount(Format format) throws IOException {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int d = 0; d < 60; d++) {
            Instant t = SmallExport.at("10:20:00").plusSeconds(17L * d);
            rows.add(SmallExport.row(t, "deviceConnect", "401003", "dev-" + d, "198.51.100.XXX"));
        }
        rows.sort((a, b) -> b.time().compareTo(a.time()));
        JsonNode r = SmallExport.triage(dir, format, rows, Options.realistic());

        assertThat(r.path("errors").get(0).path("code").asText()).isEqualTo("401003");
        assertThat(r.path("errors").get(0).path("baselineEvents").isNull()).as(r.path("errors").toString()).isTrue();
        assertThat(r.path("findings").toString()).contains("cannot be compared with a baseline");
    }
}
