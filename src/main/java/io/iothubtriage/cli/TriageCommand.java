package io.iothubtriage.cli;

import io.iothubtriage.alert.AlertParser;
import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.alert.Durations;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.Timestamps;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.alert.WindowPolicy;
import io.iothubtriage.diagnosis.ReportFormat;
import io.iothubtriage.diagnosis.Triage;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.evidence.ChangeEvidence;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.DeviceCountEvidence;
import io.iothubtriage.evidence.EvidenceException;
import io.iothubtriage.evidence.ExportedEvidence;
import io.iothubtriage.evidence.Fetched;
import io.iothubtriage.evidence.HubHealthEvidence;
import io.iothubtriage.evidence.azure.LiveOptions;
import io.iothubtriage.evidence.azure.LiveSources;
import io.iothubtriage.evidence.azure.SignIn;
import io.iothubtriage.notify.DeliveryResult;
import io.iothubtriage.notify.Destination;
import io.iothubtriage.notify.Notifier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * {@code iothub-triage triage}: from exported files ({@code --logs}, offline) or live from Azure ({@code --hub}
 * without {@code --logs}). Every input is read and validated before anything is posted, so a bad file or option
 * exits 2 with one line and nothing half-done.
 */
final class TriageCommand {

    static final Set<String> VALUED = Set.of("alert", "logs", "health", "metrics", "changes", "format", "out",
            "post", "from", "to", "hub", "workspace", "lookback");
    private static final Set<String> REPEATABLE = Set.of("logs", "health", "changes", "post");
    static final Set<String> FLAGS = Set.of("color");
    /**
     * The longest live window, by --lookback or --from/--to: what the live log source queries in one go
     * (ConnectionQueries); files may span {@link WindowPolicy#MAX_SPAN}.
     */
    static final Duration MAX_LIVE_SPAN = Duration.ofDays(7);

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final boolean interactive;
    private final Function<LiveOptions, Optional<String>> signIn;
    private final Function<LiveOptions, LiveSources> liveSources;
    private final Clock clock;

    TriageCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this(out, err, env, Terminal.stderrIsInteractive(), options -> SignIn.problem(options, env::get),
                LiveSources::create);
    }

    /**
     * @param interactive whether stderr is a terminal (then a line shows the sources still being waited for)
     * @param signIn      asks the live credential for a token: the line to show when it cannot sign in at all
     * @param liveSources the live sources of the options (the process's Azure clients, or test fakes)
     */
    TriageCommand(PrintStream out, PrintStream err, Map<String, String> env, boolean interactive,
                  Function<LiveOptions, Optional<String>> signIn, Function<LiveOptions, LiveSources> liveSources) {
        this(out, err, env, interactive, signIn, liveSources, Clock.systemUTC());
    }

    /** @param clock what "now" is: where a window that ends in the future is cut, and when the triage ran */
    TriageCommand(PrintStream out, PrintStream err, Map<String, String> env, boolean interactive,
                  Function<LiveOptions, Optional<String>> signIn, Function<LiveOptions, LiveSources> liveSources,
                  Clock clock) {
        this.clock = clock;
        this.out = out;
        this.err = err;
        this.env = env;
        this.interactive = interactive;
        this.signIn = signIn;
        this.liveSources = liveSources;
    }

    int run(List<String> args) throws UsageException, BadInputException, SignInFailure {
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
            // name only what was given
            String given = cl.has("workspace") && cl.has("lookback") ? "--workspace and --lookback are"
                    : cl.has("workspace") ? "--workspace is" : "--lookback is";
            // the hint fits what was given: a window for --lookback, the files' own rows for --workspace
            String hint = cl.has("lookback") ? "; with --logs give the window with --alert or --from/--to"
                    : "; with --logs the rows come from the files, so leave it out";
            throw new UsageException(given + " for live runs" + hint);
        }
        Optional<Path> outFile = cl.value("out").map(Path::of);
        if (outFile.isPresent()) {
            OutputFiles.checkWritable("--out", outFile.get(), inputs(cl));
        }
        WindowPolicy policy = WindowPolicy.defaults();
        TriageRequest request = request(cl, policy, offline);

        TriageReport report = offline ? runOffline(cl, request) : runLive(cl, request);

        String rendered = format.render(report, cl.flag("color"));
        if (outFile.isPresent()) {
            Path file = outFile.get();
            try {
                Files.writeString(file, rendered, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new BadInputException("--out " + file, "cannot write the report: " + OutputFiles.reason(e));
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
                // the parser names the HTTP body ("body: …"); a file's problem is the file's, said without that word
                throw new BadInputException(file.toString(), "body".equals(e.where()) ? e.problem()
                        : e.getMessage());
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
            refuseNotBegun(window, offline, false);
            if (!offline && window.duration().compareTo(MAX_LIVE_SPAN) > 0) {
                // said here, before any sign-in, rather than as a gap of a report whose every source was skipped
                throw new BadInputException("--from/--to", "a live window may span at most "
                        + Durations.words(MAX_LIVE_SPAN) + ", was " + Durations.wordsOver(window.duration(), MAX_LIVE_SPAN)
                        + " (files, with --logs, may span " + Durations.words(WindowPolicy.MAX_SPAN) + ")");
            }
            try {
                TriageRequest plain = TriageRequest.forWindow(hub, window, policy);
                return new TriageRequest(hub, plain.window(), plain.baseline(),
                        fromAlert.flatMap(TriageRequest::alert));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--from/--to", "the " + e.getMessage());
            }
        }
        if (fromAlert.isPresent()) {
            if (cl.has("lookback")) {
                throw new UsageException("--lookback goes without --alert: the alert sets the window");
            }
            refuseNotBegun(fromAlert.get().window(), offline, true);
            return fromAlert.get();
        }
        if (offline) {
            throw new UsageException("with --logs and no --alert, give --from and --to to set the window");
        }
        Duration lookback = cl.value("lookback").isPresent()
                ? Durations.parse("--lookback", cl.value("lookback").get(), MAX_LIVE_SPAN)
                : Duration.ofHours(1);
        try {
            return TriageRequest.forLookback(hub, lookback, clock.instant(), policy);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--lookback", e.getMessage());
        }
    }

    /**
     * A window that has not begun is bad input, files or live: no export holds a minute of it, and queried, its
     * silence would read as a hub that stopped logging. A date typed ahead, or an alert dated ahead, is the usual
     * cause. (Files of another, past time are a coverage gap, not bad input.)
     */
    private void refuseNotBegun(TimeWindow window, boolean offline, boolean fromAlert) throws BadInputException {
        Instant now = clock.instant();
        if (window.start().isBefore(now)) {
            return;
        }
        String when = ReportFormat.day(window.start()) + " " + ReportFormat.time(window.start());
        String nowWords = ReportFormat.day(now) + " " + ReportFormat.time(now);
        if (fromAlert) {
            throw new BadInputException("--alert", "its window begins " + when + ", which has not come yet (now "
                    + nowWords + "): check the alert's firedDateTime, and this machine's clock");
        }
        throw new BadInputException("--from", when + " has not come yet (now " + nowWords + "): "
                + (offline ? "no export holds rows" : "no logs exist") + " for a window that has not begun; check the"
                + " date, and that the time is UTC");
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
            byte[] body = Files.readAllBytes(file);
            if (body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b) {
                throw new BadInputException(file.toString(), "is gzip-compressed; give the alert's JSON itself"
                        + " (gunzip it first)");
            }
            // control bytes other than line ends and tabs are no JSON text (NUL is left alone: UTF-16 text holds it,
            // and PowerShell 5's ">" writes UTF-16)
            for (byte b : body) {
                if (b >= 1 && b < 32 && b != '\n' && b != '\r' && b != '\t') {
                    throw new BadInputException(file.toString(), "is binary data, not an alert's JSON (the common"
                            + " alert schema)");
                }
            }
            return body;
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    private static Optional<Instant> time(CommandLine cl, String name) throws BadInputException {
        if (cl.value(name).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Timestamps.parse("--" + name, cl.value(name).get(), Timestamps.CLI_FORMS));
    }

    /**
     * Files are read and validated here, before the triage, so a bad file exits 2 instead of becoming a gap. A window
     * that ends after now is cut at now first, as a live one is: no export holds the minutes still to come, and their
     * absence would read as a quiet hub. The report says so ({@code freshness.requestedEnd}).
     */
    private TriageReport runOffline(CommandLine cl, TriageRequest asked) throws BadInputException {
        TriageRequest request = asked.cutAt(clock.instant());
        Fetched<ConnectionEvidence> logs = ExportedEvidence.connections(request, paths(cl.values("logs")));
        Triage.Builder builder = Triage.builder().connectionLogs(r -> logs).clock(clock);
        List<Path> health = paths(cl.values("health"));
        if (health.isEmpty()) {
            builder.hubHealth(r -> {
                throw EvidenceException.notGiven("no --health file given");
            });
        } else {
            ExportedEvidence.Checked<HubHealthEvidence> h = ExportedEvidence.health(request, health);
            builder.hubHealth(r -> {
                if (h.value().isEmpty()) {
                    throw h.failure();
                }
                return new Fetched<>(h.value().get(), h.gaps());
            });
        }
        if (cl.value("metrics").isEmpty()) {
            builder.deviceCount(r -> {
                throw EvidenceException.notGiven("no --metrics file given");
            });
        } else {
            ExportedEvidence.Checked<DeviceCountEvidence> m =
                    ExportedEvidence.deviceCount(request, Path.of(cl.value("metrics").get()));
            builder.deviceCount(r -> {
                if (m.value().isEmpty()) {
                    throw m.failure();
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

    /**
     * Queries Azure. Meanwhile the credential is asked for one token: when nobody is signed in, that is said in
     * one line (naming the credentials tried) instead of a report whose every source failed for the same reason.
     * On a terminal, a line says which sources are still being waited for.
     */
    private TriageReport runLive(CommandLine cl, TriageRequest request) throws BadInputException, SignInFailure {
        LiveOptions options = LiveConfig.options(env, cl);
        LiveSources sources = liveSources.apply(options);
        ExecutorService background = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "iothub-triage-live");
            t.setDaemon(true);
            return t;
        });
        try (WaitingLine line = new WaitingLine(err, interactive);
             Triage triage = Triage.builder()
                     .connectionLogs(r -> watched(line, "connection logs", sources.connectionsTimeout(),
                             () -> sources.connections().fetch(r)))
                     .connectionLogsTimeout(sources.connectionsTimeout())
                     .hubHealth(r -> watched(line, "Resource Health", sources.healthTimeout(),
                             () -> sources.health().fetch(r)))
                     .hubHealthTimeout(sources.healthTimeout())
                     .deviceCount(r -> watched(line, "device-count metric", sources.deviceCountTimeout(),
                             () -> sources.deviceCount().fetch(r)))
                     .deviceCountTimeout(sources.deviceCountTimeout())
                     .changes(r -> watched(line, "change history", sources.changesTimeout(),
                             () -> sources.changes().fetch(r)))
                     .changesTimeout(sources.changesTimeout())
                     .cutFutureEnd(true)
                     .clock(clock)
                     .build()) {
            CompletableFuture<Optional<String>> signInProblem = CompletableFuture.supplyAsync(
                    () -> signIn.apply(options), background);
            CompletableFuture<TriageReport> run = CompletableFuture.supplyAsync(() -> triage.run(request), background);
            Optional<String> problem = signInProblem.join();
            if (problem.isPresent()) {
                run.cancel(true);
                throw new SignInFailure(problem.get());
            }
            return run.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            background.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Fetch<T> {
        Fetched<T> get() throws EvidenceException;
    }

    private static <T> Fetched<T> watched(WaitingLine line, String source, Duration timeout, Fetch<T> fetch)
            throws EvidenceException {
        line.started(source, timeout);
        try {
            return fetch.get();
        } finally {
            line.finished(source);
        }
    }

    /**
     * Posts to each distinct destination; one {@code post …} line per event on stderr, and one end line per
     * destination, whose URL given twice is said there ("(given 2 times, posted once)").
     */
    private int deliver(TriageReport report, List<Destination> destinations) {
        if (destinations.isEmpty()) {
            return Main.OK;
        }
        Map<java.net.URI, Long> given = new java.util.HashMap<>();
        for (Destination d : destinations) {
            given.merge(d.uri(), 1L, Long::sum);
        }
        List<DeliveryResult> results = Notifier.create().deliver(report, destinations, new PostLines(err, given));
        long failed = results.stream().filter(r -> !r.delivered()).count(); // each was told as it ended
        if (failed > 0) {
            err.println("iothub-triage: " + failed + " of " + results.size() + " destinations were not delivered");
            return Main.FAILURE;
        }
        return Main.OK;
    }

    /** Every file the command reads, for {@code --out}'s check. */
    private static List<OutputFiles.Input> inputs(CommandLine cl) {
        List<OutputFiles.Input> inputs = new ArrayList<>();
        for (String option : List.of("alert", "logs", "health", "metrics")) {
            cl.values(option).forEach(v -> inputs.add(new OutputFiles.Input("--" + option, Path.of(v))));
        }
        return inputs;
    }

    private static List<Path> paths(List<String> values) {
        return values.stream().map(Path::of).toList();
    }
}
