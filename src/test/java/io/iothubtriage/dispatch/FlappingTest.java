package io.iothubtriage.dispatch;

import io.iothubtriage.alert.MonitorCondition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FlappingTest {
    private static final Duration WINDOW = Duration.ofMinutes(30);
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private static AlertKey key(int n) {
        return new AlertKey("/subscriptions/s/providers/Microsoft.AlertsManagement/alerts/a" + n,
                MonitorCondition.FIRED);
    }

    @Test
    void firstFiringGetsAFullCardAndRepeatsWithinTheWindowGetCountedUpdates() {
        HubEntry hub = HubEntry.fresh("hub");
        Flapping.Outcome first = Flapping.decide(hub, key(1), "MIXED", T0, WINDOW);
        assertThat(first.decision().plan()).isEqualTo(Plan.FULL_CARD);

        Flapping.Outcome second = Flapping.decide(first.hub(), key(2), "MIXED", T0.plusSeconds(600), WINDOW);
        assertThat(second.decision().plan()).isEqualTo(Plan.REPEAT_UPDATE);
        assertThat(second.decision().count()).isEqualTo(2);

        Flapping.Outcome third = Flapping.decide(second.hub(), key(3), "MIXED", T0.plusSeconds(1500), WINDOW);
        assertThat(third.decision().count()).isEqualTo(3);
        assertThat(third.hub().lastFullCardAt()).contains(T0);
    }

    @Test
    void theWindowDoesNotSlideAndADifferentVerdictGetsAFullCard() {
        Flapping.Outcome first = Flapping.decide(HubEntry.fresh("hub"), key(1), "MIXED", T0, WINDOW);
        Flapping.Outcome late = Flapping.decide(first.hub(), key(2), "MIXED", T0.plus(WINDOW), WINDOW);
        assertThat(late.decision().plan()).as("exactly at the window's end").isEqualTo(Plan.FULL_CARD);

        Flapping.Outcome other = Flapping.decide(first.hub(), key(3), "AUTHENTICATION_FAILURES",
                T0.plusSeconds(60), WINDOW);
        assertThat(other.decision().plan()).isEqualTo(Plan.FULL_CARD);
        assertThat(other.hub().lastVerdict()).contains("AUTHENTICATION_FAILURES");
    }

    @Test
    void aRedeliveredAlertFindsItsEarlierDecisionAndDoesNotCountTwice() {
        Flapping.Outcome first = Flapping.decide(HubEntry.fresh("hub"), key(1), "MIXED", T0, WINDOW);
        Flapping.Outcome second = Flapping.decide(first.hub(), key(2), "MIXED", T0.plusSeconds(60), WINDOW);

        Flapping.Outcome firstAgain = Flapping.decide(second.hub(), key(1), "MIXED", T0, WINDOW);
        Flapping.Outcome secondAgain = Flapping.decide(second.hub(), key(2), "MIXED", T0.plusSeconds(60), WINDOW);

        assertThat(firstAgain.changed()).isFalse();
        assertThat(firstAgain.decision().plan()).isEqualTo(Plan.FULL_CARD);
        assertThat(secondAgain.changed()).isFalse();
        assertThat(secondAgain.decision().count()).isEqualTo(2);
        assertThat(secondAgain.hub().firedCount()).isEqualTo(2);
    }

    @Test
    void zeroWindowTurnsSuppressionOff() {
        Flapping.Outcome first = Flapping.decide(HubEntry.fresh("hub"), key(1), "MIXED", T0, Duration.ZERO);
        Flapping.Outcome second = Flapping.decide(first.hub(), key(2), "MIXED", T0.plusSeconds(1), Duration.ZERO);
        assertThat(second.decision().plan()).isEqualTo(Plan.FULL_CARD);
    }

    @Test
    void historyIsBounded() {
        HubEntry hub = HubEntry.fresh("hub");
        for (int i = 0; i < 50; i++) {
            hub = Flapping.decide(hub, key(i), "MIXED", T0.plusSeconds(i), WINDOW).hub();
        }
        assertThat(hub.recent()).hasSize(HubEntry.MAX_RECENT);
        assertThat(hub.firedCount()).isEqualTo(50);
    }
}
