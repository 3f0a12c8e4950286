package io.iothubtriage.diagnosis;

import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.diagnosis.SourceTiming.Outcome;
import io.iothubtriage.evidence.ConnectionLogSource;
import io.iothubtriage.evidence.DeviceCountSource;
import io.iothubtriage.evidence.EvidenceException;
import io.iothubtriage.evidence.ChangeEvidence;
import io.iothubtriage.evidence.Fetched;
import io.iothubtriage.evidence.Gap;
import io.iothubtriage.evidence.HubHealthSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static io.iothubtriage.testing.EvidenceFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TriageTest {

    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private Triage triage;

    @AfterEach
    void close() {
        if (triage != null) {
            triage.close();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static ConnectionLogSource logsAfter(long ms) {
        return r -> {
            sleep(ms);
            return Fetched.of(siteNetworkOutage().build());
        };
    }

    private static HubHealthSource healthAfter(long ms) {
        return r -> {
            sleep(ms);
            return Fetched.of(healthy());
        };
    }

    private static DeviceCountSource metricsAfter(long ms) {
        return r -> {
            sleep(ms);
            return Fetched.of(typicalDrop());
        };
    }

    @Test
    void threeSlowSourcesRunConcurrently() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        triage = Triage.builder()
                .connectionLogs(r -> {
                    threads.add(Thread.currentThread().getName());
                    return logsAfter(300).fetch(r);
                })
                .hubHealth(r -> {
                    threads.add(Thread.currentThread().getName());
                    return healthAfter(300).fetch(r);
                })
                .deviceCount(r -> {
                    threads.add(Thread.currentThread().getName());
                    return metricsAfter(300).fetch(r);
                })
                .changes(r -> {
                    threads.add(Thread.currentThread().getName());
                    sleep(300);
                    return Fetched.of(ChangeEvidence.none());
                })
                .clock(CLOCK).build();
        triage.run(request()); // warm up class loading so the timing measures the sources

        long start = System.nanoTime();
        TriageRun run = triage.runTimed(request());
        long ms = (System.nanoTime() - start) / 1_000_000;

        assertThat(ms).as("four 300 ms sources in parallel").isBetween(290L, 599L);
        assertThat(run.report().verdict()).isEqualTo(Verdict.DEVICE_NETWORK_OR_KEEPALIVE);
        assertThat(run.report().confidence()).isEqualTo(Confidence.HIGH);
        assertThat(run.report().gaps()).isEmpty();
        assertThat(run.report().generatedAt()).isEqualTo(NOW);
        assertThat(run.sources()).extracting(SourceTiming::source)
                .containsExactly(Gap.CONNECTION_LOGS, Gap.RESOURCE_HEALTH, Gap.METRICS, Gap.CHANGES);
        assertThat(run.sources()).allSatisfy(t -> {
            assertThat(t.outcome()).isEqualTo(Outcome.OK);
            assertThat(t.elapsed()).isBetween(Duration.ofMillis(290), Duration.ofMillis(599));
        });
        assertThat(run.total()).isGreaterThanOrEqualTo(Duration.ofMillis(290));
        assertThat(threads).allMatch(n -> n.startsWith("triage-source-")).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void aSlowSourceTimesOutIntoAGapAndTheTriageCompletesWithoutIt() {
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch cancelled = new CountDownLatch(1);
        triage = Triage.builder()
                .connectionLogs(logsAfter(50))
                .hubHealth(r -> {
                    try {
                        Thread.sleep(10_000);
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                        cancelled.countDown();
                    }
                    return Fetched.of(healthy());
                })
                .deviceCount(metricsAfter(20))
                .hubHealthTimeout(Duration.ofMillis(200))
                .clock(CLOCK).build();

        long start = System.nanoTime();
        TriageRun run = triage.runTimed(request());
        long ms = (System.nanoTime() - start) / 1_000_000;

        assertThat(ms).as("never much longer than the largest timeout that matters").isLessThan(700);
        assertThat(run.report().gaps()).containsExactly(new Gap(Gap.RESOURCE_HEALTH, "timed out after 200 ms", true));
        assertThat(run.report().verdict()).isEqualTo(Verdict.DEVICE_NETWORK_OR_KEEPALIVE);
        assertThat(run.report().confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(run.report().findings()).contains("Not available: Resource Health (timed out after 200 ms).");
        assertThat(run.source(Gap.RESOURCE_HEALTH).orElseThrow().outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(run.source(Gap.RESOURCE_HEALTH).orElseThrow().elapsed()).isEqualTo(Duration.ofMillis(200));
        assertThat(run.source(Gap.CONNECTION_LOGS).orElseThrow().outcome()).isEqualTo(Outcome.OK);
        // The late source was cancelled, not left running.
        assertThat(awaitQuietly(cancelled)).isTrue();
        assertThat(interrupted).isTrue();
    }

    @Test
    void timeoutsAreWordedInSeconds() {
        triage = Triage.builder().hubHealth(healthAfter(5_000)).hubHealthTimeout(Duration.ofSeconds(1))
                .connectionLogs(logsAfter(0)).clock(CLOCK).build();
        TriageReport r = triage.run(request());
        assertThat(r.gaps()).contains(new Gap(Gap.RESOURCE_HEALTH, "timed out after 1 s", true));
    }

    @Test
    void sourceExceptionsBecomeGapsWithTheirMessage() {
        triage = Triage.builder()
                .connectionLogs(r -> {
                    throw new EvidenceException("Log Analytics answered 403: the identity lacks Log Analytics Reader "
                            + "on workspace ws-iot", false);
                })
                .hubHealth(healthAfter(0))
                .deviceCount(r -> {
                    throw new IllegalStateException("https://secret.example/?sig=abc123 leaked");
                })
                .clock(CLOCK).build();
        TriageRun run = triage.runTimed(request());
        assertThat(run.report().gaps()).containsExactly(
                new Gap(Gap.CONNECTION_LOGS, "Log Analytics answered 403: the identity lacks Log Analytics Reader on "
                        + "workspace ws-iot"),
                new Gap(Gap.METRICS, "failed unexpectedly (IllegalStateException)"));
        assertThat(run.report().verdict()).isEqualTo(Verdict.INSUFFICIENT_EVIDENCE);
        assertThat(run.report().toString()).doesNotContain("sig=abc123");
        assertThat(run.source(Gap.CONNECTION_LOGS).orElseThrow().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(run.source(Gap.METRICS).orElseThrow().outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void aLogSourceThatCouldNotBeReachedAdvisesARetryNotARole() {
        triage = Triage.builder()
                .connectionLogs(r -> {
                    throw new EvidenceException("Log Analytics could not be reached: host api.loganalytics.io was "
                            + "not found (no network, or DNS is not answering)", true);
                })
                .hubHealth(healthAfter(0)).deviceCount(metricsAfter(0)).clock(CLOCK).build();
        TriageReport r = triage.run(request());
        assertThat(r.gaps()).containsExactly(new Gap(Gap.CONNECTION_LOGS, "Log Analytics could not be reached: host "
                + "api.loganalytics.io was not found (no network, or DNS is not answering)", true));
        assertThat(r.verdict()).isEqualTo(Verdict.INSUFFICIENT_EVIDENCE);
        assertThat(r.actions().get(0)).startsWith("Rerun the triage once the connection logs can be read again")
                .contains("host api.loganalytics.io was not found");
        assertThat(String.join(" ", r.actions())).doesNotContain("Reader");
    }

    @Test
    void aRefusedLogSourceAdvisesTheRoleItsAnswerNamed() {
        triage = Triage.builder()
                .connectionLogs(r -> {
                    throw new EvidenceException("Log Analytics answered 403: the identity needs Reader on the hub", false);
                })
                .hubHealth(healthAfter(0)).deviceCount(metricsAfter(0)).clock(CLOCK).build();
        TriageReport r = triage.run(request());
        assertThat(r.actions().get(0)).isEqualTo("Restore access to the connection logs (Log Analytics answered 403: "
                + "the identity needs Reader on the hub), then rerun the triage.");
    }

    @Test
    void partialGapsOfASourceAreKeptNextToItsValue() {
        triage = Triage.builder()
                .connectionLogs(r -> new Fetched<>(siteNetworkOutage().build(),
                        List.of(new Gap(Gap.CONNECTION_LOGS, "partial result: the 64 MB limit was hit"))))
                .hubHealth(healthAfter(0)).deviceCount(metricsAfter(0)).clock(CLOCK).build();
        TriageReport r = triage.run(request());
        assertThat(r.gaps()).containsExactly(new Gap(Gap.CONNECTION_LOGS, "partial result: the 64 MB limit was hit"));
        assertThat(r.verdict()).isEqualTo(Verdict.DEVICE_NETWORK_OR_KEEPALIVE);
        assertThat(r.confidence()).isEqualTo(Confidence.MEDIUM);
    }

    @Test
    void missingSourcesAreGapsNotZeros() {
        triage = Triage.builder().connectionLogs(logsAfter(0)).clock(CLOCK).build();
        TriageRun run = triage.runTimed(request());
        assertThat(run.report().gaps()).containsExactly(new Gap(Gap.RESOURCE_HEALTH, "not configured"),
                new Gap(Gap.METRICS, "not configured"));
        assertThat(run.report().deviceCount()).isEmpty();
        assertThat(run.report().platformHealth()).isEmpty();
        assertThat(run.source(Gap.METRICS).orElseThrow()).isEqualTo(new SourceTiming(Gap.METRICS,
                Outcome.NOT_CONFIGURED, Duration.ZERO));
    }

    @Test
    void nothingConfiguredIsInsufficientEvidence() {
        triage = Triage.builder().clock(CLOCK).build();
        TriageReport r = triage.run(request());
        assertThat(r.verdict()).isEqualTo(Verdict.INSUFFICIENT_EVIDENCE);
        assertThat(r.gaps()).hasSize(3);
    }

    @Test
    void aSourceReturningNullIsAFailureNotAZero() {
        triage = Triage.builder().connectionLogs(logsAfter(0)).deviceCount(r -> null).clock(CLOCK).build();
        TriageReport r = triage.run(request());
        assertThat(r.gaps()).contains(new Gap(Gap.METRICS, "the source returned nothing"));
    }

    @Test
    void anInterruptedCallerGetsAReportFromWhatArrivedAndKeepsItsInterruptFlag() throws Exception {
        CountDownLatch logsStarted = new CountDownLatch(1);
        CountDownLatch quickAnswered = new CountDownLatch(2);
        triage = Triage.builder()
                .connectionLogs(r -> {
                    logsStarted.countDown();
                    sleep(5_000);
                    return Fetched.of(siteNetworkOutage().build());
                })
                .hubHealth(r -> {
                    try {
                        return healthAfter(0).fetch(r);
                    } finally {
                        quickAnswered.countDown();
                    }
                })
                .deviceCount(r -> {
                    try {
                        return metricsAfter(0).fetch(r);
                    } finally {
                        quickAnswered.countDown();
                    }
                })
                .clock(CLOCK).build();
        AtomicReference<TriageRun> result = new AtomicReference<>();
        AtomicBoolean flagAfter = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            result.set(triage.runTimed(request()));
            flagAfter.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        assertThat(logsStarted.await(2, TimeUnit.SECONDS)).isTrue();
        // the quick sources have returned; their futures complete a moment later, on their own threads
        assertThat(quickAnswered.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(20);
        long start = System.nanoTime();
        caller.interrupt();
        caller.join(2_000);

        assertThat(caller.isAlive()).isFalse();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);
        TriageRun run = result.get();
        assertThat(run.source(Gap.CONNECTION_LOGS).orElseThrow().outcome()).isEqualTo(Outcome.INTERRUPTED);
        assertThat(run.source(Gap.RESOURCE_HEALTH).orElseThrow().outcome()).isEqualTo(Outcome.OK);
        assertThat(run.source(Gap.METRICS).orElseThrow().outcome()).isEqualTo(Outcome.OK);
        assertThat(run.report().gaps()).containsExactly(new Gap(Gap.CONNECTION_LOGS, "interrupted before it answered"));
        assertThat(run.report().verdict()).isEqualTo(Verdict.INSUFFICIENT_EVIDENCE);
        assertThat(flagAfter).isTrue();
    }

    @Test
    void aClosedTriageRefusesToRun() {
        triage = Triage.builder().connectionLogs(logsAfter(0)).build();
        triage.close();
        TriageRequest request = request();
        assertThatThrownBy(() -> triage.run(request)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void timeoutsMustBePositive() {
        assertThatThrownBy(() -> Triage.builder().timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connectionLogsTimeout");
    }

    @Test
    void aLiveTriageCutsAWindowEndingInTheFutureAtNowAndSaysSo() {
        AtomicReference<TriageRequest> asked = new AtomicReference<>();
        triage = Triage.builder().clock(CLOCK).cutFutureEnd(true).connectionLogs(r -> {
            asked.set(r);
            return Fetched.of(siteNetworkOutage().build());
        }).build();
        TriageRequest future = new TriageRequest(HUB, new io.iothubtriage.alert.TimeWindow(WINDOW.start(),
                NOW.plus(Duration.ofMinutes(8))), BASELINE, java.util.Optional.empty());

        TriageReport report = triage.run(future);

        assertThat(asked.get().window().end()).isEqualTo(NOW);
        assertThat(report.window().end()).isEqualTo(NOW);
        assertThat(report.freshness().orElseThrow().requestedEnd()).contains(NOW.plus(Duration.ofMinutes(8)));
        assertThat(report.freshness().orElseThrow().checkedAt()).isEqualTo(NOW);
        assertThat(new io.iothubtriage.notify.TextRenderer().render(report))
                .contains("10:11–10:52 UTC (cut at now: it was to end 11:00 UTC)");

        triage.close();
        triage = Triage.builder().clock(CLOCK).connectionLogs(r -> {
            asked.set(r);
            return Fetched.of(siteNetworkOutage().build());
        }).build();
        triage.run(future); // exported files and simulations: read for the window asked about
        assertThat(asked.get()).isEqualTo(future);
    }

    @Test
    void logsThatWereNotReadAreNotReportedAsNoRowsWhenTheWindowWasCut() {
        triage = Triage.builder().clock(CLOCK).cutFutureEnd(true).connectionLogs(r -> {
            throw new io.iothubtriage.evidence.EvidenceException("Log Analytics did not answer within 1 s", true);
        }).build();
        TriageRequest future = new TriageRequest(HUB, new io.iothubtriage.alert.TimeWindow(WINDOW.start(),
                NOW.plus(Duration.ofMinutes(8))), BASELINE, java.util.Optional.empty());

        String text = new io.iothubtriage.notify.TextRenderer().render(triage.run(future));

        assertThat(text).contains("Logs      not read (see Gaps); checked").doesNotContain("no rows");
    }

    @Test
    void sourceThreadsAreDaemons() {
        AtomicBoolean daemon = new AtomicBoolean();
        triage = Triage.builder().connectionLogs(r -> {
            daemon.set(Thread.currentThread().isDaemon());
            return Fetched.of(siteNetworkOutage().build());
        }).build();
        triage.run(request());
        assertThat(daemon).isTrue();
    }

    @Test
    void closeInterruptsTheSourcesStillRunningAndTheCallerGetsItsReport() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch sawInterrupt = new CountDownLatch(1);
        CountDownLatch healthAnswered = new CountDownLatch(1);
        triage = Triage.builder().connectionLogs(r -> {
            started.countDown();
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                sawInterrupt.countDown();
                throw new EvidenceException("stopped", true);
            }
            return Fetched.of(siteNetworkOutage().build());
        }).hubHealth(r -> {
            try {
                return healthAfter(0).fetch(r);
            } finally {
                healthAnswered.countDown();
            }
        }).clock(CLOCK).build();
        AtomicReference<TriageRun> result = new AtomicReference<>();
        Thread caller = new Thread(() -> result.set(triage.runTimed(request())));
        caller.start();
        assertThat(started.await(2, TimeUnit.SECONDS)).isTrue();
        // health has answered: an interrupt now no longer reaches its source
        assertThat(healthAnswered.await(2, TimeUnit.SECONDS)).isTrue();

        triage.close();

        assertThat(sawInterrupt.await(2, TimeUnit.SECONDS)).as("the source's thread was interrupted").isTrue();
        caller.join(2_000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(result.get().source(Gap.CONNECTION_LOGS).orElseThrow().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.get().report().gaps()).contains(new Gap(Gap.CONNECTION_LOGS, "stopped", true));
        assertThat(result.get().source(Gap.RESOURCE_HEALTH).orElseThrow().outcome()).isEqualTo(Outcome.OK);
        TriageRequest request = request();
        assertThatThrownBy(() -> triage.run(request)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void anErrorThrownByASourceIsAGapNamedByItsType() {
        triage = Triage.builder().connectionLogs(r -> {
            throw new AssertionError("secret detail");
        }).hubHealth(healthAfter(0)).clock(CLOCK).build();
        TriageRun run = triage.runTimed(request());
        assertThat(run.source(Gap.CONNECTION_LOGS).orElseThrow().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(run.report().gaps()).contains(new Gap(Gap.CONNECTION_LOGS, "failed unexpectedly (AssertionError)"));
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
