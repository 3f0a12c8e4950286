package io.iothubtriage.dispatch;

import io.iothubtriage.alert.HubId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one posted rerun per hub per interval, per instance: a person asking twice in a row, or a script in a
 * loop, does not flood the channel with cards. Reruns that only return the report are not limited.
 */
public final class RerunLimiter {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

    private final Duration interval;
    private final Clock clock;
    private final Map<HubId, Instant> lastPost = new ConcurrentHashMap<>();

    public RerunLimiter(Duration interval, Clock clock) {
        this.interval = Objects.requireNonNull(interval, "interval");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The shortest time between two posted reruns of one hub. */
    public Duration interval() {
        return interval;
    }

    /** Takes the hub's slot; empty when granted, else how long until the next posted rerun is allowed. */
    public Optional<Duration> acquire(HubId hub) {
        Instant now = clock.instant();
        Instant[] refusedUntil = new Instant[1];
        lastPost.compute(hub, (h, last) -> {
            if (last != null && now.isBefore(last.plus(interval))) {
                refusedUntil[0] = last.plus(interval);
                return last;
            }
            return now;
        });
        return refusedUntil[0] == null ? Optional.empty() : Optional.of(Duration.between(now, refusedUntil[0]));
    }
}
