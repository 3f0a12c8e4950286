package io.iothubtriage.dispatch;

import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.notify.DeliveryResult;
import io.iothubtriage.notify.Destination;
import io.iothubtriage.notify.Notification;
import io.iothubtriage.notify.Notifier;
import io.iothubtriage.notify.WebhookDelivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@link Outbox} on notify: {@link Notifier#post} renders each notification for the destination's kind and
 * posts it, the same way the CLI's {@code --post} does; {@link io.iothubtriage.notify.DeliveryClassifier}'s single
 * classification decides delivered / retryable / permanent.
 */
public final class WebhookOutbox implements Outbox {
    private final Notifier notifier;
    private final List<Destination> destinations;

    public WebhookOutbox(WebhookDelivery delivery, List<Destination> configured) {
        this.notifier = Notifier.using(Objects.requireNonNull(delivery, "delivery"));
        this.destinations = Notifier.distinct(configured); // the same URL twice is one destination
    }

    /**
     * The destinations of the three webhook settings.
     *
     * @throws BadInputException naming the setting and position of a bad URL, never its value
     */
    public static List<Destination> parse(List<String> teams, List<String> slack, List<String> generic)
            throws BadInputException {
        List<Destination> out = new ArrayList<>();
        out.addAll(Destination.parseList(Destination.Kind.TEAMS, "TEAMS_WEBHOOK_URL", String.join(",", teams)));
        out.addAll(Destination.parseList(Destination.Kind.SLACK, "SLACK_WEBHOOK_URL", String.join(",", slack)));
        out.addAll(Destination.parseList(Destination.Kind.GENERIC, "GENERIC_WEBHOOK_URL", String.join(",", generic)));
        return out;
    }

    @Override
    public List<Destination> destinations() {
        return destinations;
    }

    @Override
    public DeliveryResult post(Destination destination, Notification notification) {
        if (!destinations.contains(destination)) {
            return DeliveryResult.permanent(destination, "the destination is no longer configured");
        }
        return notifier.post(destination, notification);
    }
}
