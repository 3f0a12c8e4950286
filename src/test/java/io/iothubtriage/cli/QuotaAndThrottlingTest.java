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
 * 40 devices refused over a used-up daily quota (403002), 6 of them throttled (429001) just before it ran out: the
 * report speaks of the quota for the many and of throttling for the few, and gives no back-off step that cannot help.
 */
class QuotaAndThrottlingTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void aFewThrottledBeforeTheQuotaRanOutDoNotMakeTheRestThrottled(Format format) throws IOException {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int d = 0; d < 40; d++) {
            String device = "meter-" + d;
            Instant drop = SmallExport.at("10:21:00").plusSeconds(d);
            rows.add(SmallExport.row(drop, "deviceDisconnect", "404104", device, "198.51.100.XXX"));
            if (d < 6) {
                rows.add(SmallExport.row(drop.plusSeconds(10), "deviceConnect", "429001", device, "198.51.100.XXX"));
            }
            for (Instant t = drop.plusSeconds(30); t.isBefore(SmallExport.at("10:48:00")); t = t.plusSeconds(60)) {
                rows.add(SmallExport.row(t, "deviceConnect", "403002", device, "198.51.100.XXX"));
            }
        }
        rows.sort((a, b) -> b.time().compareTo(a.time()));
        JsonNode r = SmallExport.triage(dir, format, rows, Options.realistic());

        assertThat(r.path("verdict").asText()).isEqualTo("THROTTLING_OR_QUOTA");
        assertThat(r.path("headline").asText()).contains("were refused over the hub's used-up daily message quota")
                .doesNotContain("throttled");
        List<String> steps = SmallExport.texts(r.path("actions"));
        assertThat(steps).anyMatch(s -> s.endsWith(": 6 devices were throttled (429001)."))
                .noneMatch(s -> s.startsWith("Spread reconnects"));
    }
}
