package io.iothubtriage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.simulation.DeviceSelection;
import io.iothubtriage.simulation.FleetScenario;
import io.iothubtriage.simulation.Incident;
import io.iothubtriage.simulation.RowOrder;
import io.iothubtriage.testing.ExportWriter;
import io.iothubtriage.testing.ExportWriter.Format;
import io.iothubtriage.testing.ExportWriter.Options;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Resource Health status that speaks for the window is the one in force during it: a file's {@code current}
 * status that began after the window (an export taken days later) is told as what it is, never as the window's state
 * nor as "now", and never makes a platform incident of the window.
 */
class HealthOfTheWindowTest {

    private static final HubId HUB = HubId.parse("/subscriptions/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/"
            + "iot-prod-rg/providers/Microsoft.Devices/IotHubs/contoso-hub");
    private static final Instant FIRED = Instant.parse("2026-01-15T10:41:07Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static List<ConnectionLogRow> rows;
    static String from;
    static String to;
    static Path logs;

    @BeforeAll
    static void simulate() throws IOException {
        FleetScenario hub = FleetScenario.builder().hub(HUB).devices(300).seed(7).firedAt(FIRED)
                .incident(Incident.expiredCredentials(DeviceSelection.count(90))).build();
        rows = new ArrayList<>();
        hub.rows(rows::add, RowOrder.NEWEST_FIRST);
        from = hub.window().start().toString(); // 2026-01-15T10:11:07Z
        to = hub.window().end().toString();     // 2026-01-15T10:46:07Z
        logs = write(Format.CLI_JSON_ARRAY);
    }

    static Path write(Format format) throws IOException {
        Path file = dir.resolve("logs-" + format + (format == Format.PORTAL_CSV ? ".csv" : ".json"));
        ExportWriter.write(file, format, rows, Options.realistic().hub(HUB));
        return file;
    }

    /** One availability status: state, occurred time, reported time; {@code name} "current" for the current one. */
    record Status(String name, String state, String occurred, String reported, String context) {
        String json() {
            return """
                    {"id":"%s/providers/Microsoft.ResourceHealth/availabilityStatuses/%s","name":"%s",
                     "type":"Microsoft.ResourceHealth/AvailabilityStatuses","location":"westeurope",
                     "properties":{"availabilityState":"%s","summary":"%s summary.","title":"%s",
                     "occuredTime":"%s","reportedTime":"%s","context":"%s","reasonType":"Unplanned"}}"""
                    .formatted(HUB.resourceId(), name, name, state, state, state, occurred, reported, context);
        }
    }

    static Path health(String file, Status... statuses) throws IOException {
        List<String> items = new ArrayList<>();
        for (Status s : statuses) {
            items.add(s.json());
        }
        Path path = dir.resolve(file + ".json");
        Files.writeString(path, "{\"value\":[" + String.join(",", items) + "]}", StandardCharsets.UTF_8);
        return path;
    }

    static Status current(String state, String occurred, String reported) {
        return new Status("current", state, occurred, reported, "Platform Initiated");
    }

    static Status earlier(String name, String state, String occurred, String reported) {
        return new Status(name, state, occurred, reported, "Platform Initiated");
    }

    static HealthOfTheWindowTest.Out triage(Path logFile, Path health) throws IOException {
        List<String> base = List.of("triage", "--hub", HUB.resourceId(), "--from", from, "--to", to,
                "--logs", logFile.toString(), "--health", health.toString(), "--format");
        List<String> text = new ArrayList<>(base);
        text.add("text");
        List<String> json = new ArrayList<>(base);
        json.add("json");
        TriageCommandTest.Run t = TriageCommandTest.cli(text.toArray(String[]::new));
        TriageCommandTest.Run j = TriageCommandTest.cli(json.toArray(String[]::new));
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(j.code()).as(j.err()).isZero();
        return new Out(t.out().replaceAll("\\s+", " "), JSON.readTree(j.out()));
    }

    record Out(String text, JsonNode json) {
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void aCurrentStatusOfAWeekLaterIsToldAsSuchAndTheWindowsStatusDecides(Format format) throws IOException {
        Path h = health("week-later-" + format,
                current("Unavailable", "2026-01-22T10:30:00Z", "2026-01-22T10:48:00Z"),
                earlier("2026-01-10", "Available", "2026-01-10T08:00:00Z", "2026-01-22T10:30:00Z"));

        Out out = triage(write(format), h);

        assertThat(out.json().path("verdict").asText()).isEqualTo("AUTHENTICATION_FAILURES");
        assertThat(out.json().path("platformHealth").path("availabilityState").asText()).isEqualTo("Available");
        assertThat(out.json().path("headline").asText()).endsWith("; the hub was healthy in the window, though"
                + " Resource Health reported the hub Unavailable from 2026-01-22 10:30 UTC, a week after the window.");
        assertThat(out.text())
                .contains("Health Available summary.")
                .contains("Resource Health: Available in the window (since 2026-01-10 08:00 UTC).")
                .contains("Resource Health reported the hub Unavailable from 2026-01-22 10:30 UTC, a week after the"
                        + " window (checked 2026-01-22 10:48 UTC); it says nothing about the window.")
                .doesNotContain("Unavailable now").doesNotContain("still Unavailable")
                .doesNotContain("Health Unavailable").doesNotContain("checked 10:48 UTC");
    }

    @Test
    void anOutageThatBeganAfterTheWindowIsNeverThePlatformIncidentOfTheWindow() throws IOException {
        // the same day, a few minutes after the window's end: no date, and still not the window's outage
        Path h = health("just-after",
                current("Unavailable", "2026-01-15T10:52:07Z", "2026-01-15T10:55:00Z"),
                earlier("morning", "Available", "2026-01-15T06:00:00Z", "2026-01-15T10:52:07Z"));

        Out out = triage(logs, h);

        assertThat(out.json().path("verdict").asText()).isEqualTo("AUTHENTICATION_FAILURES");
        assertThat(out.json().path("headline").asText()).contains("the hub was healthy in the window, though Resource"
                + " Health reported the hub Unavailable from 10:52 UTC, 6 minutes after the window.");
        assertThat(out.text()).doesNotContain("Unavailable now").doesNotContain("PLATFORM_INCIDENT");
    }

    @Test
    void aCurrentStatusCoveringTheWindowDecidesIt() throws IOException {
        Path h = health("covering",
                current("Unavailable", "2026-01-15T10:30:00Z", "2026-01-15T10:50:00Z"),
                earlier("morning", "Available", "2026-01-15T06:00:00Z", "2026-01-15T10:30:00Z"));

        Out out = triage(logs, h);

        assertThat(out.json().path("verdict").asText()).isEqualTo("PLATFORM_INCIDENT");
        assertThat(out.json().path("platformHealth").path("availabilityState").asText()).isEqualTo("Unavailable");
        assertThat(out.json().path("headline").asText()).startsWith("The hub was Unavailable from 10:30 UTC (")
                // its last status is months before this run: "still" is said as of that status, with its time
                .endsWith("; it was still Unavailable at its last status, 10:50 UTC.");
        assertThat(out.text()).doesNotContain("after the window");
    }

    @Test
    void aCurrentStatusFromBeforeTheWindowStillCurrentSpeaksForItWithItsDates() throws IOException {
        Path h = health("still-current", current("Available", "2026-01-10T08:00:00Z", "2026-01-22T10:48:00Z"));

        Out out = triage(logs, h);

        assertThat(out.json().path("verdict").asText()).isEqualTo("AUTHENTICATION_FAILURES");
        assertThat(out.json().path("headline").asText())
                .endsWith("; the hub was healthy at its last status, 2026-01-22 10:48 UTC.");
        // checked a week after the window: the time carries its date
        assertThat(out.text()).contains("Resource Health: Available (checked 2026-01-22 10:48 UTC).")
                .doesNotContain("after the window");
    }

    @Test
    void anOutageInsideTheWindowOverBeforeItsEndIsNotSaidToBeOverNowWhenALaterStatusFollows() throws IOException {
        Path h = health("over-then-later",
                current("Degraded", "2026-01-16T09:00:00Z", "2026-01-16T09:20:00Z"),
                earlier("back", "Available", "2026-01-15T10:40:00Z", "2026-01-16T09:00:00Z"),
                earlier("outage", "Unavailable", "2026-01-15T10:30:00Z", "2026-01-15T10:40:00Z"),
                earlier("morning", "Available", "2026-01-15T06:00:00Z", "2026-01-15T10:30:00Z"));

        Out out = triage(logs, h);

        assertThat(out.json().path("verdict").asText()).isEqualTo("PLATFORM_INCIDENT");
        assertThat(out.json().path("platformHealth").path("availabilityState").asText()).isEqualTo("Available");
        assertThat(out.json().path("headline").asText()).startsWith("The hub was Unavailable from 10:30 UTC to 10:40 UTC (")
                .endsWith("; it was Available again by the window's end; Resource Health reported the hub Degraded"
                        + " from 2026-01-16 09:00 UTC, 22 hours after the window.");
        assertThat(out.text()).contains("Health Available at the window's end; was Unavailable 10:30–10:40 UTC,")
                .doesNotContain("now").doesNotContain("it is Available again");
    }

    @Test
    void whenNoStatusCoversTheWindowItIsAGap() throws IOException {
        Path h = health("only-later", current("Unavailable", "2026-01-22T10:30:00Z", "2026-01-22T10:48:00Z"));

        Out out = triage(logs, h);

        assertThat(out.json().path("verdict").asText()).isEqualTo("AUTHENTICATION_FAILURES");
        assertThat(out.json().path("confidence").asText()).isEqualTo("MEDIUM");
        assertThat(out.json().path("gaps").toString()).contains("resourceHealth")
                .contains("the Resource Health statuses given cover 2026-01-22 10:30–10:48 UTC, not the window");
        assertThat(out.json().path("headline").asText())
                .contains("hub health is unknown (the Resource Health given covers another time)");
        assertThat(out.text()).doesNotContain("Unavailable now").doesNotContain("Health Unavailable");
    }
}
