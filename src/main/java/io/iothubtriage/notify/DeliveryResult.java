package io.iothubtriage.notify;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the post to one destination ended: the one delivery result, for the CLI's lines and the app's ledger alike
 * ({@link DeliveryClassifier} decides the outcome). Safe to log and to show: the destination prints as its
 * {@link Destination#display()} and the reason never holds the webhook URL.
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
 * @param timedOut    how many attempts were sent and timed out: the service may have received each anyway, so the
 *                    message may appear twice (when a retry also got through) or later (when none was confirmed),
 *                    as many times as attempts timed out
 */
public record DeliveryResult(Destination destination, DeliveryOutcome outcome, int attempts, OptionalInt lastStatus,
                             String reason, Optional<Duration> retryAfter, Duration elapsed, int timedOut) {

    /** A result without a timed-out attempt. */
    public DeliveryResult(Destination destination, DeliveryOutcome outcome, int attempts, OptionalInt lastStatus,
                          String reason, Optional<Duration> retryAfter, Duration elapsed) {
        this(destination, outcome, attempts, lastStatus, reason, retryAfter, elapsed, 0);
    }

    /** A result with ({@code mayRepeat}) one timed-out attempt or none. */
    public DeliveryResult(Destination destination, DeliveryOutcome outcome, int attempts, OptionalInt lastStatus,
                          String reason, Optional<Duration> retryAfter, Duration elapsed, boolean mayRepeat) {
        this(destination, outcome, attempts, lastStatus, reason, retryAfter, elapsed, mayRepeat ? 1 : 0);
    }

    public DeliveryResult {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(outcome, "outcome");
        lastStatus = lastStatus == null ? OptionalInt.empty() : lastStatus;
        reason = reason == null ? "" : reason;
        retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
        Objects.requireNonNull(elapsed, "elapsed");
        if (timedOut < 0 || timedOut > attempts) {
            throw new IllegalArgumentException("timedOut must be between 0 and attempts (" + attempts + "), was "
                    + timedOut);
        }
    }

    /** An attempt was sent and timed out: the service may have received it anyway. */
    public boolean mayRepeat() {
        return timedOut > 0;
    }

    /** Delivered, with the status the service answered. */
    public static DeliveryResult delivered(Destination destination, int status, int attempts) {
        return new DeliveryResult(destination, DeliveryOutcome.DELIVERED, attempts, OptionalInt.of(status),
                "HTTP " + status, Optional.empty(), Duration.ZERO);
    }

    /**
     * Not delivered, may work later.
     *
     * @param lastStatus the status of the last answer; empty when none was read (the post may have arrived)
     */
    public static DeliveryResult retryable(Destination destination, String reason, int attempts,
                                           OptionalInt lastStatus) {
        return new DeliveryResult(destination, DeliveryOutcome.RETRYABLE, attempts, lastStatus, reason,
                Optional.empty(), Duration.ZERO);
    }

    /** Refused for good, or never tried (a payload that could not be rendered, a destination no longer set). */
    public static DeliveryResult permanent(Destination destination, String reason) {
        return new DeliveryResult(destination, DeliveryOutcome.PERMANENT, 0, OptionalInt.empty(), reason,
                Optional.empty(), Duration.ZERO);
    }

    public boolean delivered() {
        return outcome == DeliveryOutcome.DELIVERED;
    }

    /**
     * Not delivered, but the post may have arrived anyway: no answer was read, or an attempt timed out. The next
     * post of the same notification is then marked as a possible repeat.
     */
    public boolean mayHaveArrived() {
        return outcome == DeliveryOutcome.RETRYABLE && (lastStatus.isEmpty() || mayRepeat());
    }

    /** {@code posted}, {@code retry-later} or {@code failed}: the word the app's stage lines and ledger use. */
    public String word() {
        return switch (outcome) {
            case DELIVERED -> "posted";
            case RETRYABLE -> "retry-later";
            case PERMANENT -> "failed";
        };
    }

    /**
     * Why, in a few words free of secrets, for a stage line or a ledger row: "HTTP 202", "HTTP 503: service error
     * after 3 attempts", "HTTP 404: webhook not found (deleted, disabled or mistyped)".
     */
    public String brief() {
        return switch (outcome) {
            case DELIVERED -> lastStatus.isPresent() ? "HTTP " + lastStatus.getAsInt() : reason;
            case RETRYABLE -> reason + " after " + attempts + (attempts == 1 ? " attempt" : " attempts");
            case PERMANENT -> reason;
        };
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
                + timedOutNote();
    }

    /** What the timed-out attempts mean for the message: each may have arrived, so it may appear once more each. */
    private String timedOutNote() {
        if (timedOut == 0) {
            return "";
        }
        if (delivered()) {
            return timedOut == 1
                    ? "; an earlier attempt got no answer and may have arrived too, so the message may appear twice"
                    : "; " + timedOut + " earlier attempts got no answer and may have arrived too, so the message may "
                    + "appear up to " + (timedOut + 1) + " times";
        }
        return timedOut == 1 ? "; an attempt that got no answer may still have arrived, so the message may appear later"
                : timedOut == 2 ? "; both attempts that got no answer may still have arrived, so the message may appear"
                + " later, even twice"
                : "; " + timedOut + " attempts that got no answer may still have arrived, so the message may appear "
                + "later, up to " + timedOut + " times";
    }

    @Override
    public String toString() {
        return describe();
    }
}
