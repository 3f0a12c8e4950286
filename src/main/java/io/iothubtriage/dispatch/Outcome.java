package io.iothubtriage.dispatch;

import java.util.List;
import java.util.Optional;

/**
 * What one worker or failure-path invocation did with a message, for the stage log and for tests.
 *
 * @param status     {@code delivered} (every destination has it), {@code partially-delivered} (some refused it
 *                   for good; the others were told), {@code failed} (handed to the failure path, or the notice
 *                   could not be posted), {@code will-retry} / {@code waiting} / {@code held} (queued again with
 *                   a delay), {@code duplicate} (already handled), {@code nothing-to-post}, {@code rejected} (not
 *                   an alert of ours), {@code notice-posted}
 * @param plan       the plan recorded for the alert, when one was
 * @param verdict    the triage verdict, when triage ran or was recorded
 * @param deliveries one line per destination, e.g. {@code teams-1a2b3c4d:posted}
 */
public record Outcome(String status, Optional<String> plan, Optional<String> verdict, List<String> deliveries) {
    public Outcome {
        plan = plan == null ? Optional.empty() : plan;
        verdict = verdict == null ? Optional.empty() : verdict;
        deliveries = List.copyOf(deliveries);
    }

    public static Outcome of(String status) {
        return new Outcome(status, Optional.empty(), Optional.empty(), List.of());
    }
}
