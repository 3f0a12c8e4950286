package io.iothubtriage.functions.testing;

import io.iothubtriage.dispatch.Outbox;
import io.iothubtriage.notify.Notice;
import io.iothubtriage.notify.PostOutcome;
import io.iothubtriage.notify.Target;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/** An outbox that keeps every notice per destination and answers as scripted (default: posted). */
public final class RecordingOutbox implements Outbox {
    public record Post(Target target, Notice notice) {
    }

    private final List<Target> targets;
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<PostOutcome>> scripted = new ConcurrentHashMap<>();
    private volatile BiFunction<Target, Notice, RuntimeException> crashAfterPost = (t, n) -> null;
    private volatile BiFunction<Target, Notice, PostOutcome> answer = (t, n) -> null;

    public RecordingOutbox(String... kinds) {
        List<Target> t = new ArrayList<>();
        for (String kind : kinds) {
            t.add(new Target(kind + "-0000000" + t.size(), kind, "https://" + kind + ".example.net"));
        }
        this.targets = List.copyOf(t);
    }

    public Target target(int i) {
        return targets.get(i);
    }

    /** The next posts to this destination end like this, in order; then posted again. */
    public RecordingOutbox script(int target, PostOutcome... outcomes) {
        scripted.computeIfAbsent(targets.get(target).key(), k -> new ArrayDeque<>()).addAll(List.of(outcomes));
        return this;
    }

    /** Answers every post this way while the function returns an outcome (null: scripted or posted). */
    public RecordingOutbox answer(BiFunction<Target, Notice, PostOutcome> a) {
        this.answer = a;
        return this;
    }

    /** After the request left, the process "dies": the exception escapes before the outcome is recorded. */
    public RecordingOutbox crashAfterPost(BiFunction<Target, Notice, RuntimeException> crash) {
        this.crashAfterPost = crash;
        return this;
    }

    @Override
    public List<Target> targets() {
        return targets;
    }

    @Override
    public PostOutcome post(Target target, Notice notice) {
        posts.add(new Post(target, notice));
        RuntimeException crash = crashAfterPost.apply(target, notice);
        if (crash != null) {
            throw crash;
        }
        PostOutcome answered = answer.apply(target, notice);
        if (answered != null) {
            return answered;
        }
        Deque<PostOutcome> q = scripted.get(target.key());
        PostOutcome o = q == null ? null : q.poll();
        return o == null ? new PostOutcome.Posted(202, 1) : o;
    }

    public List<Post> posts() {
        return List.copyOf(posts);
    }

    public List<Notice> noticesTo(int target) {
        String key = targets.get(target).key();
        return posts.stream().filter(p -> p.target().key().equals(key)).map(Post::notice).toList();
    }
}
