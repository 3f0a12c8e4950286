package io.iothubtriage.dispatch;

import io.iothubtriage.alert.HubId;
import io.iothubtriage.functions.testing.Alerts;
import io.iothubtriage.functions.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** At most one posted rerun per hub per interval, measured on an injected clock. */
class RerunLimiterTest {
    private static final HubId CONTOSO = HubId.parse(Alerts.HUB);
    private static final HubId FABRIKAM = HubId.parse(Alerts.HUB.replace("contoso-hub", "fabrikam-hub"));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T11:00:00Z"));
    private final RerunLimiter limiter = new RerunLimiter(Duration.ofSeconds(200), clock);

    @Test
    void aSecondPostForTheSameHubWithinTheIntervalIsRefusedWithTheWaitLeft() {
        assertThat(limiter.acquire(CONTOSO)).as("the first is granted").isEmpty();

        clock.advance(Duration.ofSeconds(30));
        assertThat(limiter.acquire(CONTOSO)).contains(Duration.ofSeconds(170));

        clock.advance(Duration.ofSeconds(169));
        assertThat(limiter.acquire(CONTOSO)).contains(Duration.ofSeconds(1));
    }

    @Test
    void aRefusedAskDoesNotPushTheNextSlotBack() {
        limiter.acquire(CONTOSO);
        clock.advance(Duration.ofSeconds(199));
        assertThat(limiter.acquire(CONTOSO)).isPresent();

        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.acquire(CONTOSO)).as("200 s after the granted one, not after the refused one").isEmpty();
        assertThat(limiter.acquire(CONTOSO)).contains(Duration.ofSeconds(200));
    }

    @Test
    void eachHubHasItsOwnSlot() {
        assertThat(limiter.acquire(CONTOSO)).isEmpty();
        assertThat(limiter.acquire(FABRIKAM)).isEmpty();
        assertThat(limiter.acquire(FABRIKAM)).isEqualTo(Optional.of(Duration.ofSeconds(200)));
    }
}
