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
 * How the report names what it set aside and when it looked: a hub of the same name in another resource group is
 * named with its group (its name alone would read as the hub triaged), and the "Logs" line dates a check made on
 * another day than the window's.
 */
class SetAsideWordingTest {

    private static final String SUB = "/subscriptions/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/";
    private static final HubId HUB = HubId.parse(SUB + "iot-prod-rg/providers/Microsoft.Devices/IotHubs/contoso-hub");
    /** The same name in another resource group: a different hub. */
    private static final HubId SAME_NAME = HubId.parse(SUB + "iot-dev-rg/providers/Microsoft.Devices/IotHubs/contoso-hub");
    private static final HubId OTHER = HubId.parse(SUB + "iot-dev-rg/providers/Microsoft.Devices/IotHubs/fabrikam-hub");
    private static final Instant FIRED = Instant.parse("2026-01-15T10:41:07Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static FleetScenario hub;

    @BeforeAll
    static void simulate() {
        hub = scenario(HUB, 150);
    }

    private static FleetScenario scenario(HubId id, int failing) {
        return FleetScenario.builder().hub(id).devices(300).seed(41).firedAt(FIRED)
                .incident(Incident.expiredCredentials(DeviceSelection.count(failing))).build();
    }

    private static Path write(String name, Format f, FleetScenario s) throws IOException {
        List<ConnectionLogRow> rows = new ArrayList<>();
        s.rows(rows::add, RowOrder.NEWEST_FIRST);
        Path file = dir.resolve(name + "-" + f + (f == Format.PORTAL_CSV ? ".csv" : ".json"));
        ExportWriter.write(file, f, rows, Options.realistic().hub(s.hub()).otherCategoryEvery(0));
        return file;
    }

    private static TriageCommandTest.Run triage(String format, Path... logs) {
        List<String> args = new ArrayList<>(List.of("triage", "--hub", HUB.resourceId(),
                "--from", hub.window().start().toString(), "--to", hub.window().end().toString(), "--format", format));
        for (Path p : logs) {
            args.add("--logs");
            args.add(p.toString());
        }
        TriageCommandTest.Run r = TriageCommandTest.cli(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        return r;
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void aHubOfTheSameNameInAnotherGroupIsNamedWithItsGroup(Format f) throws IOException {
        Path mine = write("mine", f, hub);
        Path twin = write("twin", f, scenario(SAME_NAME, 40));
        Path other = write("other", f, scenario(OTHER, 10));
        JsonNode r = JSON.readTree(triage("json", mine, twin, other).out());
        JsonNode names = r.path("inputs").path("otherResourceNames");
        List<String> named = new ArrayList<>();
        names.forEach(n -> named.add(n.path("name").asText()));
        assertThat(named).containsExactlyInAnyOrder("contoso-hub in iot-dev-rg", "fabrikam-hub");
        long twinRows = 0;
        for (JsonNode n : names) {
            if (n.path("name").asText().equals("contoso-hub in iot-dev-rg")) {
                twinRows = n.path("rows").asLong();
            }
        }
        assertThat(twinRows).isPositive();
        assertThat(r.path("findings").toString())
                .contains("contoso-hub in iot-dev-rg (" + String.format("%,d", twinRows) + " rows)")
                .contains("fabrikam-hub (");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void aCheckOnAnotherDayThanTheWindowsCarriesItsDate(Format f) throws IOException {
        // the window is in January 2026; the triage runs now, on another day
        String text = triage("text", write("dated", f, hub)).out();
        String logs = text.lines().filter(l -> l.startsWith("Logs")).findFirst().orElseThrow();
        assertThat(logs).matches("Logs +newest row \\d\\d:\\d\\d:\\d\\d UTC; checked \\d{4}-\\d\\d-\\d\\d "
                + "\\d\\d:\\d\\d:\\d\\d UTC");
    }
}
