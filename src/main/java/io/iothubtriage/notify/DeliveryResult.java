package io.iothubtriage.notify;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the post to one destination ended. Safe to log and to show: the destination prints redacted (scheme and
 * host) and the reason never holds the webhook URL.
 *
 * @param destination the destination (its {@code toString()} is redacted)
 * @param outcome     delivered, retryable (a later retry may work) or permanent
 * @param attempts    requests made (1 when the first one decided)
 * @param lastStatus  the HTTP status of the last answer, empty when the last attempt got none
 * @param reason      why, in words: "HTTP 202", "HTTP 404 channel_not_found: webhook not found …", "no answer
 *                    within 15 s"
 * @param retryAfter  when the service asked to wait longer than the delivery may wait in-process: how long, so a
 *                    queue can schedule the retry
 * @param elapsed     from the first request to the decision, waits included
 * @param mayRepeat   an attempt was sent and timed out: the service may have received it anyway, so the message
 *                    may appear twice (when a retry also got through) or later (when none was confirmed)
 */
public record DeliveryResult(Destination destination, DeliveryOutcome outcome, int attempts, OptionalInt lastStatus,
                             String reason, Optional<Duration> retryAfter, Duration elapsed, boolean mayRepeat) {

    /** A result without a timed-out attempt. */
    public DeliveryResult(Destination destination, DeliveryOutcome outcome, int attempts, OptionalInt lastStatus,
                          String reason, Optional<Duration> retryAfter, Duration elapsed) {
        this(destination, outcome, attempts, lastStatus, reason, retryAfter, elapsed, false);
    }

    public DeliveryResult {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(outcome, "outcome");
        lastStatus = lastStatus == null ? OptionalInt.empty() : lastStatus;
        reason = reason == null ? "" : reason;
        retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
        Objects.requireNonNull(elapsed, "elapsed");
    }

    public boolean delivered() {
        return outcome == DeliveryOutcome.DELIVERED;
    }

    /**
     * One line for a person: "teams prod-12.westeurope.logic.azure.com #3f9a1c: delivered (HTTP 202) after 1
     * attempt in 0.4 s", with what a timed-out attempt means when there was one.
     */
    public String describe() {
        String what = switch (outcome) {
            case DELIVERED -> "delivered";
            case RETRYABLE -> "not delivered, retryable";
            case PERMANENT -> "not delivered, permanent";
        };
        return destination + ": " + what + " (" + reason + ") after " + attempts + (attempts == 1 ? " attempt" :
                " attempts") + " in " + String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0)
                + retryAfter.map(d -> "; retry after " + d.getSeconds() + " s").orElse("")
                + (!mayRepeat ? "" : delivered()
                ? "; an earlier attempt timed out and may have arrived too, so the message may appear twice"
                : "; a timed-out attempt may still have arrived, so the message may appear later");
    }

    @Override
    public String toString() {
        return describe();
    }
}
