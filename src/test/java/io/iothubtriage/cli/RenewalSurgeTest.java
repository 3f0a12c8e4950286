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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reconnects shaped like SAS renewals (404104, back within seconds) that repeat every 12 minutes from 10:12 on 40
 * devices of one site, never seen before the window, beside 100 devices that renew hourly all day (70 of them in the
 * window): each looks like a renewal, but no token lives 12 minutes, so the confidence names them as a reason, the
 * finding counts the renewals beyond one per device and the first step sends the engineer to those devices. The
 * same hub renewing hourly (a wave, each device once) gets none of this.
 */
class RenewalSurgeTest {

    @TempDir
    Path dir;

    private static List<ConnectionLogRow> rows(boolean cutEvery12Minutes) {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int d = 0; d < 100; d++) {
            String id = String.format("meter-%03d", d);
            for (Instant t = SmallExport.at("10:00:00").minus(Duration.ofHours(24)).plusSeconds(d * 30L);
                 t.isBefore(SmallExport.at("10:50:00")); t = t.plus(Duration.ofHours(1))) {
                rows.add(SmallExport.row(t, "deviceDisconnect", "404104", id, "198.51.100.XXX"));
                rows.add(SmallExport.row(t.plusSeconds(15), "deviceConnect", "", id, "198.51.100.XXX"));
            }
        }
        for (int d = 0; d < 40; d++) {
            String id = String.format("hvac-%03d", d);
            rows.add(SmallExport.row(SmallExport.at("08:00:00").plusSeconds(d), "deviceConnect", "", id, "203.0.113.XXX"));
            if (cutEvery12Minutes) {
                for (Instant t = SmallExport.at("10:12:00").plusSeconds(d); t.isBefore(SmallExport.at("10:50:00"));
                     t = t.plus(Duration.ofMinutes(12))) {
                    rows.add(SmallExport.row(t, "deviceDisconnect", "404104", id, "203.0.113.XXX"));
                    rows.add(SmallExport.row(t.plusSeconds(8), "deviceConnect", "", id, "203.0.113.XXX"));
                }
            }
        }
        for (int d = 0; d < 3; d++) {
            String id = String.format("clean-%03d", d);
            rows.add(SmallExport.row(SmallExport.at("10:20:00").plusSeconds(d), "deviceDisconnect", "", id, "192.0.2.XXX"));
        }
        rows.sort((a, b) -> b.time().compareTo(a.time()));
        return rows;
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void renewalShapedReconnectsFasterThanAnyTokenLifetimeAreNotSetAsideAtHighConfidence(Format format)
            throws IOException {
        JsonNode surge = SmallExport.triage(dir, format, rows(true), Options.realistic());
        assertThat(surge.path("confidence").asText()).isEqualTo("MEDIUM");
        assertThat(surge.path("noise").path("sasRenewalDevices").asInt()).isEqualTo(110);
        assertThat(String.join(" ", SmallExport.texts(surge.path("findings"))))
                .contains("110 devices were only renewing SAS tokens (190 events) and set aside as noise, though 80 of"
                        + " the 190 came on top of one per device in the window's 35 min (in the previous 24 h, about one"
                        + " per device every 60 minutes): more often than tokens are renewed")
                .contains("reconnects set aside as SAS renewals repeated faster than tokens are renewed");
        assertThat(SmallExport.texts(surge.path("actions")).get(0))
                .startsWith("Check the devices counted as only renewing SAS tokens that reconnected again and again");

        JsonNode hourly = SmallExport.triage(dir, format, rows(false), Options.realistic());
        assertThat(hourly.path("noise").path("sasRenewalDevices").asInt()).isEqualTo(70);
        assertThat(String.join(" ", SmallExport.texts(hourly.path("findings"))))
                .doesNotContain("far more often");
        assertThat(SmallExport.texts(hourly.path("actions")).get(0)).doesNotStartWith("Check the");
    }
}
