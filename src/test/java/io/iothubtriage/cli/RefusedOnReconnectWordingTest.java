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
 * "The hub keeps refusing these devices" only while the rows show it: 30 gateways refused with 401003 on every
 * reconnect from 10:21, of which {@code recovered} get back in at 10:33 once their key is fixed.
 */
class RefusedOnReconnectWordingTest {

    @TempDir
    Path dir;

    private static List<ConnectionLogRow> gateways(int recovered) {
        List<ConnectionLogRow> rows = new ArrayList<>();
        Instant fixed = SmallExport.at("10:33:00");
        Instant end = SmallExport.at("10:48:00");
        for (int g = 0; g < 30; g++) {
            String device = "gateway-" + g;
            Instant drop = SmallExport.at("10:21:00").plusSeconds(g);
            rows.add(SmallExport.row(drop, "deviceDisconnect", "404104", device, "203.0.113.XXX"));
            Instant last = g < recovered ? fixed : end;
            for (Instant t = drop.plusSeconds(30); t.isBefore(last); t = t.plusSeconds(30)) {
                rows.add(SmallExport.row(t, "deviceConnect", "401003", device, "203.0.113.XXX"));
            }
            if (g < recovered) {
                rows.add(SmallExport.row(fixed.plusSeconds(g), "deviceConnect", "", device, "203.0.113.XXX"));
            }
        }
        rows.sort((a, b) -> b.time().compareTo(a.time()));
        return rows;
    }

    /** 30 gateways refused twice every 4 minutes from 10:21, getting in for a while after each second refusal. */
    private static List<ConnectionLogRow> flappingGateways() {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int g = 0; g < 30; g++) {
            String device = "gateway-" + g;
            for (int k = 0; k < 6; k++) {
                Instant t = SmallExport.at("10:21:00").plusSeconds(240L * k + g);
                rows.add(SmallExport.row(t, "deviceConnect", "401003", device, "203.0.113.XXX"));
                rows.add(SmallExport.row(t.plusSeconds(30), "deviceConnect", "401003", device, "203.0.113.XXX"));
                rows.add(SmallExport.row(t.plusSeconds(60), "deviceConnect", "", device, "203.0.113.XXX"));
            }
        }
        rows.sort((a, b) -> b.time().compareTo(a.time()));
        return rows;
    }

    private static String refusedFinding(JsonNode r) {
        for (String f : SmallExport.texts(r.path("findings"))) {
            if (f.contains("events were on reconnect attempts")) {
                return f;
            }
        }
        throw new AssertionError("no finding about reconnect attempts in " + r.path("findings"));
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void theRefusalIsToldAsTheEndOfTheDataShowsIt(Format format) throws IOException {
        JsonNode none = SmallExport.triage(dir, format, gateways(0), Options.realistic());
        assertThat(none.path("verdict").asText()).isEqualTo("AUTHENTICATION_FAILURES");
        assertThat(refusedFinding(none)).endsWith(": the hub keeps refusing these devices.");

        JsonNode some = SmallExport.triage(dir, format, gateways(12), Options.realistic());
        assertThat(refusedFinding(some)).endsWith(": the hub keeps refusing 18 of these devices.");

        JsonNode flapping = SmallExport.triage(dir, format, flappingGateways(), Options.realistic());
        assertThat(flapping.path("headline").asText()).contains("keep reconnecting and dropping again");
        assertThat(refusedFinding(flapping)).endsWith(": the hub keeps refusing them on reconnect, and they get back in"
                + " only for a while.");

        JsonNode all = SmallExport.triage(dir, format, gateways(30), Options.realistic());
        assertThat(all.path("headline").asText()).contains("all have reconnected");
        assertThat(refusedFinding(all)).endsWith(": the hub refused them on reconnect until they got back in.")
                .doesNotContain("keeps refusing");
    }
}
