package io.iothubtriage.notify;

import java.util.Objects;

/** How one post ended, per the delivery's single retryable/permanent classification. */
public sealed interface PostOutcome {

    /**
     * The outcome of a delivery, per {@link DeliveryClassifier}'s classification. A retryable one "may have
     * arrived" when no answer was read or an attempt timed out: the next post is then marked as a possible repeat.
     */
    public static PostOutcome of(DeliveryResult r) {
        return switch (r.outcome()) {
            case DELIVERED -> new Posted(r.lastStatus().orElse(200), r.attempts());
            case RETRYABLE -> new Retryable(r.reason() + " after " + r.attempts() + " attempts",
                    r.lastStatus().isEmpty() || r.mayRepeat());
            default -> new Permanent(r.reason());
        };
    }

    /** {@code posted}, {@code retry-later} or {@code failed}: the word the stage log uses. */
    String result();

    /** Why, in plain words free of secrets; for a success, the status. */
    String reason();

    /** The destination accepted it (2xx). */
    record Posted(int status, int attempts) implements PostOutcome {
        @Override
        public String result() {
            return "posted";
        }

        @Override
        public String reason() {
            return "HTTP " + status;
        }
    }

    /**
     * It may succeed later (429, 5xx, timeouts, connection errors). {@code mayHaveArrived} when no answer was
     * read, so the post may have been delivered; the next try is then marked as a possible repeat.
     */
    record Retryable(String reason, boolean mayHaveArrived) implements PostOutcome {
        public Retryable {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String result() {
            return "retry-later";
        }
    }

    /** Refused for good (4xx other than 408/429, a malformed message); retrying cannot help. */
    record Permanent(String reason) implements PostOutcome {
        public Permanent {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String result() {
            return "failed";
        }
    }
}
