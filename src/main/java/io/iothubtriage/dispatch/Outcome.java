package io.iothubtriage.dispatch;

import java.util.List;
import java.util.Optional;

/**
 * What one worker invocation did with a message, for the stage log and for tests.
 *
 * @param status     {@code delivered}, {@code duplicate} (already handled), {@code nothing-to-post},
 *                   {@code rejected} (unreadable message, failure notice posted instead)
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
}
