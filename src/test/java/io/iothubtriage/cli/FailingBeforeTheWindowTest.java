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
 * Gateways refused with 401003 from {@code start}, every 30 s to the end of the data, beside 200 meters that
 * reconnect now and then: when the refusals began before the window (10:11), the report says so instead of naming the
 * window's start as the time they "started failing".
 */
class FailingBeforeTheWindowTest {

    @TempDir
    Path dir;

    private static List<ConnectionLogRow> rows(String start) {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int m = 0; m < 200; m++) {
            for (Instant t = SmallExport.at("07:00:00").plusSeconds(m * 17L); t.isBefore(SmallExport.at("10:48:00"));
                 t = t.plus(Duration.ofMinutes(45))) {
                rows.add(SmallExport.row(t, "deviceDisconnect", "", "meter-" + m, "198.51.100.XXX"));
                rows.add(SmallExport.row(t.plusSeconds(20), "deviceConnect", "", "meter-" + m, "198.51.100.XXX"));
            }
        }
        for (int g = 0; g < 20; g++) {
            String device = "gateway-" + g;
            Instant drop = SmallExport.at(start).plusSeconds(g);
            rows.add(SmallExport.row(drop, "deviceDisconnect", "404104", device, "203.0.113.XXX"));
            for (Instant t = drop.plusSeconds(30); t.isBefore(SmallExport.at("10:48:00")); t = t.plusSeconds(30)) {
                rows.add(SmallExport.row(t, "deviceConnect", "401003", device, "203.0.113.XXX"));
            }
        }
        rows.sort((a, b) -> b.time().compareTo(a.time()));
        return rows;
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void refusalsThatBeganBeforeTheWindowAreNotSaidToStartAtItsStart(Format format) throws IOException {
        JsonNode before = SmallExport.triage(dir, format, rows("09:50:00"), Options.realistic());
        assertThat(before.path("verdict").asText()).isEqualTo("AUTHENTICATION_FAILURES");
        assertThat(before.path("headline").asText()).contains("started failing authentication before 10:11 UTC, when the"
                + " window begins").doesNotContain("at 10:11 UTC");
        assertThat(SmallExport.texts(before.path("actions")).get(0)).contains("before 10:11 UTC, when the window begins")
                .doesNotContain("around 10:11");

        JsonNode inside = SmallExport.triage(dir, format, rows("10:21:00"), Options.realistic());
        assertThat(inside.path("headline").asText()).contains("started failing authentication at 10:21 UTC");

        // 30 s into the window, with an unrelated device refused a few times hours before: it began in the window
        List<ConnectionLogRow> early = rows("10:11:30");
        for (int i = 0; i < 3; i++) {
            early.add(SmallExport.row(SmallExport.at("07:30:00").plusSeconds(40L * i), "deviceConnect", "401003",
                    "old-sensor", "192.0.2.XXX"));
        }
        early.sort((a, b) -> b.time().compareTo(a.time()));
        JsonNode startsInside = SmallExport.triage(dir, format, early, Options.realistic());
        // its drops (404104) at 10:11:30, its first refusal (401003) at 10:12:00: the authentication failure's onset
        assertThat(startsInside.path("headline").asText()).contains("started failing authentication at 10:12 UTC")
                .doesNotContain("before");
    }

    /**
     * The gateways refused since before the window, and 150 other devices renewing their tokens in one wave at 10:30
     * (404104, back 15 s later, as an hour and a day before): the busiest minute is the wave's, but the onset is the
     * cause's own, so the refusals still "began before 10:11 UTC, when the window begins".
     */
    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void aWaveOfOtherDevicesRenewalsDoesNotMoveTheCausesOnset(Format format) throws IOException {
        List<ConnectionLogRow> rows = rows("09:50:00");
        for (int d = 0; d < 150; d++) {
            String id = String.format("renewer-%03d", d);
            for (String at : List.of("2026-01-14T10:30:", "2026-01-15T09:30:", "2026-01-15T10:30:")) {
                Instant t = Instant.parse(at + String.format("%02d", d % 50) + "Z");
                rows.add(SmallExport.row(t, "deviceDisconnect", "404104", id, "192.0.2.XXX"));
                rows.add(SmallExport.row(t.plusSeconds(15), "deviceConnect", "", id, "192.0.2.XXX"));
            }
        }
        rows.sort((a, b) -> b.time().compareTo(a.time()));
        JsonNode report = SmallExport.triage(dir, format, rows, Options.realistic());
        assertThat(report.path("verdict").asText()).isEqualTo("AUTHENTICATION_FAILURES");
        assertThat(report.path("headline").asText()).contains("started failing authentication before 10:11 UTC, when"
                + " the window begins").doesNotContain("10:30");
    }

    /**
     * Five gateways refused all along, since before the window, and 40 more devices behind one site refused from
     * 10:30: the onset is 10:30, inside the window, so nothing "began before 10:11" and no time but the onset is
     * named as its start.
     */
    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void aLaterDropBesideDevicesFailingAllAlongKeepsItsOwnOnset(Format format) throws IOException {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (ConnectionLogRow r : rows("09:50:00")) {
            if (!r.deviceId().startsWith("gateway-") || Integer.parseInt(r.deviceId().substring(8)) < 5) {
                rows.add(r);
            }
        }
        for (int d = 0; d < 40; d++) {
            String device = "camera-" + d;
            Instant drop = SmallExport.at("10:30:00").plusSeconds(d);
            rows.add(SmallExport.row(drop, "deviceDisconnect", "404104", device, "192.0.2.XXX"));
            for (Instant t = drop.plusSeconds(30); t.isBefore(SmallExport.at("10:48:00")); t = t.plusSeconds(30)) {
                rows.add(SmallExport.row(t, "deviceConnect", "401003", device, "192.0.2.XXX"));
            }
        }
        rows.sort((a, b) -> b.time().compareTo(a.time()));
        JsonNode report = SmallExport.triage(dir, format, rows, Options.realistic());
        assertThat(report.path("verdict").asText()).isEqualTo("AUTHENTICATION_FAILURES");
        assertThat(report.path("headline").asText()).contains("started failing authentication at 10:30 UTC")
                .doesNotContain("when the window begins").doesNotContain("before 10:");
        assertThat(String.join(" ", SmallExport.texts(report.path("actions")))).doesNotContain("when the window begins");
    }
}
