package io.iothubtriage.dispatch;

import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.notify.Destination;
import io.iothubtriage.notify.Notice;
import io.iothubtriage.notify.NoticePayloads;
import io.iothubtriage.notify.PostOutcome;
import io.iothubtriage.notify.Target;
import io.iothubtriage.notify.WebhookDelivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link Outbox} on notify's destinations and delivery: notify renders each notice for the destination's kind
 * ({@link NoticePayloads}) and {@link WebhookDelivery} posts it, whose single classification decides delivered /
 * retryable / permanent.
 */
public final class WebhookOutbox implements Outbox {
    private final WebhookDelivery delivery;
    private final Map<Target, Destination> destinations = new LinkedHashMap<>();

    public WebhookOutbox(WebhookDelivery delivery, List<Destination> configured) {
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        for (Destination d : configured) {
            destinations.putIfAbsent(Target.of(d), d); // the same URL twice is one destination
        }
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
    public List<Target> targets() {
        return List.copyOf(destinations.keySet());
    }

    @Override
    public PostOutcome post(Target target, Notice notice) {
        Destination d = destinations.get(target);
        if (d == null) {
            return new PostOutcome.Permanent("destination " + target.key() + " is no longer configured");
        }
        return PostOutcome.of(delivery.post(d, NoticePayloads.tree(notice, d.kind()).toString()));
    }
}
