package io.iothubtriage.notify;

import io.iothubtriage.diagnosis.TriageReport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Posts a notification to every configured destination (any mix of Teams, Slack and generic webhooks), each
 * independently and concurrently: one slow or failing destination never blocks or fails another. Returns one
 * {@link DeliveryResult} per destination, in the order given; never throws for a delivery problem.
 *
 * <p>The same URL listed twice is posted once (the first listing's result is repeated for the second), so a
 * duplicated setting does not double-post.
 */
public final class Notifier {
    private static final Logger LOG = Logger.getLogger(WebhookDelivery.LOGGER_NAME);

    private final WebhookDelivery delivery;
    private final ExecutorService executor;

    private Notifier(WebhookDelivery delivery) {
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        AtomicInteger n = new AtomicInteger();
        // Daemon threads: a CLI run ends when main ends; the pool grows to the number of destinations in flight.
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "iothub-triage-notify-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** A notifier with the default delivery policy (see {@link WebhookDelivery}). */
    public static Notifier create() {
        return new Notifier(WebhookDelivery.builder().build());
    }

    public static Notifier using(WebhookDelivery delivery) {
        return new Notifier(delivery);
    }

    public List<DeliveryResult> deliver(TriageReport report, List<Destination> destinations) {
        return deliver(Notification.of(report), destinations);
    }

    /** Renders the notification once per kind of destination and posts it to each destination. */
    public List<DeliveryResult> deliver(Notification notification, List<Destination> destinations) {
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(destinations, "destinations");
        Map<Destination.Kind, Rendered> bodies = new EnumMap<>(Destination.Kind.class);
        Map<java.net.URI, CompletableFuture<DeliveryResult>> inFlight = new LinkedHashMap<>();
        List<CompletableFuture<DeliveryResult>> perDestination = new ArrayList<>();
        Optional<String> key = Optional.of(notification.idempotencyKey());
        for (Destination d : destinations) {
            Rendered body = bodies.computeIfAbsent(d.kind(), k -> render(notification, k));
            CompletableFuture<DeliveryResult> f = inFlight.get(d.uri());
            if (f == null) {
                f = body.json() != null
                        ? CompletableFuture.supplyAsync(() -> postSafely(d, body.json(), key), executor)
                        : CompletableFuture.completedFuture(failed(d, body.problem()));
                inFlight.put(d.uri(), f);
            }
            perDestination.add(f);
        }
        List<DeliveryResult> results = new ArrayList<>();
        for (int i = 0; i < perDestination.size(); i++) {
            results.add(perDestination.get(i).join());
        }
        long delivered = results.stream().filter(DeliveryResult::delivered).count();
        LOG.info(notification.hubName() + ": notification delivered to " + delivered + " of " + results.size()
                + " destinations");
        return List.copyOf(results);
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

    private DeliveryResult postSafely(Destination d, String json, Optional<String> key) {
        try {
            return delivery.post(d, json, key);
        } catch (RuntimeException e) {
            // post() does not throw by design; this keeps one destination's bug from hiding the others' results.
            return failed(d, "unexpected " + e.getClass().getSimpleName());
        }
    }

    private static DeliveryResult failed(Destination d, String reason) {
        return new DeliveryResult(d, DeliveryOutcome.PERMANENT, 0, OptionalInt.empty(), reason, Optional.empty(),
                Duration.ZERO);
    }
}
