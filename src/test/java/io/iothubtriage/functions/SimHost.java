package io.iothubtriage.functions;

import io.iothubtriage.functions.testing.FakeContext;
import io.iothubtriage.functions.testing.FakeHttpRequest;
import io.iothubtriage.functions.testing.MutableClock;
import io.iothubtriage.functions.testing.SimQueue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the Functions host does around the app, on real Azurite queues and the test's clock: the alerts function
 * answers HTTP calls; the worker and the poison handler are invoked for every message that is due; a message
 * whose invocation throws becomes visible again after host.json's visibilityTimeout and, after maxDequeueCount
 * deliveries, moves to the poison queue as it is. Since visibility runs on the test's clock, the dequeue count is
 * the number of times this host delivered the message to a function (the service's own count also counts the
 * receives that only looked whether a message was due).
 */
final class SimHost {
    /** host.json's queues.visibilityTimeout. */
    static final Duration VISIBILITY_TIMEOUT = Duration.ofMinutes(2);

    private final App app;
    private final SimQueue requests;
    private final SimQueue poison;
    private final MutableClock clock;
    private final List<FakeContext> contexts = new CopyOnWriteArrayList<>();
    /** Per message id, when the host would show a failed message again. */
    private final java.util.Map<String, Instant> retryAt = new java.util.concurrent.ConcurrentHashMap<>();
    /** Per message id, how many times a function was invoked with it. */
    private final java.util.Map<String, Integer> deliveries = new java.util.concurrent.ConcurrentHashMap<>();

    SimHost(App app, SimQueue requests, SimQueue poison, MutableClock clock) {
        this.app = app;
        this.requests = requests;
        this.poison = poison;
        this.clock = clock;
    }

    private volatile String lastWorkerText;
    private volatile boolean concurrent;

    App app() {
        return app;
    }

    /** Due messages of the requests queue are handed to the worker all at once, each on its own thread. */
    SimHost concurrent(boolean on) {
        this.concurrent = on;
        return this;
    }

    /** The last message the worker handled, queued again as it was (a redelivery). */
    void redeliverLast() {
        requests.hostPut(lastWorkerText);
    }

    /** One call of the action group. */
    FakeHttpRequest.Response post(String payload) {
        FakeContext ctx = context("alerts");
        return (FakeHttpRequest.Response) new AlertWebhook(app).run(
                FakeHttpRequest.post("/api/alerts", "application/json", payload), ctx);
    }

    /** Runs every due message of the requests queue only. */
    int runWorker() {
        return run(requests, true);
    }

    /** Runs every due message of both queues once; the number of invocations. */
    int runDue() {
        return run(requests, true) + run(poison, false);
    }

    /**
     * Runs due messages, moving the clock on to the next due one whenever nothing is due, until both queues are
     * empty or {@code horizon} of simulated time has passed.
     */
    void settle(Duration horizon) {
        Instant end = clock.instant().plus(horizon);
        for (int round = 0; round < 10_000; round++) {
            if (runDue() > 0) {
                continue;
            }
            Optional<Instant> next = nextDue();
            if (next.isEmpty() || next.get().isAfter(end)) {
                return;
            }
            if (next.get().isAfter(clock.instant())) {
                clock.set(next.get());
            }
        }
        throw new IllegalStateException("the queues never settled");
    }

    List<FakeContext> contexts() {
        return List.copyOf(contexts);
    }

    /** Every log line of every invocation so far. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        contexts.forEach(c -> out.addAll(c.lines()));
        return out;
    }

    List<String> stage(String stage) {
        return lines().stream().filter(l -> l.startsWith("stage=" + stage + " ")).toList();
    }

    private FakeContext context(String function) {
        FakeContext ctx = new FakeContext(function);
        contexts.add(ctx);
        return ctx;
    }

    private Optional<Instant> nextDue() {
        Instant best = null;
        for (SimQueue q : List.of(requests, poison)) {
            for (SimQueue.Received r : q.receiveAll()) {
                Instant due = due(r);
                best = best == null || due.isBefore(best) ? due : best;
                q.release(r);
            }
        }
        return Optional.ofNullable(best);
    }

    private Instant due(SimQueue.Received r) {
        Instant retry = retryAt.get(r.id());
        return retry != null && retry.isAfter(r.dueAt()) ? retry : r.dueAt();
    }

    private int run(SimQueue q, boolean worker) {
        List<SimQueue.Received> due = new ArrayList<>();
        for (SimQueue.Received r : q.receiveAll()) {
            if (due(r).isAfter(clock.instant())) {
                q.release(r);
            } else {
                due.add(r);
            }
        }
        if (worker && concurrent && due.size() > 1) {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (SimQueue.Received r : due) {
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    invoke(q, r, true);
                });
                t.start();
                threads.add(t);
            }
            go.countDown();
            for (Thread t : threads) {
                try {
                    t.join(120_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        } else {
            due.forEach(r -> invoke(q, r, worker));
        }
        return due.size();
    }

    private void invoke(SimQueue q, SimQueue.Received r, boolean worker) {
        {
            if (worker) {
                lastWorkerText = r.text();
            }
            int dequeueCount = deliveries.merge(r.id(), 1, Integer::sum);
            FakeContext ctx = context(worker ? Names.TRIAGE_WORKER : Names.TRIAGE_POISON);
            try {
                if (worker) {
                    new TriageWorker(app).run(r.text(), dequeueCount, ctx);
                } else {
                    new PoisonHandler(app).run(r.text(), dequeueCount, ctx);
                }
                q.delete(r);
                retryAt.remove(r.id());
            } catch (RuntimeException | Error e) {
                if (dequeueCount >= TriageWorker.MAX_DEQUEUE_COUNT) {
                    q.delete(r);
                    retryAt.remove(r.id());
                    if (worker) {
                        poison.hostPut(r.text());
                    }
                    // a poison message that fails its last delivery goes to triage-requests-poison-poison,
                    // which nothing reads: the abandoned line is all that is left of it
                } else {
                    retryAt.put(r.id(), clock.instant().plus(VISIBILITY_TIMEOUT));
                    q.release(r);
                }
            }
        }
    }
}
