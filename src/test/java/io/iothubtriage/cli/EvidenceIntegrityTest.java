package io.iothubtriage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract's "Which rows count", through the CLI on the three export formats people use: a simulated hub whose
 * 150 devices' SAS tokens expired, next to a second hub of the same workspace (same device ids) whose clients are
 * duplicated. Each rule is checked by what a wrong reading would change: the verdict, the scope and the counts of
 * the hub must not move when other hubs' rows, other categories or the same rows again are added.
 */
class EvidenceIntegrityTest {

    private static final HubId HUB = HubId.parse("/subscriptions/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/"
            + "iot-prod-rg/providers/Microsoft.Devices/IotHubs/contoso-hub");
    /** Same subscription and group, a name that starts with the hub's: a different hub all the same. */
    private static final HubId OTHER = HubId.parse("/subscriptions/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/"
            + "resourceGroups/iot-prod-rg/providers/Microsoft.Devices/IotHubs/contoso-hub2");
    private static final Instant FIRED = Instant.parse("2026-01-15T10:41:07Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static List<ConnectionLogRow> hubRows;
    static List<ConnectionLogRow> otherRows;
    static String from;
    static String to;

    @BeforeAll
    static void simulateTwoHubs() {
        FleetScenario hub = FleetScenario.builder().hub(HUB).devices(500).seed(41).firedAt(FIRED)
                .incident(Incident.expiredCredentials(DeviceSelection.count(150))).build();
        FleetScenario other = FleetScenario.builder().hub(OTHER).devices(500).seed(41).firedAt(FIRED)
                .incident(Incident.duplicateClients(DeviceSelection.count(150))).build();
        hubRows = new ArrayList<>();
        hub.rows(hubRows::add, RowOrder.NEWEST_FIRST);
        otherRows = new ArrayList<>();
        other.rows(otherRows::add, RowOrder.NEWEST_FIRST);
        from = hub.window().start().toString();
        to = hub.window().end().toString();
    }

    static TriageCommandTest.Run cli(List<String> args) {
        return TriageCommandTest.cli(args.toArray(String[]::new));
    }

    /** Triages the hub over the files for the scenario's window, as JSON. */
    static JsonNode triage(Path... logs) throws IOException {
        return triage(from, to, List.of(), logs);
    }

    static JsonNode triage(String start, String end, List<String> extra, Path... logs) throws IOException {
        List<String> args = new ArrayList<>(List.of("triage", "--hub", HUB.resourceId(), "--from", start,
                "--to", end, "--format", "json"));
        for (Path p : logs) {
            args.add("--logs");
            args.add(p.toString());
        }
        args.addAll(extra);
        TriageCommandTest.Run r = cli(args);
        assertThat(r.code()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    static Path write(String name, Format format, List<ConnectionLogRow> rows, Options options) throws IOException {
        Path file = dir.resolve(name + "-" + format + (format == Format.PORTAL_CSV ? ".csv" : ".json"));
        ExportWriter.write(file, format, rows, options);
        return file;
    }

    /** What must not move: verdict, confidence, scope, and the per-code counts. */
    static void assertSameFindings(JsonNode actual, JsonNode expected) {
        assertThat(actual.path("verdict").asText()).isEqualTo(expected.path("verdict").asText());
        assertThat(actual.path("confidence").asText()).isEqualTo(expected.path("confidence").asText());
        assertThat(actual.path("scope")).isEqualTo(expected.path("scope"));
        assertThat(actual.path("errors")).isEqualTo(expected.path("errors"));
        assertThat(actual.path("noise")).isEqualTo(expected.path("noise"));
        assertThat(actual.path("topDevices")).isEqualTo(expected.path("topDevices"));
        assertThat(actual.path("timeline")).isEqualTo(expected.path("timeline"));
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void anotherHubsRowsAreSetAsideAndChangeNothing(Format f) throws IOException {
        JsonNode alone = triage(write("hub", f, hubRows, Options.realistic().hub(HUB)));
        assertThat(alone.path("verdict").asText()).isEqualTo("AUTHENTICATION_FAILURES");

        Path mixed = merge(f, write("hub-m", f, hubRows, Options.realistic().hub(HUB)),
                write("other-m", f, otherRows, Options.realistic().hub(OTHER)));
        JsonNode both = triage(mixed);
        assertSameFindings(both, alone);
        JsonNode in = both.path("inputs");
        assertThat(in.path("used").asLong()).isEqualTo(alone.path("inputs").path("used").asLong());
        // the other hub's Connections rows and its Routes rows (one after every 7th)
        assertThat(in.path("otherResources").asLong() + in.path("duplicates").asLong())
                .isEqualTo(otherRows.size() + otherRows.size() / 7);
        assertThat(in.path("otherResourceNames").get(0).path("name").asText()).isEqualTo("contoso-hub2");
        assertThat(both.path("findings").toString()).contains("of other resources (contoso-hub2");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void anotherHubsExportSaysNothingAboutThisHub(Format f) throws IOException {
        JsonNode r = triage(write("only-other", f, otherRows, Options.realistic().hub(OTHER)));
        assertThat(r.path("verdict").asText()).isEqualTo("INSUFFICIENT_EVIDENCE");
        assertThat(r.path("confidence").asText()).isEqualTo("LOW");
        assertThat(r.path("scope").path("affectedDevices").asInt()).isZero();
        assertThat(r.path("gaps").toString()).contains("of contoso-hub2").contains("and none of contoso-hub");
        assertThat(r.path("inputs").path("used").asLong()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void theSameRowsGivenTwiceCountOnce(Format f) throws IOException {
        Path whole = write("whole", f, hubRows, Options.realistic().hub(HUB));
        JsonNode once = triage(whole);
        JsonNode twice = triage(whole, whole);
        assertSameFindings(twice, once);
        assertThat(twice.path("inputs").path("duplicates").asLong())
                .isEqualTo(once.path("inputs").path("rows").asLong());
        assertThat(twice.path("findings").toString()).contains("duplicate rows (given more than once)");

        // two exports that overlap in the middle (the usual "I exported 10:00-10:30 and 10:15-10:45")
        List<ConnectionLogRow> byTime = new ArrayList<>(hubRows);
        byTime.sort(Comparator.comparing(ConnectionLogRow::time));
        int n = byTime.size();
        Path early = write("early", f, byTime.subList(0, n * 6 / 10), Options.realistic().hub(HUB));
        Path late = write("late", f, byTime.subList(n * 4 / 10, n), Options.realistic().hub(HUB));
        JsonNode overlapping = triage(early, late);
        assertSameFindings(overlapping, once);
        assertThat(overlapping.path("inputs").path("used").asLong()).isEqualTo(n);
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void otherCategoriesAreCountedAndChangeNothing(Format f) throws IOException {
        JsonNode plain = triage(write("plain", f, hubRows, Options.plain().hub(HUB)));
        JsonNode routes = triage(write("routes", f, hubRows, Options.realistic().hub(HUB).otherCategoryEvery(2)));
        assertSameFindings(routes, plain);
        assertThat(routes.path("inputs").path("otherCategories").asLong()).isEqualTo(hubRows.size() / 2);
        // the plain export has no resource column: its rows are taken as the hub's, and the report says so
        assertThat(plain.path("inputs").path("rowsWithoutResource").asLong()).isEqualTo(hubRows.size());
        assertThat(plain.path("findings").toString()).contains("name no resource (no _ResourceId, ResourceId or "
                + "Resource column) and were taken as contoso-hub's");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void aHubThatSendsOnlyRoutesIsNamedWithWhatItSends(Format f) throws IOException {
        Path both = write("routes-and-connections", f, hubRows, Options.realistic().hub(HUB).otherCategoryEvery(1));
        JsonNode r = triage(withoutConnections(f, both));
        assertThat(r.path("verdict").asText()).isEqualTo("NO_DIAGNOSTIC_LOGS");
        // the writer's Routes rows repeat their properties: those at the same millisecond are one row twice
        String routes = String.format("%,d Routes rows", r.path("inputs").path("otherCategories").asLong());
        assertThat(r.path("inputs").path("otherCategories").asLong()
                + r.path("inputs").path("duplicates").asLong()).isEqualTo(hubRows.size());
        assertThat(r.path("headline").asText()).contains("though it sends other logs (" + routes + ")")
                .doesNotContain("probably off");
        assertThat(r.path("findings").toString()).contains(routes + " and no Connections rows for contoso-hub");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void unreadableRowsAreAGapThatLowersConfidence(Format f) throws IOException {
        long blank = hubRows.stream().filter(r -> r.resultType().equals("401003")).count();
        JsonNode r = triage(write("blank-401003", f, hubRows,
                Options.realistic().hub(HUB).blankProperties(Set.of("401003"))));
        assertThat(r.path("confidence").asText()).isEqualTo("LOW");
        // blank rows of two devices at the same millisecond are identical rows by the contract's identity
        assertThat(r.path("inputs").path("unreadable").asLong() + r.path("inputs").path("duplicates").asLong())
                .isEqualTo(blank);
        assertThat(r.path("gaps").toString()).contains("could not be read (properties_s missing or blank");
        assertThat(r.path("findings").toString()).contains("error rows in the window could not be read")
                .contains("with 401003").contains("they could change the verdict");
        assertThat(r.path("findings").toString()).doesNotContain("the evidence is complete");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void aFileWithoutOneReadableRowIsBadInput(Format f) throws IOException {
        Path file = write("all-blank", f, hubRows, Options.realistic().hub(HUB).otherCategoryEvery(0)
                .blankProperties(Set.of("*")));
        TriageCommandTest.Run r = cli(List.of("triage", "--hub", HUB.resourceId(), "--from", from, "--to", to, "--logs",
                file.toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains(file.toString())
                .contains("none of its " + String.format("%d", hubRows.size()) + " rows can be read");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void aFileWithoutAnyRowIsBadInputNotMissingLogs(Format f) throws IOException {
        Path file = write("no-rows", f, List.of(), Options.realistic().hub(HUB));
        TriageCommandTest.Run r = cli(List.of("triage", "--hub", HUB.resourceId(), "--from", from, "--to", to, "--logs",
                file.toString()));
        assertThat(r.code()).as(r.out()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        String expected = switch (f) {
            case PORTAL_CSV -> "has a header but no rows";
            case CLI_JSON_ARRAY -> "is an empty array";
            default -> "is a Log Analytics response whose tables hold no rows";
        };
        assertThat(r.err().strip()).doesNotContain("\n").startsWith("iothub-triage: " + file + ": " + expected)
                .doesNotContain("diagnostic setting");
    }

    @Test
    void aCsvHeaderWithoutLineBreakIsBadInputToo() throws IOException {
        Path file = dir.resolve("header-no-newline.csv");
        Files.writeString(file, "TimeGenerated [UTC],Category,OperationName,ResultType,Level,properties_s,"
                + "x".repeat(200_000), StandardCharsets.UTF_8);
        TriageCommandTest.Run r = cli(List.of("triage", "--hub", HUB.resourceId(), "--from", from, "--to", to, "--logs",
                file.toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("iothub-triage: " + file + ": has a header but no rows: an export of no rows cannot show"
                + " the window");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void anExportOfAnotherTimeProvesNothingAboutTheWindow(Format f) throws IOException {
        Path file = write("another-time", f, hubRows, Options.realistic().hub(HUB));
        JsonNode r = triage("2025-01-15T10:11:07Z", "2025-01-15T10:46:07Z", List.of(), file);
        assertThat(r.path("verdict").asText()).isEqualTo("INSUFFICIENT_EVIDENCE");
        assertThat(r.path("headline").asText()).doesNotContain("diagnostic setting")
                .contains("the logs cover 2026-01-14");
        assertThat(r.path("gaps").toString()).contains("not the window 2025-01-15 10:11–10:46 UTC");

        // a window still to come (an alert dated 2036) is no window of another time but bad input: no export holds it
        TriageCommandTest.Run ahead = cli(List.of("triage", "--hub", HUB.resourceId(), "--from",
                "2036-01-15T10:11:07Z", "--to", "2036-01-15T10:46:07Z", "--logs", file.toString()));
        assertThat(ahead.code()).isEqualTo(2);
        assertThat(ahead.err()).startsWith("iothub-triage: --from: 2036-01-15 10:11 UTC has not come yet (now ");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void anExportThatStopsInsideTheWindowIsAGapNotACleanWindow(Format f) throws IOException {
        Instant cut = Instant.parse(from).plusSeconds(15 * 60);
        List<ConnectionLogRow> early = hubRows.stream().filter(r -> r.time().isBefore(cut)).toList();
        Instant last = early.stream().map(ConnectionLogRow::time).max(Comparator.naturalOrder()).orElseThrow();
        JsonNode r = triage(write("stops-early", f, early, Options.realistic().hub(HUB)));
        // the expired credentials strike at 10:41, after the rows end: no verdict may be drawn from 10:11–10:26
        assertThat(r.path("verdict").asText()).isEqualTo("INSUFFICIENT_EVIDENCE");
        assertThat(r.path("confidence").asText()).isEqualTo("LOW");
        String end = last.toString().substring(11, 19);
        assertThat(r.path("gaps").toString()).contains("the logs cover only 2026-01-15 10:11–" + end.substring(0, 5)
                + " UTC of the window 2026-01-15 10:11–10:46 UTC: the hub's rows end at " + end + " UTC");
        assertThat(r.path("headline").asText()).contains("the logs given miss part of the window")
                .doesNotContain("cleanly").doesNotContain("points at");
        assertThat(r.path("freshness").path("newestRow").asText()).startsWith(last.toString().substring(0, 19));
        assertThat(r.path("findings").toString()).contains("do not cover the whole window")
                .doesNotContain("the evidence is complete");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void anExportThatStartsInsideTheWindowIsAGapToo(Format f) throws IOException {
        Instant start = Instant.parse(from).plusSeconds(20 * 60);
        List<ConnectionLogRow> late = hubRows.stream().filter(r -> !r.time().isBefore(start)).toList();
        Instant first = late.stream().map(ConnectionLogRow::time).min(Comparator.naturalOrder()).orElseThrow();
        JsonNode r = triage(write("starts-late", f, late, Options.realistic().hub(HUB)));
        // the incident is in the minutes the export holds: its cause stands, at most MEDIUM, the missing start a gap
        assertThat(r.path("verdict").asText()).isEqualTo("AUTHENTICATION_FAILURES");
        assertThat(r.path("confidence").asText()).isEqualTo("MEDIUM");
        JsonNode findings = r.path("findings");
        assertThat(findings.get(findings.size() - 1).asText())
                .startsWith("Confidence MEDIUM: the logs given cover only part of the window (")
                .contains("), so the rest of it is not known").doesNotContain("only partly read");
        assertThat(r.path("gaps").toString()).contains("the hub's rows begin at " + first.toString().substring(11, 19)
                + " UTC").contains("since the window's start");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void anExportCutShortBeforeTheIncidentCannotSayThereWasNone(Format f) throws IOException {
        // the rows stop before the incident's errors: "no connection errors" would speak for minutes the file lacks
        Instant firstError = hubRows.stream().filter(r -> !r.resultType().isEmpty())
                .map(ConnectionLogRow::time).filter(t -> !t.isBefore(Instant.parse(from)))
                .min(Comparator.naturalOrder()).orElseThrow();
        Path logs = write("before-incident", f, hubRows.stream().filter(r -> r.time().isBefore(firstError)).toList(),
                Options.realistic().hub(HUB));
        JsonNode r = triage(logs);
        assertThat(r.path("verdict").asText()).isEqualTo("INSUFFICIENT_EVIDENCE");
        assertThat(r.path("confidence").asText()).isEqualTo("LOW");
        assertThat(r.path("headline").asText()).startsWith("The cause is unknown because the logs given miss part of "
                + "the window (");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void anExportStartingJustBeforeTheWindowClaimsNoUsualRate(Format f) throws IOException {
        Instant start = Instant.parse(from).minusSeconds(10 * 60);
        JsonNode r = triage(write("short-baseline", f, hubRows.stream().filter(x -> !x.time().isBefore(start))
                .toList(), Options.realistic().hub(HUB)));
        assertThat(r.path("verdict").asText()).isEqualTo("AUTHENTICATION_FAILURES");
        assertThat(r.path("findings").toString())
                .contains("The logs given hold only the 10 minutes before the window, too little to tell this hub's "
                        + "usual error rates: no code is marked unusual.")
                .doesNotContain("previous 24 h").doesNotContain("the evidence is complete");
        for (JsonNode e : r.path("errors")) {
            assertThat(e.path("unusual").asBoolean()).as(e.toString()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void anExportOfTheWholeWindowAndAfterIsNotAGap(Format f) throws IOException {
        JsonNode r = triage(write("whole", f, hubRows, Options.realistic().hub(HUB)));
        assertThat(r.path("verdict").asText()).isEqualTo("AUTHENTICATION_FAILURES");
        assertThat(r.path("gaps").toString()).doesNotContain("cover only");
    }

    @Test
    void healthOfAnotherResourceIsBadInputNamingBothIds() throws IOException {
        Path logs = write("for-health", Format.CLI_JSON_ARRAY, hubRows, Options.realistic().hub(HUB));
        Path vm = Path.of("src/test/resources/samples/resourcehealth/2025-05-01_AvailabilityStatus_GetByResource.json");
        TriageCommandTest.Run r = cli(List.of("triage", "--hub", HUB.resourceId(), "--from", from, "--to", to, "--logs",
                logs.toString(), "--health", vm.toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains(vm.toString())
                .contains("virtualMachines").contains(HUB.resourceId());
    }

    @Test
    void healthOfAnotherTimeIsAGapNotAnOutageNow() throws IOException {
        Path logs = write("for-old-health", Format.CLI_JSON_ARRAY, hubRows, Options.realistic().hub(HUB));
        ObjectNode status = (ObjectNode) JSON.readTree(Path.of(
                "src/test/resources/samples/resourcehealth/2025-05-01_AvailabilityStatus_GetByResource.json").toFile());
        ObjectNode body = status.has("responses") ? (ObjectNode) status.path("responses").path("200").path("body")
                : status;
        body.put("id", HUB.resourceId() + "/providers/Microsoft.ResourceHealth/availabilityStatuses/current");
        Path old = dir.resolve("old-health.json");
        JSON.writeValue(old.toFile(), body);
        JsonNode r = triage(from, to, List.of("--health", old.toString()), logs);
        assertThat(r.path("verdict").asText()).isEqualTo("AUTHENTICATION_FAILURES");
        assertThat(r.path("headline").asText()).doesNotContain("still Unavailable");
        assertThat(r.path("gaps").toString()).contains("resourceHealth").contains("not the window");
    }

    /** A Resource Health list for the hub: one status from {@code from} (and a later one when given). */
    static Path health(String name, String... statuses) throws IOException {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < statuses.length; i += 3) {
            items.append(items.length() == 0 ? "" : ",").append("""
                    {"id":"%s/providers/Microsoft.ResourceHealth/availabilityStatuses/s%d","name":"s%d",
                     "type":"Microsoft.ResourceHealth/AvailabilityStatuses","location":"westeurope",
                     "properties":{"availabilityState":"%s","summary":"%s","occuredTime":"%s","reportedTime":"%s",
                     "context":"Platform Initiated"}}""".formatted(HUB.resourceId(), i, i, statuses[i],
                    statuses[i + 1], statuses[i + 2], statuses[i + 2]));
        }
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, "{\"value\":[" + items + "]}", StandardCharsets.UTF_8);
        return file;
    }

    static String text(String start, String end, List<String> extra, Path logs) {
        List<String> args = new ArrayList<>(List.of("triage", "--hub", HUB.resourceId(), "--from", start, "--to", end,
                "--format", "text", "--logs", logs.toString()));
        args.addAll(extra);
        TriageCommandTest.Run r = cli(args);
        assertThat(r.code()).as(r.err()).isZero();
        return r.out().replaceAll("\\s+", " ");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void logsAndHealthOfAnotherTimeAreSaidToBeSoNotUnread(Format f) throws IOException {
        Path logs = write("week-before", f, hubRows, Options.realistic().hub(HUB));
        Path old = health("health-week-before", "Available", "No known problems.", "2026-01-10T08:00:00Z");
        String out = text("2026-01-22T10:11:07Z", "2026-01-22T10:46:07Z", List.of("--health", old.toString()), logs);
        assertThat(out).startsWith("INSUFFICIENT_EVIDENCE")
                .contains("hub health is unknown (the Resource Health given covers another time)")
                .contains("Scope NONE: not known, the logs given cover another time")
                .contains("Health the Resource Health given covers another time (see Gaps)")
                .contains(String.format("Rows %,d rows read, %,d kept, none usable for the window: the logs given "
                        + "cover another time;", hubRows.size() + hubRows.size() / 7, hubRows.size()))
                .contains("Errors Not known: the logs given cover another time (see Gaps).")
                .contains("1. Export the hub's Connections rows for the window 2026-01-22 10:11–10:46 UTC")
                .contains("Check the hub's Resource Health for 10:11–10:46 UTC (link below): the file given covers"
                        + " another time.")
                .doesNotContain("could not be read").doesNotContain("Resource Health not read")
                .doesNotContain("Restore access")
                .doesNotContain("No connection errors besides noise").doesNotContain("rows used");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void anExportOfPartOfTheWindowSaysWhatIsNotKnown(Format f) throws IOException {
        Instant cut = Instant.parse(from).plusSeconds(15 * 60);
        Path logs = write("part", f, hubRows.stream().filter(r -> r.time().isBefore(cut)).toList(),
                Options.realistic().hub(HUB));
        String out = text(from, to, List.of(), logs);
        assertThat(out).contains("Errors Not known: the logs given cover only part of the window (see Gaps).")
                .containsPattern("rows read, [\\d,]+ kept, none usable for the window: the logs given cover only part "
                        + "of the window")
                .contains("1. Export the hub's Connections rows for the whole window 2026-01-15 10:11–10:46 UTC")
                .doesNotContain("Restore access").doesNotContain("were not read");
    }

    @Test
    void resourceHealthsOwnFullStopIsNotDoubled() throws IOException {
        Path logs = write("for-outage", Format.CLI_JSON_ARRAY, hubRows, Options.realistic().hub(HUB));
        Path outage = health("outage", "Available", "No known problems.", "2026-01-10T08:00:00Z",
                "Unavailable", "We're sorry, your IoT hub is unavailable.", "2026-01-15T10:30:00Z");
        String out = text(from, to, List.of("--health", outage.toString()), logs);
        assertThat(out).contains("platform-initiated: We're sorry, your IoT hub is unavailable.")
                .doesNotContain("unavailable..");
    }

    @Test
    void metricsOfAnotherHubAreBadInput() throws IOException {
        Path logs = write("for-metrics", Format.CLI_JSON_ARRAY, hubRows, Options.realistic().hub(HUB));
        Path metrics = dir.resolve("other-metrics.json");
        Files.writeString(metrics, """
                {"cost":0,"timespan":"2026-01-15T10:11:07Z/2026-01-15T10:46:07Z","interval":"PT1M",
                 "value":[{"id":"%s/providers/Microsoft.Insights/metrics/connectedDeviceCount",
                   "type":"Microsoft.Insights/metrics","name":{"value":"connectedDeviceCount"},"unit":"Count",
                   "timeseries":[{"metadatavalues":[],"data":[{"timeStamp":"2026-01-15T10:20:00Z","average":900}]}]}]}
                """.formatted(OTHER.resourceId()));
        TriageCommandTest.Run r = cli(List.of("triage", "--hub", HUB.resourceId(), "--from", from, "--to", to, "--logs",
                logs.toString(), "--metrics", metrics.toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains(metrics.toString())
                .contains("IotHubs/contoso-hub2").contains(HUB.resourceId());
    }

    // ---- exports as people combine them ----

    /** One export holding both files' rows (a workspace query without a resource filter). */
    static Path merge(Format f, Path a, Path b) throws IOException {
        Path out = dir.resolve("merged-" + a.getFileName());
        if (f == Format.PORTAL_CSV) {
            List<String> first = Files.readAllLines(a, StandardCharsets.UTF_8);
            List<String> second = Files.readAllLines(b, StandardCharsets.UTF_8);
            List<String> all = new ArrayList<>(first);
            all.addAll(second.subList(1, second.size()));
            Files.write(out, all, StandardCharsets.UTF_8);
            return out;
        }
        JsonNode x = JSON.readTree(a.toFile());
        JsonNode y = JSON.readTree(b.toFile());
        if (f == Format.CLI_JSON_ARRAY) {
            ((ArrayNode) x).addAll((ArrayNode) y);
        } else {
            ((ArrayNode) x.path("tables").get(0).path("rows")).addAll((ArrayNode) y.path("tables").get(0).path("rows"));
        }
        JSON.writeValue(out.toFile(), x);
        return out;
    }

    /** The same export with its Connections rows removed: what a hub whose setting sends only Routes exports. */
    static Path withoutConnections(Format f, Path file) throws IOException {
        Path out = dir.resolve("no-connections-" + file.getFileName());
        if (f == Format.PORTAL_CSV) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> kept = new ArrayList<>(List.of(lines.get(0)));
            lines.stream().skip(1).filter(l -> !l.contains(",Connections,")).forEach(kept::add);
            Files.write(out, kept, StandardCharsets.UTF_8);
            return out;
        }
        JsonNode doc = JSON.readTree(file.toFile());
        if (f == Format.CLI_JSON_ARRAY) {
            ArrayNode kept = JSON.createArrayNode();
            doc.forEach(row -> {
                if (!row.path("Category").asText().equals("Connections")) {
                    kept.add(row);
                }
            });
            JSON.writeValue(out.toFile(), kept);
            return out;
        }
        JsonNode table = doc.path("tables").get(0);
        int category = -1;
        for (int i = 0; i < table.path("columns").size(); i++) {
            if (table.path("columns").get(i).path("name").asText().equals("Category")) {
                category = i;
            }
        }
        ArrayNode kept = JSON.createArrayNode();
        for (JsonNode row : table.path("rows")) {
            if (!row.get(category).asText().equals("Connections")) {
                kept.add(row);
            }
        }
        ((ObjectNode) table).set("rows", kept);
        JSON.writeValue(out.toFile(), doc);
        return out;
    }
}
