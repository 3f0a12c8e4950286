package io.iothubtriage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.simulation.FleetScenario;
import io.iothubtriage.simulation.RowOrder;
import io.iothubtriage.simulation.Scenarios;
import io.iothubtriage.testing.ChangeExports;
import io.iothubtriage.testing.ExportWriter;
import io.iothubtriage.testing.ExportWriter.Format;
import io.iothubtriage.testing.ExportWriter.Options;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code triage --changes}: both export formats, attribution through the CLI, and files that are neither. */
class ChangesOptionTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static FleetScenario outage;
    static Path logs;

    @BeforeAll
    static void simulate() throws IOException {
        outage = Scenarios.changeCausedOutage();
        List<ConnectionLogRow> rows = new ArrayList<>();
        outage.rows(rows::add, RowOrder.NEWEST_FIRST);
        logs = dir.resolve("connections.json");
        ExportWriter.write(logs, Format.CLI_JSON_ARRAY, rows, Options.realistic());
    }

    static TriageCommandTest.Run cli(String... args) {
        return TriageCommandTest.cli(args);
    }

    static TriageCommandTest.Run triage(FleetScenario s, Path logFile, String format, String... changes) {
        List<String> args = new ArrayList<>(List.of("triage", "--hub", s.hub().resourceId(),
                "--from", s.window().start().toString(), "--to", s.window().end().toString(),
                "--logs", logFile.toString(), "--format", format));
        for (String c : changes) {
            args.add("--changes");
            args.add(c);
        }
        return cli(args.toArray(String[]::new));
    }

    @Test
    void bothExportsTogetherNameTheChangeFirst() throws IOException {
        Path activity = ChangeExports.activityLog(dir.resolve("activity.json"), outage.hub(), outage.changeHistory());
        Path graph = ChangeExports.resourceGraph(dir.resolve("graph.json"), outage.hub(), outage.changeHistory(), false);

        TriageCommandTest.Run text = triage(outage, logs, "text", activity.toString(), graph.toString());
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("\nFindings\n  - A change by maria.lopez@contoso.com at 10:39 UTC, 1 minute "
                + "before 401003 started, can explain\n    these authentication errors: properties.disableLocalAuth "
                + "false → true");
        assertThat(text.out()).contains("\nNext steps\n  1. Review or revert the change of properties.disableLocalAuth");

        JsonNode report = JSON.readTree(triage(outage, logs, "json", activity.toString(), graph.toString()).out());
        assertThat(report.get("verdict").asText()).isEqualTo("AUTHENTICATION_FAILURES");
        assertThat(report.get("changes")).hasSize(2);
        JsonNode likely = report.get("changes").get(1);
        assertThat(likely.get("origin").asText()).isEqualTo("activityLog+resourceGraph");
        assertThat(likely.get("relation").asText()).isEqualTo("LIKELY_CAUSE");
        assertThat(likely.get("caller").asText()).isEqualTo(Scenarios.CHANGE_AUTHOR);
        assertThat(report.get("changes").get(0).get("relation").asText()).isEqualTo("UNRELATED");
        assertThat(report.get("gaps").findValuesAsText("source")).doesNotContain("changes");
    }

    @Test
    void theOlderGraphArrayAloneIsEnoughToNameIt() throws IOException {
        Path graph = ChangeExports.resourceGraph(dir.resolve("graph-array.json"), outage.hub(), outage.changeHistory(), true);
        JsonNode report = JSON.readTree(triage(outage, logs, "json", graph.toString()).out());
        assertThat(report.at("/changes/1/relation").asText()).isEqualTo("LIKELY_CAUSE");
        assertThat(report.at("/changes/1/origin").asText()).isEqualTo("resourceGraph");
        assertThat(report.at("/findings/0").asText()).startsWith("A change by maria.lopez@contoso.com");
    }

    @Test
    void theActivityLogAloneCannotSayWhatChangedSoItIsOnlyPossible() throws IOException {
        Path activity = ChangeExports.activityLog(dir.resolve("activity-only.json"), outage.hub(), outage.changeHistory());
        JsonNode report = JSON.readTree(triage(outage, logs, "json", activity.toString()).out());
        assertThat(report.at("/changes/1/relation").asText()).isEqualTo("POSSIBLE_CAUSE");
        assertThat(report.at("/changes/1/summary").asText())
                .isEqualTo("settings of contoso-hub written (the record does not say which)");
        assertThat(report.at("/actions/0").asText()).doesNotStartWith("Review or revert");
    }

    @Test
    void anUnrelatedTagEditKeepsTheVerdictAndIsListed() throws IOException {
        FleetScenario tagged = Scenarios.siteOutageWithTagEdit().build();
        List<ConnectionLogRow> rows = new ArrayList<>();
        tagged.rows(rows::add, RowOrder.NEWEST_FIRST);
        Path siteLogs = dir.resolve("site.json");
        ExportWriter.write(siteLogs, Format.CLI_JSON_ARRAY, rows, Options.realistic());
        Path graph = ChangeExports.resourceGraph(dir.resolve("tag.json"), tagged.hub(), tagged.changeHistory(), false);

        JsonNode with = JSON.readTree(triage(tagged, siteLogs, "json", graph.toString()).out());
        JsonNode without = JSON.readTree(triage(tagged, siteLogs, "json").out());
        assertThat(with.get("verdict").asText()).isEqualTo("DEVICE_NETWORK_OR_KEEPALIVE");
        for (String same : List.of("verdict", "confidence", "headline", "scope", "findings", "actions")) {
            assertThat(with.get(same)).as(same).isEqualTo(without.get(same));
        }
        assertThat(with.get("changes")).singleElement().satisfies(c -> {
            assertThat(c.get("relation").asText()).isEqualTo("UNRELATED");
            assertThat(c.get("summary").asText()).isEqualTo("tags.owner ops → iot-team");
        });
        assertThat(triage(tagged, siteLogs, "text", graph.toString()).out())
                .contains("\nChanges\n  - 10:38 UTC · maria.lopez@contoso.com · tags.owner ops → iot-team\n");
    }

    @Test
    void aFileThatIsNeitherIsRefusedWithOneLine() throws IOException {
        Path other = dir.resolve("resources.json");
        Files.copy(Path.of("src/test/resources/samples/changes/2022-10-01_ResourcesBasicQuery.json"), other);
        TriageCommandTest.Run run = triage(outage, logs, "text", other.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).doesNotContain("\n").startsWith("iothub-triage: " + other + ": is neither an "
                + "Activity Log export (az monitor activity-log list) nor a Resource Graph resourcechanges export");

        TriageCommandTest.Run logsAsChanges = triage(outage, logs, "text", logs.toString());
        assertThat(logsAsChanges.code()).isEqualTo(2);
        assertThat(logsAsChanges.err().strip()).doesNotContain("\n").contains(logs.toString());
    }

    @Test
    void changesWithoutLogsIsAUsageError() {
        TriageCommandTest.Run run = cli("triage", "--hub", outage.hub().resourceId(), "--changes", "x.json");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--health, --metrics and --changes go with --logs");
    }
}
