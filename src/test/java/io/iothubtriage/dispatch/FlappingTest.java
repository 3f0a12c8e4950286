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

    private static Flapping.Firing firing(String verdict, Instant at) {
        return new Flapping.Firing(verdict, at, "conn-drop", "Sev3");
    }

    /** Decides, and when the decision is a full card, records it as posted (what the worker does after a 2xx). */
    private static Flapping.Outcome decidePosted(HubEntry hub, AlertKey key, Flapping.Firing f, Duration window) {
        Flapping.Outcome o = Flapping.decide(hub, key, f, window);
        if (o.decision().plan() == Plan.FULL_CARD) {
            return new Flapping.Outcome(Flapping.cardPosted(o.hub(), f), o.decision(), o.changed());
        }
        return o;
    }

    @Test
    void firstFiringGetsAFullCardAndRepeatsWithinTheWindowGetCountedUpdates() {
        Flapping.Outcome first = decidePosted(HubEntry.fresh("hub"), key(1), firing("MIXED", T0), WINDOW);
        assertThat(first.decision().plan()).isEqualTo(Plan.FULL_CARD);

        Flapping.Outcome second = decidePosted(first.hub(), key(2), firing("MIXED", T0.plusSeconds(600)), WINDOW);
        assertThat(second.decision().plan()).isEqualTo(Plan.REPEAT_UPDATE);
        assertThat(second.decision().count()).isEqualTo(2);

        Flapping.Outcome third = decidePosted(second.hub(), key(3), firing("MIXED", T0.plusSeconds(1500)), WINDOW);
        assertThat(third.decision().count()).isEqualTo(3);
        assertThat(third.hub().lastFullCardAt()).contains(T0);
    }

    @Test
    void aFullCardThatWasNeverPostedSuppressesNothing() {
        Flapping.Outcome first = Flapping.decide(HubEntry.fresh("hub"), key(1), firing("MIXED", T0), WINDOW);
        assertThat(first.decision().plan()).isEqualTo(Plan.FULL_CARD);
        // the webhook refused the card (400): cardPosted is never recorded

        Flapping.Outcome second = Flapping.decide(first.hub(), key(2), firing("MIXED", T0.plusSeconds(600)), WINDOW);
        assertThat(second.decision().plan()).as("the next alert gets the card the first one never delivered")
                .isEqualTo(Plan.FULL_CARD);
    }

    @Test
    void aHigherSeverityOrAnotherRuleIsNeverSuppressed() {
        Flapping.Outcome first = decidePosted(HubEntry.fresh("hub"), key(1), firing("MIXED", T0), WINDOW);

        Flapping.Outcome sev0 = Flapping.decide(first.hub(), key(2),
                new Flapping.Firing("MIXED", T0.plusSeconds(60), "conn-drop", "Sev0"), WINDOW);
        assertThat(sev0.decision().plan()).isEqualTo(Plan.FULL_CARD);

        Flapping.Outcome otherRule = Flapping.decide(first.hub(), key(3),
                new Flapping.Firing("MIXED", T0.plusSeconds(60), "throttling", "Sev3"), WINDOW);
        assertThat(otherRule.decision().plan()).isEqualTo(Plan.FULL_CARD);

        Flapping.Outcome lower = Flapping.decide(first.hub(), key(4),
                new Flapping.Firing("MIXED", T0.plusSeconds(60), "Conn-Drop", "Sev4"), WINDOW);
        assertThat(lower.decision().plan()).as("a lower severity of the same rule").isEqualTo(Plan.REPEAT_UPDATE);
    }

    @Test
    void theWindowDoesNotSlideAndADifferentVerdictGetsAFullCard() {
        Flapping.Outcome first = decidePosted(HubEntry.fresh("hub"), key(1), firing("MIXED", T0), WINDOW);
        Flapping.Outcome late = Flapping.decide(first.hub(), key(2), firing("MIXED", T0.plus(WINDOW)), WINDOW);
        assertThat(late.decision().plan()).as("exactly at the window's end").isEqualTo(Plan.FULL_CARD);

        Flapping.Outcome other = decidePosted(first.hub(), key(3), firing("AUTHENTICATION_FAILURES",
                T0.plusSeconds(60)), WINDOW);
        assertThat(other.decision().plan()).isEqualTo(Plan.FULL_CARD);
        assertThat(other.hub().lastVerdict()).contains("AUTHENTICATION_FAILURES");
    }

    @Test
    void aRedeliveredAlertFindsItsEarlierDecisionAndDoesNotCountTwice() {
        Flapping.Outcome first = decidePosted(HubEntry.fresh("hub"), key(1), firing("MIXED", T0), WINDOW);
        Flapping.Outcome second = decidePosted(first.hub(), key(2), firing("MIXED", T0.plusSeconds(60)), WINDOW);

        Flapping.Outcome firstAgain = Flapping.decide(second.hub(), key(1), firing("MIXED", T0), WINDOW);
        Flapping.Outcome secondAgain = Flapping.decide(second.hub(), key(2), firing("MIXED", T0.plusSeconds(60)),
                WINDOW);

        assertThat(firstAgain.changed()).isFalse();
        assertThat(firstAgain.decision().plan()).isEqualTo(Plan.FULL_CARD);
        assertThat(secondAgain.changed()).isFalse();
        assertThat(secondAgain.decision().count()).isEqualTo(2);
        assertThat(secondAgain.hub().firedCount()).isEqualTo(2);
    }

    @Test
    void zeroWindowTurnsSuppressionOff() {
        Flapping.Outcome first = decidePosted(HubEntry.fresh("hub"), key(1), firing("MIXED", T0), Duration.ZERO);
        Flapping.Outcome second = Flapping.decide(first.hub(), key(2), firing("MIXED", T0.plusSeconds(1)),
                Duration.ZERO);
        assertThat(second.decision().plan()).isEqualTo(Plan.FULL_CARD);
    }

    @Test
    void historyIsBounded() {
        HubEntry hub = decidePosted(HubEntry.fresh("hub"), key(0), firing("MIXED", T0), WINDOW).hub();
        for (int i = 1; i < 50; i++) {
            hub = decidePosted(hub, key(i), firing("MIXED", T0.plusSeconds(i)), WINDOW).hub();
        }
        assertThat(hub.recent()).hasSize(HubEntry.MAX_RECENT);
        assertThat(hub.firedCount()).isEqualTo(50);
    }
}
