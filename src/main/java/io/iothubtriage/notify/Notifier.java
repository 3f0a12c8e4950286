package io.iothubtriage.notify;

import io.iothubtriage.diagnosis.TriageReport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Posts a notification to every configured destination (any mix of Teams, Slack and generic webhooks), each
 * independently and concurrently: one slow or failing destination never blocks or fails another. Returns one
 * {@link DeliveryResult} per distinct destination, in the order first given; never throws for a delivery problem.
 *
 * <p>The same URL listed twice is posted once and reported once, so a duplicated setting neither double-posts nor
 * counts twice ("delivered to 1 of 1").
 */
public final class Notifier {
    private static final Logger LOG = Logger.getLogger(WebhookDelivery.LOGGER_NAME);

    /** When a destination that has not finished is first mentioned to {@link DeliveryProgress}, then how often. */
    static final Duration WAITING_NOTICE = Duration.ofSeconds(5);
    static final Duration WAITING_REPEAT = Duration.ofSeconds(10);

    private final WebhookDelivery delivery;
    private final ExecutorService executor;
    private final ScheduledExecutorService timer;
    private final Duration waitingNotice;
    private final Duration waitingRepeat;

    private Notifier(WebhookDelivery delivery, Duration waitingNotice, Duration waitingRepeat) {
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.waitingNotice = waitingNotice;
        this.waitingRepeat = waitingRepeat;
        AtomicInteger n = new AtomicInteger();
        // Daemon threads: a CLI run ends when main ends; the pool grows to the number of destinations in flight.
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "iothub-triage-notify-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "iothub-triage-notify-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /** A notifier with the default delivery policy (see {@link WebhookDelivery}). */
    public static Notifier create() {
        return using(WebhookDelivery.builder().build());
    }

    public static Notifier using(WebhookDelivery delivery) {
        return new Notifier(delivery, WAITING_NOTICE, WAITING_REPEAT);
    }

    /** As {@link #using}, telling about unfinished destinations after {@code notice}, then every {@code repeat}. */
    static Notifier using(WebhookDelivery delivery, Duration notice, Duration repeat) {
        return new Notifier(delivery, notice, repeat);
    }

    public List<DeliveryResult> deliver(TriageReport report, List<Destination> destinations) {
        return deliver(Notification.of(report), destinations);
    }

    public List<DeliveryResult> deliver(TriageReport report, List<Destination> destinations,
                                        DeliveryProgress progress) {
        return deliver(Notification.of(report), destinations, progress);
    }

    /** Renders the notification once per kind of destination and posts it to each distinct destination. */
    public List<DeliveryResult> deliver(Notification notification, List<Destination> destinations) {
        return deliver(notification, destinations, DeliveryProgress.NONE);
    }

    /**
     * As {@link #deliver(Notification, List)}, telling {@code progress} about retries and about destinations that
     * have not finished after a few seconds (a hanging endpoint), so a person watching is not left in silence.
     */
    public List<DeliveryResult> deliver(Notification notification, List<Destination> destinations,
                                        DeliveryProgress progress) {
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(destinations, "destinations");
        Objects.requireNonNull(progress, "progress");
        Map<Destination.Kind, Rendered> bodies = new EnumMap<>(Destination.Kind.class);
        Map<java.net.URI, CompletableFuture<DeliveryResult>> inFlight = new LinkedHashMap<>();
        for (Destination d : distinct(destinations)) {
            Rendered body = bodies.computeIfAbsent(d.kind(), k -> render(notification, k));
            AttemptEnd attemptEnd = new AttemptEnd(System.nanoTime() + delivery.requestTimeout().toNanos());
            DeliveryProgress tracked = attemptEnd.tracking(progress, delivery.requestTimeout());
            CompletableFuture<DeliveryResult> f = body.json() != null
                    ? CompletableFuture.supplyAsync(() -> post(d, notification, body, tracked), executor)
                    : CompletableFuture.completedFuture(DeliveryResult.permanent(d, body.problem()));
            watch(d, f, progress, attemptEnd);
            inFlight.put(d.uri(), f.whenComplete((r, e) -> {
                if (r != null) {
                    progress.finished(r);
                }
            }));
        }
        List<DeliveryResult> results = new ArrayList<>();
        for (CompletableFuture<DeliveryResult> f : inFlight.values()) {
            results.add(f.join());
        }
        long delivered = results.stream().filter(DeliveryResult::delivered).count();
        LOG.info(notification.hubName() + ": notification delivered to " + delivered + " of " + results.size()
                + " destinations");
        return List.copyOf(results);
    }

    /**
     * Renders the notification for the destination's kind and posts it, with the notification's idempotency key:
     * what the Functions app does for each destination, one at a time, under its ledger. Never throws for a
     * delivery problem.
     */
    public DeliveryResult post(Destination destination, Notification notification) {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(notification, "notification");
        Rendered body = render(notification, destination.kind());
        return body.json() != null ? post(destination, notification, body, DeliveryProgress.NONE)
                : DeliveryResult.permanent(destination, body.problem());
    }

    /** The JSON body of one kind, or (json null) why it could not be rendered. */
    private record Rendered(String json, String problem) {
    }

    private static Rendered render(Notification n, Destination.Kind kind) {
        try {
            return new Rendered(ChatPayloads.render(n, kind), "");
        } catch (RuntimeException e) {
            return new Rendered(null, "could not render the " + kind.label() + " payload: "
                    + e.getClass().getSimpleName());
        }
    }

    /** The destinations with each URL once, in the order first given. */
    public static List<Destination> distinct(List<Destination> destinations) {
        Map<java.net.URI, Destination> byUri = new LinkedHashMap<>();
        destinations.forEach(d -> byUri.putIfAbsent(d.uri(), d));
        return List.copyOf(byUri.values());
    }

    /**
     * When the current attempt of one destination gives up waiting at the latest: its start plus the request
     * timeout, moved on by each retry. Written by the delivery thread, read by the timer.
     */
    private static final class AttemptEnd {
        private volatile long nanos;

        AttemptEnd(long nanos) {
            this.nanos = nanos;
        }

        /** {@code progress}, noting each retry's start (after its wait) on the way. */
        DeliveryProgress tracking(DeliveryProgress progress, Duration requestTimeout) {
            return new DeliveryProgress() {
                @Override
                public void retrying(Destination destination, int attempt, String reason, Duration wait) {
                    nanos = System.nanoTime() + wait.toNanos() + requestTimeout.toNanos();
                    progress.retrying(destination, attempt, reason, wait);
                }

                @Override
                public void stillWaiting(Destination destination, Duration elapsed) {
                    progress.stillWaiting(destination, elapsed);
                }

                @Override
                public void finished(DeliveryResult result) {
                    progress.finished(result);
                }
            };
        }

        /** Whether the current attempt times out within {@code margin} of now, before or after. */
        boolean near(long now, Duration margin) {
            return Math.abs(nanos - now) <= margin.toNanos();
        }
    }

    /**
     * Tells {@code progress} about {@code d} while {@code f} has not finished; not when the current attempt is about
     * to time out (or just has): its own line ("attempt 1 not delivered (no answer within 15 s)…", or the end
     * line) follows at once and says more.
     */
    private void watch(Destination d, CompletableFuture<DeliveryResult> f, DeliveryProgress progress,
                       AttemptEnd attemptEnd) {
        if (f.isDone() || progress == DeliveryProgress.NONE) {
            return;
        }
        long started = System.nanoTime();
        Duration margin = Duration.ofMillis(Math.min(1_000, waitingRepeat.toMillis() / 2));
        ScheduledFuture<?> notices = timer.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            if (!f.isDone() && !attemptEnd.near(now, margin)) {
                progress.stillWaiting(d, Duration.ofNanos(now - started));
            }
        }, waitingNotice.toMillis(), waitingRepeat.toMillis(), TimeUnit.MILLISECONDS);
        f.whenComplete((r, e) -> notices.cancel(false));
    }

    private DeliveryResult post(Destination d, Notification n, Rendered body, DeliveryProgress progress) {
        try {
            return delivery.post(d, body.json(), n.idempotencyKey(), progress);
        } catch (RuntimeException e) {
            // post() does not throw by design; this keeps one destination's bug from hiding the others' results.
            return DeliveryResult.permanent(d, "unexpected " + e.getClass().getSimpleName());
        }
    }
}
