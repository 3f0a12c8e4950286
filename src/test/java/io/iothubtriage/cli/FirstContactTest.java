package io.iothubtriage.cli;

import io.iothubtriage.alert.HubId;
import io.iothubtriage.cli.TriageCommandTest.Run;
import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.simulation.FleetScenario;
import io.iothubtriage.simulation.Incident;
import io.iothubtriage.simulation.RowOrder;
import io.iothubtriage.testing.ExportWriter;
import io.iothubtriage.testing.ExportWriter.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.iothubtriage.cli.TriageCommandTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

/** What a new user meets first: help, version, and a clear one-line reason for every bad input. */
class FirstContactTest {

    static final String ALERT = "src/test/resources/alerts/iothub-connected-devices-fired.json";
    static final String HUB = "/subscriptions/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/"
            + "iot-prod-rg/providers/Microsoft.Devices/IotHubs/contoso-hub";

    @TempDir
    Path dir;

    /** A small real export: 200 simulated devices around the alert's time. */
    Path logs() throws IOException {
        Path file = dir.resolve("connections.json");
        if (!Files.exists(file)) {
            FleetScenario scenario = FleetScenario.builder().hub(HubId.parse(HUB)).devices(200).seed(3)
                    .firedAt(Instant.parse("2026-01-15T10:41:07Z")).site("203.0.113.XXX", 0.3)
                    .incident(Incident.siteOutage("203.0.113.XXX", 0.95)).build();
            List<ConnectionLogRow> rows = new ArrayList<>();
            scenario.rows(rows::add, RowOrder.NEWEST_FIRST);
            ExportWriter.write(file, Format.CLI_JSON_ARRAY, rows, ExportWriter.Options.realistic());
        }
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"triage", "doctor", "demo"})
    void everyCommandHasHelpThatNamesEachOfItsOptions(String command) {
        for (String help : new String[]{"--help", "-h"}) {
            Run run = cli(command, help);
            assertThat(run.code()).as(command + " " + help + ": " + run.err()).isZero();
            assertThat(run.err()).isEmpty();
            Set<String> options = switch (command) {
                case "triage" -> union(TriageCommand.VALUED, TriageCommand.FLAGS);
                case "doctor" -> DoctorCommand.VALUED;
                default -> union(DemoCommand.VALUED, DemoCommand.FLAGS);
            };
            for (String option : options) {
                assertThat(run.out()).as(command + " help describes --" + option).contains("--" + option + " ");
            }
            assertThat(run.out().lines()).allMatch(l -> l.length() <= 100, "lines fit 100 columns");
        }
        // Help wins over everything else on the line, even a bad option.
        assertThat(cli(command, "--bogus", "--help").code()).isZero();
    }

    @Test
    void helpSaysWhatTheOptionsAccept() {
        String triage = cli("triage", "--help").out();
        assertThat(triage).contains("PT1H, 90m, 6h, 2d").contains("2026-01-15T10:00:00Z")
                .contains("workspace id").contains("common alert schema");
        assertThat(cli("demo", "--help").out()).contains("--out-dir DIR").contains("created if missing");
        assertThat(cli("--help").out()).contains("triage").contains("doctor").contains("demo").contains("--version");
        assertThat(cli("help", "doctor").out()).isEqualTo(cli("doctor", "--help").out());
    }

    @Test
    void versionIsThePomVersionAndTheCommit() throws IOException {
        Matcher pom = Pattern.compile("<artifactId>iothub-triage</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(pom.find()).isTrue();

        Run run = cli("--version");

        assertThat(run.code()).isZero();
        assertThat(run.out().strip()).matches("iothub-triage " + Pattern.quote(pom.group(1))
                + " \\((commit [0-9a-f]{7,40}( with local changes)?|unknown commit)\\)");
    }

    @Test
    void aBuildOutsideGitSaysUnknownCommit() {
        Properties p = new Properties();
        p.setProperty("version", "1.2.3");
        p.setProperty("commit", "unknown commit");
        assertThat(BuildInfo.of(p).line()).isEqualTo("iothub-triage 1.2.3 (unknown commit)");
        assertThat(BuildInfo.of(new Properties()).line()).isEqualTo("iothub-triage unknown version (unknown commit)");
    }

    @Test
    void outIntoAMissingFolderSaysTheFolderIsMissing() throws IOException {
        Path out = dir.resolve("no-such-folder").resolve("r.txt");
        Run run = cli("triage", "--alert", ALERT, "--logs", logs().toString(),
                "--out", out.toString());
        assertThat(run.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err().strip()).isEqualTo("iothub-triage: --out " + out + ": cannot be written: the folder "
                + out.getParent() + " does not exist (create it first)");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void outThatIsAnInputIsRefusedAndTheInputKept() throws IOException {
        Path logs = dir.resolve("export.json");
        Files.copy(logs(), logs);
        byte[] before = Files.readAllBytes(logs);
        // The same file by another spelling of its path.
        String sameFile = dir.resolve("sub").resolve("..").resolve("export.json").toString();
        Files.createDirectories(dir.resolve("sub"));

        for (String[] call : new String[][]{
                {"triage", "--alert", ALERT, "--logs", logs.toString(), "--out", sameFile},
                {"triage", "--alert", ALERT, "--logs", logs.toString(), "--out", ALERT}}) {
            Run run = cli(call);
            assertThat(run.code()).as(run.err()).isEqualTo(Main.BAD_INPUT);
            assertThat(run.err().strip()).startsWith("iothub-triage: --out ").contains("is also the --")
                    .contains("would overwrite it");
        }
        assertThat(Files.readAllBytes(logs)).isEqualTo(before);
    }

    @Test
    void aHugeCellNamesTheFileRowFieldAndTheLimitInWords() throws IOException {
        Path big = dir.resolve("big-cell.json");
        String row = "{\"time\":\"2026-01-15T10:40:00Z\",\"category\":\"Connections\",\"operationName\":"
                + "\"deviceConnect\",\"properties\":\"{}\"}";
        Files.writeString(big, "[" + row + "," + row.replace("\"{}\"", "\"" + "x".repeat(20_051_112) + "\"") + "]");

        Run run = cli("triage", "--alert", ALERT, "--logs", big.toString());

        assertThat(run.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err().strip()).startsWith("iothub-triage: " + big + ": row 2, field properties (line 1, column ")
                .endsWith("a text value of 20,051,112 characters is longer than the 20,000,000 characters (about "
                        + "20 MB) one value may hold; the file is damaged or not an export")
                .doesNotContain("StreamReadConstraints");
    }

    @Test
    void deepNestingSaysWhatItFoundWhereInPlainWords() throws IOException {
        Path nested = Files.writeString(dir.resolve("nested.json"), "{\"tables\":[[[]]]}");
        Path deep = Files.writeString(dir.resolve("deep.json"), "[{\"properties\":" + "[".repeat(1_200)
                + "]".repeat(1_200) + "}]");

        Run tables = cli("triage", "--alert", ALERT, "--logs", nested.toString());
        assertThat(tables.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(tables.err().strip()).isEqualTo("iothub-triage: " + nested + ": is a Log Analytics response "
                + "whose \"tables\" holds an array where a table object belongs (line 1, column 13)");

        Run tooDeep = cli("triage", "--alert", ALERT, "--logs", deep.toString());
        assertThat(tooDeep.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(tooDeep.err().strip()).startsWith("iothub-triage: " + deep + ": row 1, field properties")
                .contains("levels deep, more than the 1,000 levels allowed").doesNotContain("StreamReadConstraints");
    }

    @Test
    void aTenYearWindowSaysTheLimitInWords() throws IOException {
        Run run = cli("triage", "--hub", HUB, "--logs", logs().toString(),
                "--from", "2016-01-01T00:00:00Z", "--to", "2026-01-01T00:35:00Z");
        assertThat(run.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err().strip()).isEqualTo("iothub-triage: --from/--to: the window must be at most 30 days, "
                + "was 3,653 days (about 10 years)");
    }

    @Test
    void lookbackTakesTheSameFormsAsTheRerunEndpointAndSaysItsLimitInWords() {
        Run typo = cli("triage", "--hub", HUB, "--lookback", "90q");
        assertThat(typo.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(typo.err().strip()).isEqualTo("iothub-triage: --lookback: is not a duration such as PT1H, 90m, "
                + "6h, 2d or 1h30m: '90q'");
        Run tooLong = cli("triage", "--hub", HUB, "--lookback", "10d");
        assertThat(tooLong.err().strip()).isEqualTo("iothub-triage: --lookback: may be at most 7 days, was 10 days");
        // said as what they are: a number too big to hold, a minus sign in either form
        assertThat(cli("triage", "--hub", HUB, "--lookback", "999999999999999999999h").err().strip())
                .isEqualTo("iothub-triage: --lookback: may be at most 7 days, was '999999999999999999999h'");
        assertThat(cli("triage", "--hub", HUB, "--lookback", "-1h").err().strip())
                .isEqualTo("iothub-triage: --lookback: must be longer than zero, was '-1h'");
        assertThat(cli("triage", "--hub", HUB, "--lookback", "PT-1H").err().strip())
                .isEqualTo("iothub-triage: --lookback: must be longer than zero, was 'PT-1H'");
        // and a run of files names only what it was given that does not go with them
        Run withLogs = cli("triage", "--hub", HUB, "--lookback", "1h", "--logs", "/nonexistent/export.csv");
        assertThat(withLogs.err().strip()).isEqualTo("iothub-triage: --lookback is for live runs; with --logs give"
                + " the window with --alert or --from/--to");
        Run workspace = cli("triage", "--alert", ALERT, "--workspace", "abc", "--logs", "/nonexistent/export.csv");
        assertThat(workspace.err().strip()).isEqualTo("iothub-triage: --workspace is for live runs; with --logs the"
                + " rows come from the files, so leave it out");
    }

    @Test
    void demoOutDirBelowAFileExitsTwoBeforeAnyOutput() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        for (Path outDir : List.of(file.resolve("sub"), file.resolve("sub").resolve("deeper"))) {
            Run run = cli("demo", "--out-dir", outDir.toString());
            assertThat(run.code()).isEqualTo(Main.BAD_INPUT);
            assertThat(run.err().strip()).isEqualTo("iothub-triage: --out-dir " + outDir + ": cannot be created: "
                    + file + " is a file, not a folder; give a folder for the payloads (it is created if missing)");
            assertThat(run.out()).isEmpty();
        }
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void anUnknownDemoScenarioLeavesNoFolderBehind() {
        Path outDir = dir.resolve("demo-out");
        Run run = cli("demo", "--scenario", "nope", "--out-dir", outDir.toString());
        assertThat(run.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err().strip()).startsWith("iothub-triage: unknown --scenario nope (try one of: ");
        assertThat(outDir).doesNotExist();
    }

    @Test
    void anAlertFileThatIsNoAlertJsonIsSaidInTheFilesWords() throws IOException {
        String logs = logs().toString();
        Path empty = Files.writeString(dir.resolve("empty.json"), "  \n");
        assertThat(cli("triage", "--alert", empty.toString(), "--logs", logs).err().strip())
                .isEqualTo("iothub-triage: " + empty + ": empty; expected a common alert schema JSON object");
        Path gzip = Files.write(dir.resolve("alert.json.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3});
        Run gz = cli("triage", "--alert", gzip.toString(), "--logs", logs);
        assertThat(gz.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(gz.err().strip()).isEqualTo("iothub-triage: " + gzip + ": is gzip-compressed; give the alert's JSON"
                + " itself (gunzip it first)");
        Path binary = Files.write(dir.resolve("alert.bin"), new byte[] {'=', 3, 7, 'x', 2, 1});
        assertThat(cli("triage", "--alert", binary.toString(), "--logs", logs).err().strip())
                .isEqualTo("iothub-triage: " + binary + ": is binary data, not an alert's JSON (the common alert"
                        + " schema)");
    }

    @Test
    void aSecondFileAfterOneLogsSaysToRepeatTheOption() throws IOException {
        String logs = logs().toString();
        Run run = cli("triage", "--alert", ALERT, "--logs", logs, "b.csv");
        assertThat(run.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err().strip()).isEqualTo("iothub-triage: unexpected argument 'b.csv' after the value of "
                + "--logs: one --logs takes one file; repeat it for each (--logs FILE --logs FILE)");
        assertThat(run.out()).isEmpty();

        Run post = cli("triage", "--alert", ALERT, "--logs", logs, "--post", "https://example.com/hooks/SECRET",
                "https://example.com/hooks/OTHER");
        assertThat(post.err().strip()).isEqualTo("iothub-triage: unexpected argument (not shown: it may be a webhook "
                + "URL, a secret) after the value of --post: one --post takes one url; repeat it for each (--post URL "
                + "--post URL)");

        Run metrics = cli("triage", "--alert", ALERT, "--logs", logs, "--metrics", "m1.json", "m2.json");
        assertThat(metrics.err().strip()).isEqualTo("iothub-triage: unexpected argument 'm2.json' after the value of "
                + "--metrics, which takes one value");
        Run first = cli("triage", "stray", "--alert", ALERT);
        assertThat(first.err().strip()).isEqualTo("iothub-triage: unexpected argument 'stray' (options start with --)");

        // an option of another tool's style is an unknown option, wherever it comes, not a second value
        Run shortOption = cli("triage", "--alert", ALERT, "--logs", logs, "-x");
        assertThat(shortOption.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(shortOption.err().strip()).isEqualTo("iothub-triage: unknown option -x for 'triage' (options start"
                + " with --)");
        assertThat(cli("doctor", "--hub", "/subscriptions/x", "-v").err().strip())
                .isEqualTo("iothub-triage: unknown option -v for 'doctor' (options start with --)");
    }

    @Test
    void usageShowsEachRepeatedFileWithItsOwnOption() {
        String help = cli("triage", "--help").out();
        assertThat(help).contains("--logs FILE [--logs FILE …]").doesNotContain("FILE ...").doesNotContain("FILE …]]…");
        assertThat(help.lines().filter(l -> l.contains("--logs FILE")).toList())
                .allMatch(l -> l.contains("--logs FILE [--logs FILE …]") || l.strip().startsWith("--logs FILE "));
    }

    @Test
    void anUnknownOptionBeforeAnyCommandIsCalledAnOptionAndPointsToHelp() {
        Run run = cli("--bogus");
        assertThat(run.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err().strip()).isEqualTo("iothub-triage: unknown option '--bogus' (the options are --help and "
                + "--version, or a command's, after it: triage, demo, doctor; see iothub-triage --help)");
        assertThat(run.out()).isEmpty();
        assertThat(cli("tirage").err().strip()).isEqualTo("iothub-triage: unknown command 'tirage' (commands: triage, "
                + "demo, doctor; see iothub-triage --help)");
    }

    @Test
    void anImpossibleFromSaysWhyAndTheFormsAccepted() throws IOException {
        Run run = cli("triage", "--hub", HUB, "--logs", logs().toString(), "--from", "2026-02-30T10:00:00Z",
                "--to", "2026-03-01T10:00:00Z");
        assertThat(run.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err().strip()).isEqualTo("iothub-triage: --from: not a date-time: \"2026-02-30T10:00:00Z\": "
                + "there is no 30 February in 2026 (expected ISO-8601 in UTC or with an offset, such as "
                + "2026-01-15T10:00:00Z or 2026-01-15T11:00+01:00, or 2026-01-15 10:00 taken as UTC)");
    }

    @Test
    void demoOutDirThatIsAFileExitsTwo() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Run run = cli("demo", "--out-dir", file.toString());
        assertThat(run.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err().strip()).isEqualTo("iothub-triage: --out-dir " + file + ": is a file, not a folder; "
                + "give a folder for the payloads (it is created if missing)");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aDemoPayloadThatCannotBeWrittenIsNamedWithTheReason() throws IOException {
        Path out = Files.createDirectories(dir.resolve("demo"));
        Path inTheWay = Files.createDirectories(out.resolve("slack.json"));
        Run run = cli("demo", "--out-dir", out.toString());
        assertThat(run.code()).isEqualTo(Main.FAILURE);
        assertThat(run.err().strip()).isEqualTo("iothub-triage: could not write the demo payloads to " + out + ": "
                + inTheWay + " is a folder");
        // the one written before it is complete
        assertThat(Files.readString(out.resolve("teams.json"))).startsWith("{").endsWith("}\n");
    }

    @Test
    void theDemoSaysWhatItDidWithoutBlankLines() {
        Run run = cli("demo", "--out-dir", dir.resolve("demo").toString());
        assertThat(run.code()).isZero();
        assertThat(run.err()).doesNotStartWith("\n").doesNotContain("\n\n").doesNotContain("\u001b");
        assertThat(run.err().lines()).hasSize(2);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
