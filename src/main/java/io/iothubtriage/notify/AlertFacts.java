package io.iothubtriage.notify;

import io.iothubtriage.alert.HubId;

import java.time.Instant;
import java.util.Optional;

/**
 * What is known about an alert for a short notice (triage failed, fallback, test or stale), taken leniently from
 * its queue message: as much as can be read, so the notice carries the alert's essentials even when the payload is
 * broken.
 *
 * @param requestId the id the alerts endpoint answered with, empty when unknown
 * @param logsLink  the hub's logs in the portal, empty when the hub is unknown
 * @param hubLink   the hub's overview in the portal, empty when the hub is unknown
 */
public record AlertFacts(Optional<String> alertId, String rule, String severity, String condition,
                          Optional<HubId> hub, Optional<Instant> firedAt, String requestId, String logsLink,
                          String hubLink) {
    public AlertFacts {
        alertId = alertId == null ? Optional.empty() : alertId;
        rule = rule == null ? "" : rule;
        severity = severity == null ? "" : severity;
        condition = condition == null ? "" : condition;
        hub = hub == null ? Optional.empty() : hub;
        firedAt = firedAt == null ? Optional.empty() : firedAt;
        requestId = requestId == null ? "" : requestId;
        logsLink = logsLink == null ? "" : logsLink;
        hubLink = hubLink == null ? "" : hubLink;
    }

    /** What tells this alert apart for an idempotency key: its id, else the request id; empty when neither is known. */
    Optional<String> identity() {
        return alertId.or(() -> requestId.isEmpty() ? Optional.empty() : Optional.of("request " + requestId));
    }
}
