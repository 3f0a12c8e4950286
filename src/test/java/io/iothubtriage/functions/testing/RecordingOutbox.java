package io.iothubtriage.functions.testing;

import io.iothubtriage.dispatch.Outbox;
import io.iothubtriage.notify.DeliveryResult;
import io.iothubtriage.notify.Destination;
import io.iothubtriage.notify.Notification;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;

/** An outbox that keeps every notification per destination and answers as scripted (default: posted). */
public final class RecordingOutbox implements Outbox {
    public record Post(Destination target, Notification notice) {
    }

    private final List<Destination> targets;
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final Map<Destination, Deque<Function<Destination, DeliveryResult>>> scripted = new ConcurrentHashMap<>();
    private volatile BiFunction<Destination, Notification, RuntimeException> crashAfterPost = (t, n) -> null;
    private volatile BiFunction<Destination, Notification, DeliveryResult> answer = (t, n) -> null;

    /** One destination per kind given ("teams", "slack", "generic"), each on a host of its own. */
    public RecordingOutbox(String... kinds) {
        List<Destination> t = new ArrayList<>();
        for (String kind : kinds) {
            URI uri = URI.create("https://" + kind + ".example.net/hook/" + t.size() + "?sig=SECRET" + t.size());
            t.add(switch (kind) {
                case "teams" -> new Destination.Teams(uri);
                case "slack" -> new Destination.Slack(uri);
                default -> new Destination.Generic(uri);
            });
        }
        this.targets = List.copyOf(t);
    }

    public Destination target(int i) {
        return targets.get(i);
    }

    /** Posted: the service answered {@code status}. */
    public static Function<Destination, DeliveryResult> posted(int status) {
        return d -> DeliveryResult.delivered(d, status, 1);
    }

    /** Not delivered, may work later; {@code status} empty when no answer was read (it may have arrived). */
    public static Function<Destination, DeliveryResult> retryable(String reason, OptionalInt status) {
        return d -> DeliveryResult.retryable(d, reason, 3, status);
    }

    /** "HTTP 503: service error" after 3 attempts: a read answer, so the post did not arrive. */
    public static Function<Destination, DeliveryResult> unavailable() {
        return retryable("HTTP 503: service error", OptionalInt.of(503));
    }

    /** Refused for good. */
    public static Function<Destination, DeliveryResult> refused(String reason) {
        return d -> DeliveryResult.permanent(d, reason);
    }

    /** The next posts to this destination end like this, in order; then posted again. */
    @SafeVarargs
    public final RecordingOutbox script(int target, Function<Destination, DeliveryResult>... outcomes) {
        scripted.computeIfAbsent(targets.get(target), k -> new ArrayDeque<>()).addAll(List.of(outcomes));
        return this;
    }

    /** Answers every post this way while the function returns an outcome (null: scripted or posted). */
    public RecordingOutbox answer(BiFunction<Destination, Notification, Function<Destination, DeliveryResult>> a) {
        this.answer = (d, n) -> {
            Function<Destination, DeliveryResult> f = a.apply(d, n);
            return f == null ? null : f.apply(d);
        };
        return this;
    }

    /** After the request left, the process "dies": the exception escapes before the outcome is recorded. */
    public RecordingOutbox crashAfterPost(BiFunction<Destination, Notification, RuntimeException> crash) {
        this.crashAfterPost = crash;
        return this;
    }

    @Override
    public List<Destination> destinations() {
        return targets;
    }

    @Override
    public DeliveryResult post(Destination target, Notification notice) {
        posts.add(new Post(target, notice));
        RuntimeException crash = crashAfterPost.apply(target, notice);
        if (crash != null) {
            throw crash;
        }
        DeliveryResult answered = answer.apply(target, notice);
        if (answered != null) {
            return answered;
        }
        Deque<Function<Destination, DeliveryResult>> q = scripted.get(target);
        Function<Destination, DeliveryResult> o = q == null ? null : q.poll();
        return o == null ? DeliveryResult.delivered(target, 202, 1) : o.apply(target);
    }

    public List<Post> posts() {
        return List.copyOf(posts);
    }

    public List<Notification> noticesTo(int target) {
        Destination d = targets.get(target);
        return posts.stream().filter(p -> p.target().equals(d)).map(Post::notice).toList();
    }
}
