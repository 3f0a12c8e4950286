package io.iothubtriage.bench;

import com.azure.core.http.HttpClient;
import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import reactor.core.publisher.Mono;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.evidence.Evidence;
import io.iothubtriage.evidence.azure.AzureConnections;
import io.iothubtriage.evidence.azure.AzureEndpoints;
import io.iothubtriage.evidence.azure.CredentialKind;
import io.iothubtriage.evidence.azure.LiveOptions;
import io.iothubtriage.evidence.azure.LiveSources;
import io.iothubtriage.evidence.azure.TestTls;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Whole live triage (evidence → report lines) against local fakes that answer after 1,200 ms (Log Analytics),
 * 400 ms (Resource Health status and history), 500 ms (service-health events) and 300 ms (metrics): the sources
 * run concurrently, so the triage should take about as long as the slowest source (limit: 1.15 ×).
 *
 * <p>Run: {@code scripts/bench-live.sh}, or
 * {@code mvn -o -q test-compile && java -cp target/classes:target/test-classes:$(cat target/bench.cp) io.iothubtriage.bench.LiveTriageBenchmark [runs]}
 */
public final class LiveTriageBenchmark {

    static final HubId HUB = HubId.parse("/subscriptions/6f2c1a3e-0b4d-4c5e-9f80-1a2b3c4d5e6f/resourceGroups/iot-prod"
            + "/providers/Microsoft.Devices/IotHubs/contoso-hub");
    static final TimeWindow WINDOW = new TimeWindow(Instant.parse("2026-01-15T10:10:00Z"), Instant.parse("2026-01-15T10:45:00Z"));
    static final TriageRequest REQUEST = new TriageRequest(HUB, WINDOW, WINDOW.before(Duration.ofHours(24)), Optional.empty());
    static final double LIMIT = 1.15;

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        FakeAzureApis.Delays delays = new FakeAzureApis.Delays(Duration.ofMillis(1200), Duration.ofMillis(400),
                Duration.ofMillis(400), Duration.ofMillis(500), Duration.ofMillis(300));
        long slowest = 1200;
        try (FakeAzureApis apis = new FakeAzureApis(delays)) {
            String base = "https://localhost:" + apis.httpsPort();
            AzureEndpoints endpoints = new AzureEndpoints(URI.create(base), URI.create(base + "/v1"), URI.create(base));
            HttpClient http = TestTls.httpClient();
            // A fixed token: MSAL reads the managed-identity endpoint from the process environment only, so the
            // real ManagedIdentityCredential is exercised by the cold-start run (ColdStartMain), not here.
            TokenCredential credential = request -> Mono.just(new AccessToken("bench-token",
                    OffsetDateTime.now().plusHours(1)));
            LiveOptions options = LiveOptions.defaults(io.iothubtriage.evidence.azure.AzureCloud.AZURE_CLOUD)
                    .withEndpoints(endpoints).withCredential(CredentialKind.MANAGED_IDENTITY, Optional.empty());
            LiveSources sources = AzureConnections.create(endpoints, credential, http).sources(options);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                long first = time(() -> ConcurrentEvidence.gather(REQUEST, sources, pool), true);
                System.out.printf(Locale.ROOT, "first triage in a fresh JVM (TLS handshakes, token, class loading): %d ms%n", first);
                List<Long> totals = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    totals.add(time(() -> ConcurrentEvidence.gather(REQUEST, sources, pool), i == runs - 1));
                }
                Collections.sort(totals);
                long median = totals.get(totals.size() / 2);
                long max = totals.get(totals.size() - 1);
                System.out.printf(Locale.ROOT, "sources: logs 1200 ms, health 400 ms status/history + 500 ms events,"
                        + " metrics 300 ms; slowest %d ms%n", slowest);
                System.out.printf(Locale.ROOT, "triage over %d runs: min %d ms, median %d ms, max %d ms;"
                                + " median/slowest = %.3f, max/slowest = %.3f (limit %.2f)%n", runs, totals.get(0), median,
                        max, median / (double) slowest, max / (double) slowest, LIMIT);
                boolean ok = max <= LIMIT * slowest;
                System.out.println(ok ? "PASS" : "FAIL");
                if (!ok) {
                    System.exit(1);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    interface Triage {
        Evidence run();
    }

    private static long time(Triage triage, boolean print) {
        long start = System.nanoTime();
        Evidence evidence = triage.run();
        String report = BenchReport.render(evidence);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (!BenchReport.complete(evidence)) {
            throw new IllegalStateException("incomplete evidence:\n" + report);
        }
        if (print) {
            System.out.print(report);
        }
        return millis;
    }
}
