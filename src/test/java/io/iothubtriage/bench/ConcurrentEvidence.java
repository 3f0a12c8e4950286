package io.iothubtriage.bench;

import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.DeviceCountEvidence;
import io.iothubtriage.evidence.Evidence;
import io.iothubtriage.evidence.EvidenceException;
import io.iothubtriage.evidence.Fetched;
import io.iothubtriage.evidence.Gap;
import io.iothubtriage.evidence.HubHealthEvidence;
import io.iothubtriage.evidence.azure.LiveSources;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The benchmarks' stand-in for the triage runner: the three sources concurrently, each with its own timeout, a
 * failed or late source recorded as a gap. (The product's runner is diagnosis.Triage.)
 */
final class ConcurrentEvidence {

    private ConcurrentEvidence() {
    }

    interface Fetch<T> {
        Fetched<T> get() throws EvidenceException;
    }

    static Evidence gather(TriageRequest request, LiveSources sources, Executor pool) {
        CompletableFuture<Fetched<ConnectionEvidence>> logs = start(() -> sources.connections().fetch(request), pool);
        CompletableFuture<Fetched<HubHealthEvidence>> health = start(() -> sources.health().fetch(request), pool);
        CompletableFuture<Fetched<DeviceCountEvidence>> counts = start(() -> sources.deviceCount().fetch(request), pool);
        List<Gap> gaps = new ArrayList<>();
        Optional<ConnectionEvidence> c = await(logs, sources.connectionsTimeout(), Gap.CONNECTION_LOGS, gaps);
        Optional<HubHealthEvidence> h = await(health, sources.healthTimeout(), Gap.RESOURCE_HEALTH, gaps);
        Optional<DeviceCountEvidence> d = await(counts, sources.deviceCountTimeout(), Gap.METRICS, gaps);
        return new Evidence(c, h, d, gaps);
    }

    private static <T> CompletableFuture<Fetched<T>> start(Fetch<T> fetch, Executor pool) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return fetch.get();
            } catch (EvidenceException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, pool);
    }

    private static <T> Optional<T> await(CompletableFuture<Fetched<T>> future, Duration timeout, String source,
                                         List<Gap> gaps) {
        try {
            Fetched<T> fetched = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            gaps.addAll(fetched.gaps());
            return Optional.of(fetched.value());
        } catch (TimeoutException e) {
            future.cancel(true);
            gaps.add(new Gap(source, "timed out after " + timeout.toSeconds() + " s"));
        } catch (ExecutionException e) {
            gaps.add(new Gap(source, e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            gaps.add(new Gap(source, "interrupted"));
        }
        return Optional.empty();
    }
}
