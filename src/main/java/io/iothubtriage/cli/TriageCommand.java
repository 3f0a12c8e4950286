package io.iothubtriage.cli;

import io.iothubtriage.alert.AlertParser;
import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.Timestamps;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.alert.WindowPolicy;
import io.iothubtriage.diagnosis.Triage;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.evidence.ChangeEvidence;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.DeviceCountEvidence;
import io.iothubtriage.evidence.EvidenceException;
import io.iothubtriage.evidence.ExportedEvidence;
import io.iothubtriage.evidence.Fetched;
import io.iothubtriage.evidence.HubHealthEvidence;
import io.iothubtriage.evidence.azure.LiveSources;
import io.iothubtriage.notify.DeliveryResult;
import io.iothubtriage.notify.Destination;
import io.iothubtriage.notify.Notifier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code iothub-triage triage}: from exported files ({@code --logs}, offline) or live from Azure ({@code --hub}
 * without {@code --logs}). Every input is read and validated before anything is posted, so a bad file or option
 * exits 2 with one line and nothing half-done.
 */
final class TriageCommand {

    private static final Set<String> VALUED = Set.of("alert", "logs", "health", "metrics", "changes", "format", "out", "post",
            "from", "to", "hub", "workspace", "lookback");
    private static final Set<String> REPEATABLE = Set.of("logs", "health", "changes", "post");
    private static final Set<String> FLAGS = Set.of("color");
    /** How far back a live --lookback may reach: Log Analytics keeps 30 days by default. */
    private static final Duration MAX_LOOKBACK = Duration.ofDays(7);

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    TriageCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    int run(List<String> args) throws UsageException, BadInputException {
        CommandLine cl = CommandLine.parse(args, VALUED, REPEATABLE, FLAGS);
        OutputFormat format = cl.value("format").isPresent() ? OutputFormat.parse(cl.value("format").get())
                : OutputFormat.TEXT;
        List<Destination> destinations = new ArrayList<>();
        for (String url : cl.values("post")) {
            destinations.add(Destination.infer("--post", url));
        }
        boolean offline = !cl.values("logs").isEmpty();
        if (!offline && (cl.has("health") || cl.has("metrics") || cl.has("changes"))) {
            throw new UsageException("--health, --metrics and --changes go with --logs (files); without --logs the "
                    + "triage runs live");
        }
        if (offline && (cl.has("workspace") || cl.has("lookback"))) {
            throw new UsageException("--workspace and --lookback are for live runs; with --logs use --alert or --from/--to");
        }
        WindowPolicy policy = WindowPolicy.defaults();
        TriageRequest request = request(cl, policy, offline);

        TriageReport report = offline ? runOffline(cl, request) : runLive(cl, request);

        String rendered = format.render(report, cl.flag("color"));
        if (cl.value("out").isPresent()) {
            Path file = Path.of(cl.value("out").get());
            try {
                Files.writeString(file, rendered, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new BadInputException(file.toString(), "cannot write the report: " + e.getMessage());
            }
        } else {
            out.print(rendered);
        }
        return deliver(report, destinations);
    }

    private TriageRequest request(CommandLine cl, WindowPolicy policy, boolean offline)
            throws UsageException, BadInputException {
        Optional<HubId> hubOption = cl.value("hub").isPresent()
                ? Optional.of(LiveConfig.hub(cl.value("hub").get())) : Optional.empty();
        Optional<TriageRequest> fromAlert = Optional.empty();
        if (cl.value("alert").isPresent()) {
            Path file = Path.of(cl.value("alert").get());
            byte[] body = readAlert(file);
            try {
                fromAlert = Optional.of(AlertParser.parse(body, policy));
            } catch (BadInputException e) {
                throw new BadInputException(file.toString(), e.getMessage());
            }
            if (hubOption.isPresent() && !hubOption.get().equals(fromAlert.get().hub())) {
                throw new UsageException("--hub " + hubOption.get().name() + " differs from the alert's hub "
                        + fromAlert.get().hub().name());
            }
        }
        HubId hub = fromAlert.map(TriageRequest::hub).or(() -> hubOption)
                .orElseThrow(() -> new UsageException("give --alert ALERT.json or --hub RESOURCE_ID"));

        Optional<Instant> from = time(cl, "from");
        Optional<Instant> to = time(cl, "to");
        if (from.isPresent() != to.isPresent()) {
            throw new UsageException("--from and --to go together");
        }
        if (from.isPresent()) {
            if (cl.has("lookback")) {
                throw new UsageException("give either --from/--to or --lookback, not both");
            }
            TimeWindow window;
            try {
                window = new TimeWindow(from.get(), to.get());
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--to", "must be after --from (" + e.getMessage() + ")");
            }
            try {
                TriageRequest plain = TriageRequest.forWindow(hub, window, policy);
                return new TriageRequest(hub, plain.window(), plain.baseline(),
                        fromAlert.flatMap(TriageRequest::alert));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--from/--to", e.getMessage());
            }
        }
        if (fromAlert.isPresent()) {
            if (cl.has("lookback")) {
                throw new UsageException("--lookback goes without --alert: the alert sets the window");
            }
            return fromAlert.get();
        }
        if (offline) {
            throw new UsageException("with --logs and no --alert, give --from and --to to set the window");
        }
        Duration lookback = Duration.ofHours(1);
        if (cl.value("lookback").isPresent()) {
            try {
                lookback = Duration.parse(cl.value("lookback").get());
            } catch (DateTimeParseException e) {
                throw new BadInputException("--lookback", "not an ISO-8601 duration (e.g. PT1H, PT30M): "
                        + cl.value("lookback").get());
            }
            if (lookback.isNegative() || lookback.isZero() || lookback.compareTo(MAX_LOOKBACK) > 0) {
                throw new BadInputException("--lookback", "must be between PT1M and P7D, was " + lookback);
            }
        }
        try {
            return TriageRequest.forLookback(hub, lookback, Instant.now(), policy);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--lookback", e.getMessage());
        }
    }

    private static byte[] readAlert(Path file) throws BadInputException {
        try {
            if (!Files.isRegularFile(file)) {
                throw new BadInputException(file.toString(), Files.exists(file) ? "not a regular file"
                        : "no such file");
            }
            if (Files.size(file) > AlertParser.MAX_BODY_BYTES) {
                throw new BadInputException(file.toString(), "alert payload is " + Files.size(file)
                        + " bytes; the common alert schema is at most 256 KB");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    private static Optional<Instant> time(CommandLine cl, String name) throws BadInputException {
        if (cl.value(name).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Timestamps.parse("--" + name, cl.value(name).get()));
    }

    /** Files are read and validated here, before the triage, so a bad file exits 2 instead of becoming a gap. */
    private TriageReport runOffline(CommandLine cl, TriageRequest request) throws BadInputException {
        Fetched<ConnectionEvidence> logs = ExportedEvidence.connections(request, paths(cl.values("logs")));
        Triage.Builder builder = Triage.builder().connectionLogs(r -> logs);
        List<Path> health = paths(cl.values("health"));
        if (health.isEmpty()) {
            builder.hubHealth(r -> {
                throw new EvidenceException("no --health file given", false);
            });
        } else {
            ExportedEvidence.Checked<HubHealthEvidence> h = ExportedEvidence.health(request, health);
            builder.hubHealth(r -> {
                if (h.value().isEmpty()) {
                    throw new EvidenceException(h.reason(), false);
                }
                return new Fetched<>(h.value().get(), h.gaps());
            });
        }
        if (cl.value("metrics").isEmpty()) {
            builder.deviceCount(r -> {
                throw new EvidenceException("no --metrics file given", false);
            });
        } else {
            ExportedEvidence.Checked<DeviceCountEvidence> m =
                    ExportedEvidence.deviceCount(request, Path.of(cl.value("metrics").get()));
            builder.deviceCount(r -> {
                if (m.value().isEmpty()) {
                    throw new EvidenceException(m.reason(), false);
                }
                return new Fetched<>(m.value().get(), m.gaps());
            });
        }
        List<Path> changes = paths(cl.values("changes"));
        if (!changes.isEmpty()) {
            Fetched<ChangeEvidence> history = ExportedEvidence.changes(request, changes);
            builder.changes(r -> history);
        }
        try (Triage triage = builder.build()) {
            return triage.run(request);
        }
    }

    private TriageReport runLive(CommandLine cl, TriageRequest request) throws BadInputException {
        LiveSources sources = LiveSources.create(LiveConfig.options(env, cl));
        try (Triage triage = Triage.builder()
                .connectionLogs(sources.connections()).connectionLogsTimeout(sources.connectionsTimeout())
                .hubHealth(sources.health()).hubHealthTimeout(sources.healthTimeout())
                .deviceCount(sources.deviceCount()).deviceCountTimeout(sources.deviceCountTimeout())
                .cutFutureEnd(true)
                .changes(sources.changes()).changesTimeout(sources.changesTimeout())
                .build()) {
            return triage.run(request);
        }
    }

    private int deliver(TriageReport report, List<Destination> destinations) {
        if (destinations.isEmpty()) {
            return Main.OK;
        }
        List<DeliveryResult> results = Notifier.create().deliver(report, destinations);
        int failed = 0;
        for (DeliveryResult r : results) {
            err.println("post " + r.describe());
            failed += r.delivered() ? 0 : 1;
        }
        if (failed > 0) {
            err.println("iothub-triage: " + failed + " of " + results.size() + " destinations were not delivered");
            return Main.FAILURE;
        }
        return Main.OK;
    }

    private static List<Path> paths(List<String> values) {
        return values.stream().map(Path::of).toList();
    }
}
