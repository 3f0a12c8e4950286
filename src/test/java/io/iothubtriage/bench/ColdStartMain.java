package io.iothubtriage.bench;

import io.iothubtriage.evidence.Evidence;
import io.iothubtriage.evidence.azure.LiveOptions;
import io.iothubtriage.evidence.azure.LiveSources;

import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A cold process's first live triage, on the production path: settings from the environment
 * (ARM_ENDPOINT, LOG_ANALYTICS_ENDPOINT pointing at the local fakes; IDENTITY_ENDPOINT/IDENTITY_HEADER for the
 * managed identity), the process-wide clients, the three sources concurrently, report lines, exit.
 * scripts/bench-live.sh runs it against {@link FakeAzureApis#main} and times the whole java process.
 */
public final class ColdStartMain {
    public static void main(String[] args) throws Exception {
        // Loopback only: without these the credential chain would go looking for a real identity endpoint.
        for (String name : new String[] {"IDENTITY_ENDPOINT", "ARM_ENDPOINT", "LOG_ANALYTICS_ENDPOINT"}) {
            String value = System.getenv(name);
            if (value == null || !value.matches("https?://localhost:\\d+(/.*)?")) {
                System.err.println("ColdStartMain: " + name + " must point at the local fakes (http[s]://localhost:PORT), got " + value);
                System.exit(2);
            }
        }
        LiveOptions options = LiveOptions.fromSettings(System::getenv);
        LiveSources sources = LiveSources.create(options);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        Evidence evidence = ConcurrentEvidence.gather(LiveTriageBenchmark.REQUEST, sources, pool);
        pool.shutdownNow();
        String report = BenchReport.render(evidence);
        // The script passes the launch time: JVM boot counts too, and ManagementFactory would cost 60 ms itself.
        long launched = Long.parseLong(System.getProperty("bench.launchEpochMillis", "0"));
        long sinceStart = System.currentTimeMillis() - launched;
        System.out.print(report);
        System.out.printf(Locale.ROOT, "first live triage done %d ms after the java command started (%s)%n", sinceStart,
                BenchReport.complete(evidence) ? "complete" : "INCOMPLETE");
        System.exit(BenchReport.complete(evidence) ? 0 : 1);
    }
}
