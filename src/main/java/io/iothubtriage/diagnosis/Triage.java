package io.iothubtriage.diagnosis;

import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.diagnosis.SourceTiming.Outcome;
import io.iothubtriage.evidence.ChangeEvidence;
import io.iothubtriage.evidence.ChangeEvidenceSource;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.ConnectionLogSource;
import io.iothubtriage.evidence.DeviceCountEvidence;
import io.iothubtriage.evidence.DeviceCountSource;
import io.iothubtriage.evidence.Evidence;
import io.iothubtriage.evidence.EvidenceException;
import io.iothubtriage.evidence.EvidenceSource;
import io.iothubtriage.evidence.Fetched;
import io.iothubtriage.evidence.Gap;
import io.iothubtriage.evidence.HubHealthEvidence;
import io.iothubtriage.evidence.HubHealthSource;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one entry point the CLI, the rerun endpoint and the queue worker call: gathers the evidence from the sources
 * (connection logs, Resource Health, metrics, and optionally the change history) concurrently, each under its own timeout, and diagnoses what it got.
 *
 * <p>A source that is not configured, throws, or does not answer in time becomes a {@link Gap} ("timed out after
 * 10 s", or the {@link EvidenceException}'s message) and the triage completes without it. {@link #run} never blocks
 * much longer than the largest timeout: a late source is cancelled (interrupted) and left behind. If the calling
 * thread is interrupted, the sources still running are cancelled, the report is made from what had arrived (their
 * gaps say "interrupted"), and the thread's interrupt flag is set again for the caller to act on.
 *
 * <p>Build one per process and share it: it is thread-safe and owns a small pool of daemon threads, so it never keeps
 * the JVM alive; {@link #close()} releases them.
 */
public final class Triage implements AutoCloseable {
    /** Default timeout of the connection-log query: Log Analytics summarising a day of rows can take a while. */
    public static final Duration DEFAULT_CONNECTION_LOGS_TIMEOUT = Duration.ofSeconds(60);
    /** Default timeout of the Resource Health calls. */
    public static final Duration DEFAULT_HUB_HEALTH_TIMEOUT = Duration.ofSeconds(10);
    /** Default timeout of the metrics call. */
    public static final Duration DEFAULT_DEVICE_COUNT_TIMEOUT = Duration.ofSeconds(10);
    /** Default timeout of the change-history calls (Activity Log, Resource Graph). */
    public static final Duration DEFAULT_CHANGES_TIMEOUT = Duration.ofSeconds(10);

    private final Optional<ConnectionLogSource> connectionLogs;
    private final Optional<HubHealthSource> hubHealth;
    private final Optional<DeviceCountSource> deviceCount;
    private final Optional<ChangeEvidenceSource> changes;
    private final Duration connectionLogsTimeout;
    private final Duration hubHealthTimeout;
    private final Duration deviceCountTimeout;
    private final Duration changesTimeout;
    private final DiagnosisOptions options;
    private final Clock clock;
    private final boolean cutFutureEnd;
    private final ExecutorService executor;

    private Triage(Builder b) {
        this.connectionLogs = Optional.ofNullable(b.connectionLogs);
        this.hubHealth = Optional.ofNullable(b.hubHealth);
        this.deviceCount = Optional.ofNullable(b.deviceCount);
        this.changes = Optional.ofNullable(b.changes);
        this.connectionLogsTimeout = b.connectionLogsTimeout;
        this.hubHealthTimeout = b.hubHealthTimeout;
        this.deviceCountTimeout = b.deviceCountTimeout;
        this.changesTimeout = b.changesTimeout;
        this.options = b.options;
        this.clock = b.clock;
        this.cutFutureEnd = b.cutFutureEnd;
        this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemonThreads());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Gathers the evidence and diagnoses it. */
    public TriageReport run(TriageRequest request) {
        return runTimed(request).report();
    }

    /** As {@link #run}, with how long each source took and how it ended. */
    public TriageRun runTimed(TriageRequest asked) {
        Objects.requireNonNull(asked, "request");
        TriageRequest request = cutFutureEnd ? asked.cutAt(clock.instant()) : asked;
        long start = System.nanoTime();
        // Each Call is the task its pool thread runs, rather than a lambda per source: every CLI run passes here in
        // a cold JVM, where each lambda call site costs a bootstrap on its first call.
        Call<ConnectionEvidence> logs = start(Gap.CONNECTION_LOGS, connectionLogs.orElse(null), request,
                connectionLogsTimeout, start, true);
        Call<HubHealthEvidence> health = start(Gap.RESOURCE_HEALTH, hubHealth.orElse(null), request,
                hubHealthTimeout, start, true);
        Call<DeviceCountEvidence> metrics = start(Gap.METRICS, deviceCount.orElse(null), request,
                deviceCountTimeout, start, true);
        // Change history is optional: without a change source nothing is asked and nothing is missing.
        Call<ChangeEvidence> history = start(Gap.CHANGES, changes.orElse(null), request, changesTimeout, start,
                false);

        boolean interrupted = false;
        for (Call<?> call : List.of(logs, health, metrics, history)) {
            interrupted = call.await(interrupted);
        }
        List<Gap> gaps = new ArrayList<>();
        for (Call<?> call : List.of(logs, health, metrics, history)) {
            gaps.addAll(call.gaps);
        }
        Evidence evidence = new Evidence(logs.value(), health.value(), metrics.value(), history.value(), gaps);
        TriageReport report = Diagnosis.diagnose(request, evidence, options, clock.instant());
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new TriageRun(report, List.of(logs.timing(), health.timing(), metrics.timing(), history.timing()),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** Stops the source threads; calls to {@link #run} after this fail. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    /**
     * @param evidence null when the source is not configured
     * @param required when false, a source that is not configured is not a gap (nothing was asked of it)
     */
    private <T> Call<T> start(String source, EvidenceSource<T> evidence, TriageRequest request, Duration timeout,
                              long runStart, boolean required) {
        Call<T> call = new Call<>(source, evidence, request, timeout, runStart);
        if (evidence == null) {
            call.notConfigured(required);
            return call;
        }
        try {
            call.future = executor.submit(call);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("this Triage is closed", e);
        }
        return call;
    }

    /** One source's call: what it runs on a pool thread, its future, its outcome, its gaps. */
    private static final class Call<T> implements Callable<Fetched<T>> {
        final String source;
        final EvidenceSource<T> evidence;
        final TriageRequest request;
        final Duration timeout;
        final long runStart;
        final List<Gap> gaps = new ArrayList<>();
        Future<Fetched<T>> future;
        volatile long startedAt;
        volatile long finishedAt;
        Optional<T> value = Optional.empty();
        Outcome outcome;
        Duration elapsed = Duration.ZERO;

        Call(String source, EvidenceSource<T> evidence, TriageRequest request, Duration timeout, long runStart) {
            this.source = source;
            this.evidence = evidence;
            this.request = request;
            this.timeout = timeout;
            this.runStart = runStart;
        }

        /** On a pool thread: asks the source, timing it. */
        @Override
        public Fetched<T> call() throws EvidenceException {
            startedAt = System.nanoTime();
            try {
                return evidence.fetch(request);
            } finally {
                finishedAt = System.nanoTime();
            }
        }

        void notConfigured(boolean required) {
            outcome = Outcome.NOT_CONFIGURED;
            if (required) {
                gaps.add(new Gap(source, "not configured"));
            }
        }

        /**
         * Waits until this call's deadline (run start + its timeout). Returns true when the calling thread was
         * interrupted, now or before ({@code alreadyInterrupted}): then it only takes a result that is already there.
         */
        boolean await(boolean alreadyInterrupted) {
            if (outcome != null) {
                return alreadyInterrupted;
            }
            boolean interrupted = alreadyInterrupted;
            try {
                Fetched<T> fetched;
                if (interrupted) {
                    if (!future.isDone()) {
                        throw new InterruptedException();
                    }
                    fetched = future.get();
                } else {
                    long remaining = runStart + timeout.toNanos() - System.nanoTime();
                    fetched = future.get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
                }
                succeeded(fetched);
            } catch (TimeoutException e) {
                future.cancel(true);
                outcome = Outcome.TIMED_OUT;
                elapsed = timeout;
                gaps.add(new Gap(source, "timed out after " + ReportFormat.duration(timeout), true));
            } catch (InterruptedException | CancellationException e) {
                interrupted = true;
                future.cancel(true);
                outcome = Outcome.INTERRUPTED;
                elapsed = Duration.ofNanos(System.nanoTime() - runStart);
                gaps.add(new Gap(source, "interrupted before it answered"));
            } catch (ExecutionException e) {
                outcome = Outcome.FAILED;
                elapsed = measured();
                gaps.add(new Gap(source, reason(e.getCause()),
                        e.getCause() instanceof EvidenceException ee && ee.isRetryable()));
            }
            return interrupted;
        }

        private void succeeded(Fetched<T> fetched) {
            elapsed = measured();
            if (fetched == null) {
                outcome = Outcome.FAILED;
                gaps.add(new Gap(source, "the source returned nothing"));
                return;
            }
            outcome = Outcome.OK;
            value = Optional.of(fetched.value());
            gaps.addAll(fetched.gaps());
        }

        private Duration measured() {
            long s = startedAt;
            long f = finishedAt;
            return s != 0 && f != 0 ? Duration.ofNanos(f - s) : Duration.ofNanos(System.nanoTime() - runStart);
        }

        /** An EvidenceException speaks to people; anything else is named by its type only (messages may hold secrets). */
        private static String reason(Throwable t) {
            if (t instanceof EvidenceException ee) {
                String m = ee.getMessage();
                return m == null || m.isBlank() ? "failed" : m;
            }
            return "failed unexpectedly (" + (t == null ? "unknown error" : t.getClass().getSimpleName()) + ")";
        }

        Optional<T> value() {
            return value;
        }

        SourceTiming timing() {
            return new SourceTiming(source, outcome, elapsed);
        }
    }

    private static ThreadFactory daemonThreads() {
        return new DaemonThreads();
    }

    /** "triage-source-1", "triage-source-2", …: daemon threads, so a late source never keeps the JVM alive. */
    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "triage-source-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    /** Builds a {@link Triage}. Every source is optional; a missing one is reported as a gap "not configured". */
    public static final class Builder {
        private ConnectionLogSource connectionLogs;
        private HubHealthSource hubHealth;
        private DeviceCountSource deviceCount;
        private ChangeEvidenceSource changes;
        private Duration connectionLogsTimeout = DEFAULT_CONNECTION_LOGS_TIMEOUT;
        private Duration hubHealthTimeout = DEFAULT_HUB_HEALTH_TIMEOUT;
        private Duration deviceCountTimeout = DEFAULT_DEVICE_COUNT_TIMEOUT;
        private Duration changesTimeout = DEFAULT_CHANGES_TIMEOUT;
        private DiagnosisOptions options = DiagnosisOptions.defaults();
        private Clock clock = Clock.systemUTC();
        private boolean cutFutureEnd;

        private Builder() {
        }

        /**
         * Live triages: a window that ends after the clock's now is cut at now before the sources are asked, and the
         * report says so ({@code freshness.requestedEnd}). Off by default: exported files and simulations are read
         * for the window they were asked about.
         */
        public Builder cutFutureEnd(boolean cut) {
            this.cutFutureEnd = cut;
            return this;
        }

        public Builder connectionLogs(ConnectionLogSource source) {
            this.connectionLogs = Objects.requireNonNull(source, "connectionLogs");
            return this;
        }

        public Builder hubHealth(HubHealthSource source) {
            this.hubHealth = Objects.requireNonNull(source, "hubHealth");
            return this;
        }

        public Builder deviceCount(DeviceCountSource source) {
            this.deviceCount = Objects.requireNonNull(source, "deviceCount");
            return this;
        }

        /** The hub's change history; optional: without it no change is named and no gap is recorded. */
        public Builder changes(ChangeEvidenceSource source) {
            this.changes = Objects.requireNonNull(source, "changes");
            return this;
        }

        public Builder changesTimeout(Duration timeout) {
            this.changesTimeout = positive("changesTimeout", timeout);
            return this;
        }

        public Builder connectionLogsTimeout(Duration timeout) {
            this.connectionLogsTimeout = positive("connectionLogsTimeout", timeout);
            return this;
        }

        public Builder hubHealthTimeout(Duration timeout) {
            this.hubHealthTimeout = positive("hubHealthTimeout", timeout);
            return this;
        }

        public Builder deviceCountTimeout(Duration timeout) {
            this.deviceCountTimeout = positive("deviceCountTimeout", timeout);
            return this;
        }

        /** Sets the same timeout for every source. */
        public Builder timeout(Duration timeout) {
            return connectionLogsTimeout(timeout).hubHealthTimeout(timeout).deviceCountTimeout(timeout)
                    .changesTimeout(timeout);
        }

        public Builder options(DiagnosisOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Triage build() {
            return new Triage(this);
        }

        private static Duration positive(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }
    }
}
