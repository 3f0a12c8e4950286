package io.iothubtriage.dispatch;

import io.iothubtriage.alert.AlertIdentity;
import io.iothubtriage.alert.MonitorCondition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TriageScheduleTest {
    private static final Instant FIRED = Instant.parse("2026-11-26T10:41:00Z");
    private final TriageSchedule schedule = new TriageSchedule(Duration.ofMinutes(5), Duration.ofMinutes(2));

    private static AlertIdentity alert(MonitorCondition c, Instant fired, Instant resolved) {
        return new AlertIdentity("/subscriptions/s/providers/Microsoft.AlertsManagement/alerts/a", "rule", "Sev2", c,
                fired, Optional.ofNullable(resolved), "Metric", "Platform", Optional.empty(), "");
    }

    @Test
    void aFiredAlertWaitsForTheWindowsEndPlusTheIngestionAllowance() {
        AlertIdentity a = alert(MonitorCondition.FIRED, FIRED, null);
        assertThat(schedule.notBefore(a)).isEqualTo(Instant.parse("2026-11-26T10:48:00Z"));
        assertThat(schedule.delay(a, FIRED.plusSeconds(60))).isEqualTo(Duration.ofMinutes(6));
        assertThat(schedule.delay(a, FIRED.plus(Duration.ofMinutes(30)))).as("arrived late: at once")
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void aResolvedAlertComesAMinuteAfterItsFiredOne() {
        AlertIdentity fired = alert(MonitorCondition.FIRED, FIRED, null);
        AlertIdentity resolved = alert(MonitorCondition.RESOLVED, FIRED, FIRED.plusSeconds(90));
        assertThat(schedule.notBefore(resolved)).isEqualTo(schedule.notBefore(fired).plus(Duration.ofMinutes(1)));
    }

    @Test
    void olderThanADayOrInTheFutureIsATestOrStaleNotification() {
        Instant now = FIRED.plusSeconds(60);
        assertThat(TriageSchedule.testOrStale(alert(MonitorCondition.FIRED, FIRED, null), now)).isFalse();
        assertThat(TriageSchedule.testOrStale(alert(MonitorCondition.FIRED, now.minus(Duration.ofHours(24))
                .minusSeconds(1), null), now)).isTrue();
        assertThat(TriageSchedule.testOrStale(alert(MonitorCondition.FIRED, now.plus(Duration.ofMinutes(6)), null),
                now)).isTrue();
        assertThat(TriageSchedule.testOrStale(alert(MonitorCondition.FIRED, now.plus(Duration.ofMinutes(4)), null),
                now)).as("clock skew").isFalse();
        // a long incident: fired two days ago, resolved now; the resolved time is what counts
        assertThat(TriageSchedule.testOrStale(alert(MonitorCondition.RESOLVED, now.minus(Duration.ofDays(2)),
                now.minusSeconds(30)), now)).isFalse();
        assertThat(schedule.delay(alert(MonitorCondition.FIRED, now.plus(Duration.ofHours(3)), null), now))
                .as("a test notification is handled at once").isZero();
    }

    @Test
    void reDrivesWaitLongerEachTimeUpToHalfAnHour() {
        assertThat(java.util.stream.IntStream.range(0, 8).mapToObj(Redrive::delay).map(Duration::toMinutes))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }
}
