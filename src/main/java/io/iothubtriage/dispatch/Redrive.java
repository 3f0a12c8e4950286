package io.iothubtriage.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How a request that cannot finish now is tried again: queued once more with a growing visibility delay (1, 2, 4,
 * 8, 16, then every 30 minutes) instead of failing the invocation, so the host's five quick redeliveries are kept
 * for crashes. Past {@link #SPAN} after the alert arrived the request goes to the failure path (the poison queue,
 * whose handler posts the "automatic triage failed" notice). A worker whose own settings are broken holds the
 * request every {@link #HOLD_DELAY} for up to {@link #HOLD_SPAN} (the queue's time-to-live) instead: the alerts
 * wait until the settings are fixed.
 */
public final class Redrive {
    /** How long the worker keeps trying a request: a webhook down for hours is waited out. */
    public static final Duration SPAN = Duration.ofHours(6);
    public static final Duration FIRST_DELAY = Duration.ofMinutes(1);
    public static final Duration MAX_DELAY = Duration.ofMinutes(30);
    public static final Duration HOLD_DELAY = Duration.ofMinutes(10);
    public static final Duration HOLD_SPAN = RequestQueue.TIME_TO_LIVE;

    private final RequestQueue queue;
    private final RequestQueue failures;
    private final Clock clock;

    /**
     * @param queue    the queue the request came from
     * @param failures the failure path's queue ({@code triage-requests-poison})
     */
    public Redrive(RequestQueue queue, RequestQueue failures, Clock clock) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The wait before re-drive number {@code attempt + 1}. */
    public static Duration delay(int attempt) {
        Duration d = FIRST_DELAY.multipliedBy(1L << Math.min(Math.max(attempt, 0), 10));
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }

    /** Tries the request again later, or hands it to the failure path once {@link #SPAN} is used up. */
    public Outcome later(QueueMessage m, String why, List<String> served, StageLog log) {
        Instant now = clock.instant();
        if (Duration.between(m.receivedAt(), now).compareTo(SPAN) > 0) {
            return toFailurePath(m, "still failing " + SPAN.toHours() + " h after the alert arrived: " + why, served,
                    log);
        }
        Duration d = delay(m.attempt());
        queue.send(m.redriven(why).encode(), d);
        log.stage("will-retry").with("alertId", m.alertId()).with("attempt", m.attempt() + 1)
                .millis("delay", d).with("reason", why).warn();
        return Outcome.of("will-retry");
    }

    /** Waits for something that will happen (the Fired card before a Resolved message), not a failure. */
    public Outcome wait(QueueMessage m, Duration d, String why, StageLog log) {
        queue.send(m.redriven(why).encode(), d);
        log.stage("waiting").with("alertId", m.alertId()).millis("delay", d).with("reason", why).info();
        return Outcome.of("waiting");
    }

    /** The worker's settings are broken: keep the request queued until they are fixed. */
    public Outcome hold(QueueMessage m, String why, StageLog log) {
        if (Duration.between(m.receivedAt(), clock.instant()).compareTo(HOLD_SPAN) > 0) {
            return toFailurePath(m, "the app's settings stayed broken for " + HOLD_SPAN.toDays() + " days: " + why,
                    List.of(), log);
        }
        queue.send(m.redriven(why).encode(), HOLD_DELAY);
        log.stage("held").with("alertId", m.alertId()).with("attempt", m.attempt() + 1)
                .millis("delay", HOLD_DELAY).with("reason", why).warn();
        return Outcome.of("held");
    }

    /** Gives the request to the failure path, which posts the "automatic triage failed" notice. */
    public Outcome toFailurePath(QueueMessage m, String why, List<String> served, StageLog log) {
        failures.send(m.failed(why, served, clock.instant()).encode(), Duration.ZERO);
        log.stage("giving-up").with("alertId", m.alertId()).with("hub", m.hub()).with("next", failures.name())
                .with("reason", why).error();
        return Outcome.of("failed");
    }

    /** A message that is not even our envelope goes to the failure path as it is. */
    public Outcome toFailurePath(String raw, String why, StageLog log) {
        failures.send(raw, Duration.ZERO);
        log.stage("giving-up").with("next", failures.name()).with("reason", why).error();
        return Outcome.of("failed");
    }
}
