package io.iothubtriage.dispatch;

import io.iothubtriage.alert.AlertIdentity;
import io.iothubtriage.alert.MonitorCondition;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a queued alert may be worked on, and whether it is a live incident at all.
 * <ul>
 *   <li>A Fired alert is triaged no earlier than the end of its analysis window (fired + {@code windowAfter}) plus
 *       the ingestion allowance: Log Analytics takes 20 s to 3 minutes (sometimes more) to ingest resource logs, so
 *       a triage that ran the moment the alert fired would miss the window's last minutes.</li>
 *   <li>A Resolved alert waits {@link #RESOLVED_AFTER_FIRED} longer than its Fired one, so its message follows
 *       the card (the worker also holds it back while the Fired card is not out yet).</li>
 *   <li>An alert whose time is more than {@link #MAX_AGE} before it arrived, or more than {@link #MAX_SKEW} in the
 *       future (the portal's "test action group" sends fixed sample dates), is a test or stale notification: it
 *       is not triaged as a live incident.</li>
 * </ul>
 */
public record TriageSchedule(Duration windowAfter, Duration ingestionAllowance) {
    public static final Duration MAX_AGE = Duration.ofHours(24);
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);
    public static final Duration RESOLVED_AFTER_FIRED = Duration.ofMinutes(1);
    public static final Duration DEFAULT_INGESTION_ALLOWANCE = Duration.ofMinutes(2);

    public TriageSchedule {
        Objects.requireNonNull(windowAfter, "windowAfter");
        Objects.requireNonNull(ingestionAllowance, "ingestionAllowance");
    }

    /** The earliest time the worker may take the alert up. */
    public Instant notBefore(AlertIdentity alert) {
        Instant ready = alert.firedAt().plus(windowAfter).plus(ingestionAllowance);
        return alert.condition() == MonitorCondition.RESOLVED ? ready.plus(RESOLVED_AFTER_FIRED) : ready;
    }

    /** How long to keep the queued alert invisible when it arrives at {@code now}; zero for a test or stale one. */
    public Duration delay(AlertIdentity alert, Instant now) {
        if (testOrStale(alert, now)) {
            return Duration.ZERO;
        }
        Duration d = Duration.between(now, notBefore(alert));
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** Fired (or, for a Resolved, resolved) more than a day before {@code now}, or in the future. */
    public static boolean testOrStale(AlertIdentity alert, Instant now) {
        Instant t = alert.condition() == MonitorCondition.RESOLVED ? alert.resolvedAt().orElse(alert.firedAt())
                : alert.firedAt();
        return t.isAfter(now.plus(MAX_SKEW)) || t.isBefore(now.minus(MAX_AGE));
    }
}
