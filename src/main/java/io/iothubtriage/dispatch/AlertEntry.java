package io.iothubtriage.dispatch;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The ledger row of one alert notification (alert id + monitor condition): what it posts and where each post
 * stands. Immutable; changes go through {@link TriageLedger#update} with optimistic concurrency on {@link #etag}.
 *
 * @param key         the alert notification
 * @param hub         the hub's resource id, for people reading the table
 * @param requestId   the request id the alerts endpoint answered with, first seen
 * @param createdAt   first seen by the worker
 * @param updatedAt   last change
 * @param plan        what it posts, once decided
 * @param verdict     the triage verdict, once known
 * @param report      the report of the alert's one triage ({@link StoredReport#json}), kept with the plan so that
 *                    retries and redeliveries post it instead of triaging again
 * @param repeatCount for {@link Plan#REPEAT_UPDATE}: how many times the hub fired within the window
 * @param runs        how many times a worker took the notification up (redeliveries included)
 * @param deliveries  per destination key: where its post stands
 * @param etag        the table's ETag of the row as read; empty for a row not yet stored
 */
public record AlertEntry(AlertKey key, String hub, String requestId, Instant createdAt, Instant updatedAt,
                         Optional<Plan> plan, Optional<String> verdict, Optional<String> report, int repeatCount,
                         int runs, Map<String, Delivery> deliveries, String etag) {
    public AlertEntry {
        Objects.requireNonNull(key, "key");
        hub = hub == null ? "" : hub;
        requestId = requestId == null ? "" : requestId;
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        plan = plan == null ? Optional.empty() : plan;
        verdict = verdict == null ? Optional.empty() : verdict;
        report = report == null ? Optional.empty() : report;
        deliveries = Map.copyOf(deliveries);
        etag = etag == null ? "" : etag;
    }

    static AlertEntry fresh(AlertKey key, String hub, String requestId, Instant now) {
        return new AlertEntry(key, hub, requestId, now, now, Optional.empty(), Optional.empty(), Optional.empty(), 0, 0,
                Map.of(), "");
    }

    /** The post to one destination; a destination never tried is pending. */
    public Delivery delivery(String destination) {
        Delivery d = deliveries.get(destination);
        return d != null ? d : Delivery.pending(createdAt);
    }

    /** True when a plan is decided and every given destination has been posted to or refused for good. */
    public boolean finished(Collection<String> destinations) {
        if (plan.isEmpty()) {
            return false;
        }
        if (plan.get() == Plan.NOTHING) {
            return true;
        }
        return destinations.stream().allMatch(d -> delivery(d).state().isFinal());
    }

    public AlertEntry withPlan(Plan newPlan, Optional<String> newVerdict, int count) {
        return new AlertEntry(key, hub, requestId, createdAt, updatedAt, Optional.of(newPlan), newVerdict, report,
                count, runs, deliveries, etag);
    }

    /** With the report of the alert's triage (written in the same change as the plan). */
    public AlertEntry withReport(Optional<String> reportJson) {
        return new AlertEntry(key, hub, requestId, createdAt, updatedAt, plan, verdict, reportJson, repeatCount, runs,
                deliveries, etag);
    }

    public AlertEntry withDelivery(String destination, Delivery d) {
        Map<String, Delivery> copy = new LinkedHashMap<>(deliveries);
        copy.put(destination, d);
        return new AlertEntry(key, hub, requestId, createdAt, updatedAt, plan, verdict, report, repeatCount, runs, copy,
                etag);
    }

    public AlertEntry withAnotherRun() {
        return new AlertEntry(key, hub, requestId, createdAt, updatedAt, plan, verdict, report, repeatCount,
                runs + 1, deliveries, etag);
    }

    AlertEntry stored(Instant now, String newEtag) {
        return new AlertEntry(key, hub, requestId, createdAt, now, plan, verdict, report, repeatCount, runs,
                deliveries, newEtag);
    }
}
