package io.iothubtriage.bench;

import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.config.Profile;
import io.iothubtriage.config.Settings;
import io.iothubtriage.diagnosis.SourceTiming;
import io.iothubtriage.diagnosis.Triage;
import io.iothubtriage.diagnosis.TriageRun;
import io.iothubtriage.diagnosis.Verdict;
import io.iothubtriage.evidence.azure.LiveSources;
import io.iothubtriage.notify.ReportJson;
import io.iothubtriage.notify.TextRenderer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The whole live triage, evidence → report, against local fakes that answer after 1,200 ms (Log Analytics), 400 ms
 * (Resource Health status and history), 500 ms (service-health events) and 300 ms (metrics). Everything is the
 * product's: settings read from the environment ({@link Settings#from} in the CLI profile), the process's clients and
 * managed-identity credential ({@link LiveSources#create}), the triage runner ({@link Triage#runTimed}) built as
 * the CLI builds it, and the report rendered as text and JSON. The sources run concurrently, so a triage should take
 * about as long as the slowest source: the target is a median of at most 1.15 × the slowest source.
 *
 * <p>The endpoints come from the environment, so the fakes ({@link FakeAzureHttp2}, started with the delays) run
 * in another process, started first; {@code scripts/bench-live.sh} does both. It refuses to run unless every
 * endpoint is on this machine ({@link LoopbackOnly}). Arguments: {@code [RUNS [SLOWEST_MS]]} (10, 1200).
 */
public final class LiveTriageBenchmark {

    static final HubId HUB = HubId.parse("/subscriptions/6f2c1a3e-0b4d-4c5e-9f80-1a2b3c4d5e6f/resourceGroups/iot-prod"
            + "/providers/Microsoft.Devices/IotHubs/contoso-hub");
    static final TimeWindow WINDOW = new TimeWindow(Instant.parse("2026-01-15T10:10:00Z"),
            Instant.parse("2026-01-15T10:45:00Z"));
    static final TriageRequest REQUEST = new TriageRequest(HUB, WINDOW, WINDOW.before(Duration.ofHours(24)),
            Optional.empty());
    static final double LIMIT = 1.15;

    private LiveTriageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        LoopbackOnly.requireForThisProcess("LiveTriageBenchmark");
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        long slowest = args.length > 1 ? Long.parseLong(args[1]) : 1200;
        if (runs < 1) {
            throw new IllegalArgumentException("RUNS must be at least 1");
        }

        LiveSources sources = LiveSources.create(Settings.from(System.getenv(), Profile.CLI).liveOptions());
        try (Triage triage = Triage.builder()
                .connectionLogs(sources.connections()).connectionLogsTimeout(sources.connectionsTimeout())
                .hubHealth(sources.health()).hubHealthTimeout(sources.healthTimeout())
                .deviceCount(sources.deviceCount()).deviceCountTimeout(sources.deviceCountTimeout())
                .build()) {
            Measured first = triage(triage);
            System.out.printf(Locale.ROOT, "first triage in this JVM (TLS, token, class loading): %d ms (%s)%n",
                    first.millis(), first.sources());
            List<Long> totals = new ArrayList<>();
            for (int i = 1; i <= runs; i++) {
                Measured m = triage(triage);
                totals.add(m.millis());
                System.out.printf(Locale.ROOT, "run %2d: %5d ms = %.3f × slowest; %s%n", i, m.millis(),
                        m.millis() / (double) slowest, m.sources());
            }
            List<Long> sorted = totals.stream().sorted().toList();
            long median = median(sorted);
            long max = sorted.get(sorted.size() - 1);
            System.out.printf(Locale.ROOT, "fakes: logs %d ms, health 400 ms status/history + 500 ms events, metrics"
                    + " 300 ms; slowest %d ms%n", slowest, slowest);
            System.out.printf(Locale.ROOT, "whole triage (evidence → report) over %d runs: min %d ms, median %d ms,"
                            + " max %d ms; median/slowest %.3f, max/slowest %.3f (target: median ≤ %.2f)%n", runs,
                    sorted.get(0), median, max, median / (double) slowest, max / (double) slowest, LIMIT);
            boolean ok = median <= LIMIT * slowest;
            System.out.println(ok ? "PASS" : "FAIL");
            if (!ok) {
                System.exit(1);
            }
        }
    }

    record Measured(long millis, String sources) {
    }

    /** One triage and its report, rendered as the CLI renders it; fails unless all three sources answered. */
    private static Measured triage(Triage triage) {
        long start = System.nanoTime();
        TriageRun run = triage.runTimed(REQUEST);
        String text = new TextRenderer().render(run.report());
        String json = ReportJson.toPrettyJson(run.report());
        long millis = (System.nanoTime() - start) / 1_000_000;
        boolean complete = run.report().gaps().isEmpty()
                && run.sources().stream().allMatch(s -> s.outcome() == SourceTiming.Outcome.OK)
                && run.report().verdict() == Verdict.DEVICE_NETWORK_OR_KEEPALIVE
                && !text.isEmpty() && json.contains("\"verdict\"");
        if (!complete) {
            throw new IllegalStateException("the triage did not get all its evidence: " + run.sources() + "\n" + text);
        }
        return new Measured(millis, run.sources().stream()
                .map(s -> s.source() + " " + s.elapsed().toMillis() + " ms")
                .collect(Collectors.joining(", ")));
    }

    static long median(List<Long> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : Math.round((sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0);
    }
}
