package io.iothubtriage.dispatch;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The post of one notification to one destination.
 *
 * @param state          where it stands
 * @param attempts       posts started so far
 * @param since          when the state was entered
 * @param owner          for POSTING: the invocation that claimed it
 * @param reason         for FAILED, or the last retryable failure; free of secrets
 * @param mayHaveArrived an earlier post's outcome is unknown (a timeout, a crash): the next one is marked as a
 *                       possible repeat
 * @param postedAt       when the destination accepted it
 */
public record Delivery(PostState state, int attempts, Instant since, String owner, String reason,
                       boolean mayHaveArrived, Optional<Instant> postedAt) {
    public Delivery {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        owner = owner == null ? "" : owner;
        reason = reason == null ? "" : reason;
        postedAt = postedAt == null ? Optional.empty() : postedAt;
    }

    public static Delivery pending(Instant now) {
        return new Delivery(PostState.PENDING, 0, now, "", "", false, Optional.empty());
    }

    /** Claimed by {@code owner} for a post starting now. */
    public Delivery claimed(String newOwner, Instant now) {
        boolean unknownBefore = mayHaveArrived || state == PostState.POSTING;
        return new Delivery(PostState.POSTING, attempts + 1, now, newOwner, reason, unknownBefore, postedAt);
    }

    public Delivery posted(Instant now) {
        return new Delivery(PostState.POSTED, attempts, now, "", "", mayHaveArrived, Optional.of(now));
    }

    public Delivery failed(String why, Instant now) {
        return new Delivery(PostState.FAILED, attempts, now, "", why, mayHaveArrived, postedAt);
    }

    /** A retryable failure; {@code unknownOutcome} when the request may have reached the destination. */
    public Delivery retryLater(String why, boolean unknownOutcome, Instant now) {
        return new Delivery(PostState.PENDING, attempts, now, "", why, mayHaveArrived || unknownOutcome, postedAt);
    }
}
