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

import static io.iothubtriage.cli.SmallExport.at;
import static io.iothubtriage.cli.SmallExport.row;
import static io.iothubtriage.cli.SmallExport.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Devices that have flapped all day are no part of a site's outage: not counted in its devices, its time or its rate,
 * and said apart in a finding of their own, on the three export formats.
 */
class ChronicDevicesWordsTest {

    private static final Instant BASELINE_START = Instant.parse("2026-01-14T10:11:00Z");
    private static final Instant DATA_END = at("10:50:00");

    @TempDir
    Path dir;

    /**
     * Four devices at three other sites drop (404104) and come back a second later every 2 minutes, all day and
     * through the window; 40 devices behind 203.0.113.XXX drop at 10:41 and stay away; 30 devices of another site
     * connect in the window and stay.
     */
    private static List<ConnectionLogRow> rows() {
        List<ConnectionLogRow> rows = new ArrayList<>();
        String[] sites = {"198.51.100.XXX", "192.0.2.XXX", "100.64.1.XXX", "198.51.100.XXX"};
        for (int k = 0; k < 4; k++) {
            String id = "flapper-" + k;
            for (Instant t = BASELINE_START.plusSeconds(k); t.isBefore(DATA_END); t = t.plus(Duration.ofMinutes(2))) {
                rows.add(row(t, "deviceDisconnect", "404104", id, sites[k]));
                rows.add(row(t.plusSeconds(1), "deviceConnect", "", id, sites[k]));
            }
        }
        for (int i = 0; i < 40; i++) {
            String id = String.format("site-%02d", i);
            rows.add(row(Instant.parse("2026-01-15T08:00:00Z").plusSeconds(i), "deviceConnect", "", id,
                    "203.0.113.XXX"));
            rows.add(row(at("10:41:00").plusSeconds(i), "deviceDisconnect", "404104", id, "203.0.113.XXX"));
        }
        for (int i = 0; i < 30; i++) {
            rows.add(row(at("10:15:00").plusSeconds(i), "deviceConnect", "", String.format("calm-%02d", i),
                    "192.0.2.XXX"));
        }
        return rows;
    }

    private JsonNode triage(Format f) throws IOException {
        return SmallExport.triage(dir, f, rows(), Options.realistic());
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void flappersOfAllDayAreSetAsideFromTheSiteOutageAndSaidApart(Format f) throws IOException {
        JsonNode r = triage(f);

        assertThat(r.path("verdict").asText()).isEqualTo("DEVICE_NETWORK_OR_KEEPALIVE");
        assertThat(r.path("headline").asText()).startsWith("40 devices behind 203.0.113.XXX lost their connections "
                + "at 10:41 UTC (404104) and none had reconnected by 10:49 UTC, the end of the data;");
        assertThat(r.path("scope").path("kind").asText()).isEqualTo("SUBSET");
        assertThat(r.path("scope").path("affectedDevices").asInt()).isEqualTo(40);
        assertThat(r.path("noise").path("chronicDevices").asInt()).isEqualTo(4);
        JsonNode code = r.path("errors").get(0);
        assertThat(code.path("code").asText()).isEqualTo("404104");
        assertThat(code.path("devices").asInt()).isEqualTo(40);
        assertThat(code.path("events").asInt()).isEqualTo(40);
        // the flappers' day of drops is no "usual rate" for the outage
        assertThat(code.path("baselineEvents").asInt()).isZero();
        assertThat(code.path("unusual").asBoolean()).isTrue();
        List<String> findings = texts(r.path("findings"));
        assertThat(findings).contains("4 devices (flapper-0, flapper-1, flapper-2 and 1 more) failed with network or "
                + "keep-alive errors in every hour of the previous 24 h and keep reconnecting and dropping again "
                + "(about every 2 minutes): set aside as chronic, not counted in this incident (72 events in the "
                + "window).");
        assertThat(findings).noneMatch(s -> s.contains("usual rate") || s.contains("44"));
        assertThat(texts(r.path("actions")).get(0)).contains("40 of its devices dropped at 10:41 UTC");
        assertThat(r.path("topDevices").findValuesAsText("deviceId")).noneMatch(id -> id.startsWith("flapper"));
    }
}
