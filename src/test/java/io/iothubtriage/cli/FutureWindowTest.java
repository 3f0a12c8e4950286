package io.iothubtriage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.testing.ExportWriter;
import io.iothubtriage.testing.ExportWriter.Format;
import io.iothubtriage.testing.ExportWriter.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An offline window that ends after now is cut at now, as a live one is: the export cannot hold the minutes still to
 * come, and their absence must not read as a quiet hub. The report says the window was cut. A live window that has
 * not begun at all is bad input (files of another time are a coverage gap: EvidenceIntegrityTest).
 */
class FutureWindowTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:26:30Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A quiet, healthy hub: 20 devices reconnecting every half hour, from the day before up to a minute ago. */
    private static List<ConnectionLogRow> quietHubUntilNow() {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (Instant t = NOW.minus(Duration.ofHours(25)); t.isBefore(NOW.minusSeconds(60)); t = t.plusSeconds(1800)) {
            for (int d = 0; d < 20; d++) {
                Instant at = t.plusSeconds(d * 7L);
                String device = "meter-" + d;
                rows.add(SmallExport.row(at, "deviceDisconnect", "", device, "203.0.113.XXX"));
                rows.add(SmallExport.row(at.plusSeconds(2), "deviceConnect", "", device, "203.0.113.XXX"));
            }
        }
        return rows;
    }

    private String triage(Path file, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new TriageCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false, o -> Optional.empty(),
                o -> {
                    throw new AssertionError("an offline run asks no live source");
                }, Clock.fixed(NOW, ZoneOffset.UTC))
                .run(List.of("triage", "--hub", SmallExport.HUB.resourceId(), "--from", "2026-01-15T10:06:00Z",
                        "--to", "2026-01-15T10:56:00Z", "--logs", file.toString(), "--format", format));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLiveWindowThatHasNotBegunIsBadInput() {
        List<String> args = List.of("triage", "--hub", SmallExport.HUB.resourceId(), "--from", "2026-01-16T10:06:00Z",
                "--to", "2026-01-16T10:56:00Z");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TriageCommand command = new TriageCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Map.of(), false,
                o -> Optional.empty(), o -> {
                    throw new AssertionError("a window that has not begun asks no source");
                }, Clock.fixed(NOW, ZoneOffset.UTC));

        // exit 2, this one line on stderr (Main)
        assertThatThrownBy(() -> command.run(args)).isInstanceOf(BadInputException.class)
                .hasMessage("--from: 2026-01-16 10:06 UTC has not come yet (now 2026-01-15 10:26 UTC): no logs exist"
                        + " for a window that has not begun; check the date, and that the time is UTC");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void anOfflineWindowThatHasNotBegunIsBadInputToo() throws Exception {
        Path file = dir.resolve("export-future.json");
        ExportWriter.write(file, Format.CLI_JSON_ARRAY, quietHubUntilNow(), Options.realistic().hub(SmallExport.HUB));
        List<String> args = List.of("triage", "--hub", SmallExport.HUB.resourceId(), "--from", "2027-01-15T10:06:00Z",
                "--to", "2027-01-15T10:56:00Z", "--logs", file.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TriageCommand command = new TriageCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Map.of(), false,
                o -> Optional.empty(), o -> {
                    throw new AssertionError("an offline run asks no live source");
                }, Clock.fixed(NOW, ZoneOffset.UTC));

        // exit 2, this one line on stderr (Main), no report advising an export of a window still to come
        assertThatThrownBy(() -> command.run(args)).isInstanceOf(BadInputException.class)
                .hasMessage("--from: 2027-01-15 10:06 UTC has not come yet (now 2026-01-15 10:26 UTC): no export holds"
                        + " rows for a window that has not begun; check the date, and that the time is UTC");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();

        // an alert dated a year ahead: the alert is named, not a --from that was never given
        Path alert = dir.resolve("alert-ahead.json");
        Files.writeString(alert, Files.readString(Path.of("src/test/resources/alerts/iothub-connected-devices-fired.json"))
                .replace("2026-01-15T10:41:07.3713213Z", "2027-01-15T10:41:07.3713213Z"));
        assertThatThrownBy(() -> command.run(List.of("triage", "--alert", alert.toString(), "--logs", file.toString())))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--alert: its window begins 2027-01-15 ")
                .hasMessageEndingWith(", which has not come yet (now 2026-01-15 10:26 UTC): check the alert's"
                        + " firedDateTime, and this machine's clock");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void aWindowEndingInTheFutureIsCutAtNowAndTheReportSaysSo(Format format) throws Exception {
        Path file = dir.resolve("export-" + format + (format == Format.PORTAL_CSV ? ".csv" : ".json"));
        ExportWriter.write(file, format, quietHubUntilNow(), Options.realistic().hub(SmallExport.HUB));

        JsonNode json = JSON.readTree(triage(file, "json"));
        String text = triage(file, "text").replaceAll("\\s+", " ");

        assertThat(json.path("window").path("start").asText()).isEqualTo("2026-01-15T10:06:00Z");
        assertThat(json.path("window").path("end").asText()).as("no minute after now is judged")
                .isEqualTo("2026-01-15T10:26:30Z");
        assertThat(json.path("freshness").path("requestedEnd").asText()).isEqualTo("2026-01-15T10:56:00Z");
        assertThat(json.path("freshness").path("checkedAt").asText()).isEqualTo("2026-01-15T10:26:30Z");
        assertThat(text).contains("(cut at now: it was to end 10:56 UTC)").doesNotContain("10:06–10:56");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void anEndAskedForOnAnotherDayIsGivenWithItsDate(Format format) throws Exception {
        Path file = dir.resolve("export-" + format + (format == Format.PORTAL_CSV ? ".csv" : ".json"));
        ExportWriter.write(file, format, quietHubUntilNow(), Options.realistic().hub(SmallExport.HUB));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new TriageCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Map.of(), false,
                o -> Optional.empty(), o -> {
                    throw new AssertionError("an offline run asks no live source");
                }, Clock.fixed(NOW, ZoneOffset.UTC))
                .run(List.of("triage", "--hub", SmallExport.HUB.resourceId(), "--from", "2026-01-15T10:06:00Z",
                        "--to", "2026-01-16T09:00:00Z", "--logs", file.toString(), "--format", "text"));

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " "))
                .contains("2026-01-15 10:06–10:26 UTC (cut at now: it was to end 2026-01-16 09:00 UTC)");
    }
}
