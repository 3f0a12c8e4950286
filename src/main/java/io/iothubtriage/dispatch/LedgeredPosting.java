package io.iothubtriage.dispatch;

import io.iothubtriage.notify.DeliveryOutcome;
import io.iothubtriage.notify.DeliveryResult;
import io.iothubtriage.notify.Destination;
import io.iothubtriage.notify.Notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Posts one notification to each destination at most once, with the ledger as the record:
 * <ol>
 *   <li>claim the destination's slot (PENDING → POSTING, with this attempt as owner, conditional on the ETag);</li>
 *   <li>post;</li>
 *   <li>record the outcome (POSTED, FAILED with the reason, or PENDING to retry).</li>
 * </ol>
 * A slot found POSTED or FAILED is skipped. A slot found POSTING means another invocation is posting it right now
 * (within {@link #lease}: come back later) or died between posting and recording (past the lease): then it is
 * posted again, marked as a possible repeat, because a webhook cannot tell whether the interrupted post arrived
 * and silence is never the answer.
 */
public final class LedgeredPosting {
    private final TriageLedger ledger;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration lease;

    public LedgeredPosting(TriageLedger ledger, Outbox outbox, Clock clock, Duration lease) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lease = Objects.requireNonNull(lease, "lease");
    }

    /**
     * Per destination, how it went; and the reasons to retry the message later, if any.
     *
     * @param served  the destinations that have the notification (posted now or before)
     * @param refused per destination that refused it for good (now or before), the reason
     */
    public record Report(List<String> lines, List<String> retryReasons, int posted, int possibleRepeats,
                         List<String> served, Map<String, String> refused) {
        public Report {
            lines = List.copyOf(lines);
            retryReasons = List.copyOf(retryReasons);
            served = List.copyOf(served);
            refused = Map.copyOf(refused);
        }
    }

    /**
     * @param slotPrefix distinguishes notifications of one alert row ("" for the card, "notice:" for the failure
     *                   notice)
     * @param notification what to post; marked as a possible repeat where an earlier post may have arrived
     */
    public Report post(AlertKey key, String slotPrefix, List<Destination> destinations, Notification notification,
                       StageLog log) {
        List<String> lines = new ArrayList<>();
        List<String> retry = new ArrayList<>();
        int posted = 0;
        int repeats = 0;
        List<String> served = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (Destination target : destinations) {
            String slot = slotPrefix + target.ledgerKey();
            String claim = log.invocationId() + "#" + UUID.randomUUID().toString().substring(0, 8);
            Instant now = clock.instant();
            AlertEntry claimed = ledger.update(key, e -> {
                Delivery d = e.delivery(slot);
                if (d.state().isFinal()) {
                    return e;
                }
                if (d.state() == PostState.POSTING && Duration.between(d.since(), now).compareTo(lease) < 0) {
                    return e;
                }
                return e.withDelivery(slot, d.claimed(claim, now));
            });
            Delivery mine = claimed.delivery(slot);
            if (mine.state().isFinal()) {
                lines.add(target.ledgerKey() + ":"
                        + (mine.state() == PostState.POSTED ? "already-posted" : "failed-before"));
                if (mine.state() == PostState.POSTED) {
                    served.add(target.ledgerKey());
                } else {
                    refused.put(target.ledgerKey(), mine.reason());
                }
                continue;
            }
            if (!claim.equals(mine.owner())) {
                lines.add(target.ledgerKey() + ":in-flight-elsewhere");
                retry.add(target.display() + ": another invocation is posting this alert (claimed "
                        + mine.since() + ")");
                continue;
            }
            boolean possibleRepeat = mine.mayHaveArrived();
            Instant started = clock.instant();
            DeliveryResult outcome = outbox.post(target, notification.possibleRepeat(possibleRepeat));
            Instant done = clock.instant();
            ledger.update(key, e -> record(e, slot, claim, outcome, done));
            lines.add(target.ledgerKey() + ":" + outcome.word() + (possibleRepeat ? "(possible-repeat)" : ""));
            log.stage("posted").with("destination", target.display()).with("kind", target.kind().label())
                    .with("ledgerKey", target.ledgerKey()).with("outcome", outcome.word())
                    .with("possibleRepeat", possibleRepeat).with("attempt", mine.attempts())
                    .with("reason", outcome.brief()).millis("post", Duration.between(started, done)).info();
            switch (outcome.outcome()) {
                case DELIVERED -> {
                    served.add(target.ledgerKey());
                    posted++;
                    repeats += possibleRepeat ? 1 : 0;
                }
                case RETRYABLE -> retry.add(target.display() + ": " + outcome.brief());
                case PERMANENT -> {
                    refused.put(target.ledgerKey(), outcome.brief());
                    log.stage("delivery-failed").with("destination", target.display())
                            .with("ledgerKey", target.ledgerKey()).with("reason", outcome.brief()).error();
                }
            }
        }
        return new Report(lines, retry, posted, repeats, served, refused);
    }

    private static AlertEntry record(AlertEntry e, String slot, String claim, DeliveryResult outcome, Instant now) {
        Delivery d = e.delivery(slot);
        if (d.state() == PostState.POSTED) {
            return e;
        }
        if (outcome.delivered()) {
            // Even if our claim expired and someone else took the slot over, this post arrived: record it.
            return e.withDelivery(slot, d.posted(now));
        }
        if (!claim.equals(d.owner())) {
            return e; // our claim was taken over; the new owner records its own outcome
        }
        if (outcome.outcome() == DeliveryOutcome.RETRYABLE) {
            return e.withDelivery(slot, d.retryLater(outcome.brief(), outcome.mayHaveArrived(), now));
        }
        return e.withDelivery(slot, d.failed(outcome.brief(), now));
    }
}
