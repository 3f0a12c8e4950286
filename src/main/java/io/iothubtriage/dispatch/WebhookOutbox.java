package io.iothubtriage.dispatch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.diagnosis.PortalLinks;
import io.iothubtriage.notify.ChatPayloads;
import io.iothubtriage.notify.DeliveryOutcome;
import io.iothubtriage.notify.DeliveryResult;
import io.iothubtriage.notify.Destination;
import io.iothubtriage.notify.Notification;
import io.iothubtriage.notify.ResolvedMessage;
import io.iothubtriage.notify.WebhookDelivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The {@link Outbox} on notify's destinations and delivery: renders each notice for the destination's kind
 * (notify's Teams card, Slack message, report JSON and resolved message; the two short notices of this app) and
 * posts it with {@link WebhookDelivery}, whose single classification decides delivered / retryable / permanent.
 */
public final class WebhookOutbox implements Outbox {
    private final WebhookDelivery delivery;
    private final Map<Target, Destination> destinations = new LinkedHashMap<>();

    public WebhookOutbox(WebhookDelivery delivery, List<Destination> configured) {
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        for (Destination d : configured) {
            Target t = new Target(d.kind().label() + "-" + shortHash(d.uri().toString()), d.kind().label(),
                    d.redacted());
            destinations.putIfAbsent(t, d); // the same URL twice is one destination
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
        ObjectNode body = render(notice, d.kind());
        if (notice.possibleRepeat()) {
            body = RepeatMark.apply(body, d.kind());
        }
        DeliveryResult r = delivery.post(d, body.toString());
        if (r.outcome() == DeliveryOutcome.DELIVERED) {
            return new PostOutcome.Posted(r.lastStatus().orElse(200), r.attempts());
        }
        if (r.outcome() == DeliveryOutcome.RETRYABLE) {
            return new PostOutcome.Retryable(r.reason() + " after " + r.attempts() + " attempts",
                    r.lastStatus().isEmpty());
        }
        return new PostOutcome.Permanent(r.reason());
    }

    static ObjectNode render(Notice notice, Destination.Kind kind) {
        if (notice instanceof Notice.FullCard c) {
            ObjectNode card = ChatPayloads.tree(Notification.of(c.report()), kind);
            return c.manualRerun() ? ManualMark.apply(card, kind) : card;
        }
        if (notice instanceof Notice.Fallback f) {
            return ShortNotices.fallback(f, kind);
        }
        if (notice instanceof Notice.TestOrStale t) {
            return ShortNotices.testOrStale(t, kind);
        }
        if (notice instanceof Notice.Resolved r) {
            return ChatPayloads.tree(new ResolvedMessage(r.hub(), r.alert(), OptionalDouble.empty(),
                    OptionalDouble.empty(), PortalLinks.hubOverview(r.hub())), kind);
        }
        if (notice instanceof Notice.RepeatUpdate u) {
            return ShortNotices.stillOngoing(u, kind);
        }
        return ShortNotices.failed((Notice.TriageFailed) notice, kind);
    }

    private static String shortHash(String s) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
