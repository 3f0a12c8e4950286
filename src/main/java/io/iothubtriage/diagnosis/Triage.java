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
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
 * <p>Build one per process and share it: it is thread-safe, and each source call runs on a daemon thread of its own
 * ("triage-source-N"), so it never keeps the JVM alive; {@link #close()} interrupts the calls still running and
 * refuses new runs.
 *
 * <p>Why a thread per call and not an executor: a triage asks its four sources once, and a CLI run does it once in a
 * JVM that has just started, where the executor's machinery ({@code ThreadPoolExecutor}, {@code SynchronousQueue},
 * {@code FutureTask}: the first {@code VarHandle}s of the process, with their set-up) costs more than the threads.
 * A call hands its result over under its own lock instead (see {@link Call}).
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
    private final AtomicInteger threadNumber = new AtomicInteger();
    /** The calls whose threads are running; guarded by {@code this}, as is {@link #closed}. */
    private final Set<Call<?>> running = new HashSet<>();
    private boolean closed;

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

    /** Interrupts the source calls still running; calls to {@link #run} after this fail. */
    @Override
    public void close() {
        List<Call<?>> toStop;
        synchronized (this) {
            closed = true;
            toStop = new ArrayList<>(running);
        }
        for (Call<?> call : toStop) {
            call.cancel();
        }
    }

    /**
     * @param evidence null when the source is not configured
     * @param required when false, a source that is not configured is not a gap (nothing was asked of it)
     */
    private <T> Call<T> start(String source, EvidenceSource<T> evidence, TriageRequest request, Duration timeout,
                              long runStart, boolean required) {
        Call<T> call = new Call<>(this, source, evidence, request, timeout, runStart);
        if (evidence == null) {
            call.notConfigured(required);
            return call;
        }
        Thread thread = new Thread(call, "triage-source-" + threadNumber.incrementAndGet());
        thread.setDaemon(true);
        call.thread = thread;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("this Triage is closed");
            }
            running.add(call);
        }
        thread.start();
        return call;
    }

    private synchronized void ended(Call<?> call) {
        running.remove(call);
    }

    /**
     * One source's call: what its thread runs, the result it hands over, its outcome, its gaps. The thread sets
     * {@link #done} with the result or failure under this object's lock and wakes the caller waiting in
     * {@link #waitUntil}; the caller reads them after seeing {@code done} under the same lock.
     */
    private static final class Call<T> implements Runnable {
        final Triage owner;
        final String source;
        final EvidenceSource<T> evidence;
        final TriageRequest request;
        final Duration timeout;
        final long runStart;
        final List<Gap> gaps = new ArrayList<>();
        Thread thread;
        private boolean done;
        private Fetched<T> result;
        private Throwable failure;
        volatile long startedAt;
        volatile long finishedAt;
        Optional<T> value = Optional.empty();
        Outcome outcome;
        Duration elapsed = Duration.ZERO;

        Call(Triage owner, String source, EvidenceSource<T> evidence, TriageRequest request, Duration timeout,
             long runStart) {
            this.owner = owner;
            this.source = source;
            this.evidence = evidence;
            this.request = request;
            this.timeout = timeout;
            this.runStart = runStart;
        }

        /** On its own thread: asks the source, timing it, and hands over what it answered or threw. */
        @Override
        public void run() {
            startedAt = System.nanoTime();
            Fetched<T> answer = null;
            Throwable thrown = null;
            try {
                answer = evidence.fetch(request);
            } catch (Throwable t) { // whatever it is, the caller words it as a gap (an executor's future kept it too)
                thrown = t;
            } finally {
                finishedAt = System.nanoTime();
            }
            synchronized (this) {
                result = answer;
                failure = thrown;
                done = true;
                notifyAll();
            }
            owner.ended(this);
        }

        /** Waits until the source has answered or {@code deadline} (System.nanoTime) has passed; true if it answered. */
        private synchronized boolean waitUntil(long deadline) throws InterruptedException {
            while (!done) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }

        private synchronized boolean isDone() {
            return done;
        }

        /** Interrupts the source's thread (a source that honours interrupts gives up; the answer is not waited for). */
        void cancel() {
            thread.interrupt();
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
                if (interrupted) {
                    if (!isDone()) {
                        throw new InterruptedException();
                    }
                } else if (!waitUntil(runStart + timeout.toNanos())) {
                    cancel();
                    outcome = Outcome.TIMED_OUT;
                    elapsed = timeout;
                    gaps.add(new Gap(source, "timed out after " + ReportFormat.duration(timeout), true));
                    return interrupted;
                }
            } catch (InterruptedException e) {
                cancel();
                outcome = Outcome.INTERRUPTED;
                elapsed = Duration.ofNanos(System.nanoTime() - runStart);
                gaps.add(new Gap(source, "interrupted before it answered"));
                return true;
            }
            // done was seen under the lock the source's thread set it under: its result and failure are visible
            if (failure != null) {
                outcome = Outcome.FAILED;
                elapsed = measured();
                EvidenceException known = failure instanceof EvidenceException ee ? ee : null;
                gaps.add(new Gap(source, reason(failure), known != null && known.isRetryable(),
                        known != null ? known.kind() : Gap.Kind.OTHER));
            } else {
                succeeded(result);
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
         * report says so ({@code freshness.requestedEnd}). Off by default: simulations are read for the window they
         * were asked about, and the CLI cuts an offline request itself, before its files are read for the window.
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
