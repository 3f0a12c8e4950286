package io.iothubtriage.cli;

import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.diagnosis.ReportFormat;
import io.iothubtriage.diagnosis.Triage;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.notify.ChatPayloads;
import io.iothubtriage.notify.Destination;
import io.iothubtriage.notify.HtmlReport;
import io.iothubtriage.notify.Notification;
import io.iothubtriage.notify.ReportJson;
import io.iothubtriage.simulation.FleetScenario;
import io.iothubtriage.simulation.Scenarios;
import io.iothubtriage.simulation.SimulatedSources;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code iothub-triage demo}: the whole engine on a bundled, simulated hub, no network needed. A fleet of 1,000
 * devices with hourly SAS renewals and background churn, in which the site behind 203.0.113.XXX loses its network.
 * Prints the report and writes the Teams, Slack and JSON payloads next to it, ready to paste into a webhook.
 * {@code --scenario NAME} runs another bundled scenario instead, e.g. {@code disable-local-auth}: a user switches
 * the hub's local authentication off and the report names that change.
 */
final class DemoCommand {

    static final Set<String> VALUED = Set.of("format", "out-dir", "scenario");
    static final Set<String> FLAGS = Set.of("color");

    private final PrintStream out;
    private final PrintStream err;

    DemoCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) throws UsageException, BadInputException {
        CommandLine cl = CommandLine.parse(args, VALUED, Set.of(), FLAGS);
        OutputFormat format = cl.value("format").isPresent() ? OutputFormat.parse(cl.value("format").get())
                : OutputFormat.TEXT;
        Path dir = Path.of(cl.value("out-dir").orElse("iothub-triage-demo"));

        Optional<Scenarios.Preset> preset = Optional.empty();
        if (cl.value("scenario").isPresent()) {
            String name = cl.value("scenario").get();
            preset = Scenarios.byName(name);
            if (preset.isEmpty()) {
                throw new UsageException("unknown --scenario " + name + " (try one of: " + Scenarios.all().stream()
                        .map(Scenarios.Preset::name).collect(Collectors.joining(", ")) + ")");
            }
        }
        // the folder is made once every option is known good: a bad one leaves nothing behind
        createOutDir(dir);
        // ifs rather than Optional lambdas: the demo is over in a fraction of a second, and each lambda's first call
        // costs a bootstrap in its cold JVM
        FleetScenario scenario = preset.isPresent() ? preset.get().build() : Scenarios.demo();
        TriageReport report;
        try (Triage triage = SimulatedSources.triage(scenario)) {
            report = triage.run(scenario.request());
        }
        out.print(format.render(report, cl.flag("color")));
        try {
            Notification n = Notification.of(report);
            write(dir.resolve("teams.json"), ChatPayloads.renderPretty(n, Destination.Kind.TEAMS));
            write(dir.resolve("slack.json"), ChatPayloads.renderPretty(n, Destination.Kind.SLACK));
            write(dir.resolve("report.json"), ReportJson.toPrettyJson(report));
            write(dir.resolve("report.html"), new HtmlReport().render(report));
        } catch (IOException | UncheckedIOException e) {
            err.println("iothub-triage: could not write the demo payloads to " + dir + ": "
                    + OutputFiles.reason(e instanceof UncheckedIOException u ? u.getCause() : (IOException) e));
            return Main.FAILURE;
        }
        err.println("Simulated hub: " + ReportFormat.count(scenario.devices()) + " devices, hourly SAS renewals, "
                + "background churn, and " + (preset.isPresent() ? "this: " + preset.get().description()
                : "one incident (the site behind 203.0.113.XXX loses its network)."));
        err.println("Payloads written to " + dir + "/: teams.json (Teams Workflows webhook), slack.json (Slack "
                + "incoming webhook), report.json (report JSON), report.html (the timeline report, open it in a browser).");
        return Main.OK;
    }

    /**
     * The payloads' folder, made before anything is printed: a folder that cannot be made (a file in its way, no
     * permission) is bad input, said in one line instead of after a whole report.
     */
    private static void createOutDir(Path dir) throws BadInputException {
        String where = "--out-dir " + dir;
        String advice = "; give a folder for the payloads (it is created if missing)";
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException(where, "is a file, not a folder" + advice);
        }
        // the folders above as the user spelled them (afile, not /home/me/afile); above a relative path, the
        // current folder, which exists
        for (Path above = dir.normalize().getParent(); above != null; above = above.getParent()) {
            if (Files.exists(above)) {
                if (!Files.isDirectory(above)) {
                    throw new BadInputException(where, "cannot be created: " + above + " is a file, not a folder"
                            + advice);
                }
                break;
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadInputException(where, "cannot be created: " + OutputFiles.reason(e) + advice);
        }
    }

    private static void write(Path file, String content) throws IOException {
        OutputFiles.writeUtf8(file, content.endsWith("\n") ? content : content + "\n");
    }
}
