package io.iothubtriage.alert;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WindowPolicyTest {

    private static final HubId HUB = HubId.parse(
            "/subscriptions/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourcegroups/iot-prod-rg/providers/microsoft.devices/iothubs/contoso-hub");

    @Test
    void defaultsAreTheContractsWindows() {
        WindowPolicy p = WindowPolicy.defaults();
        assertThat(p.before()).isEqualTo(Duration.ofMinutes(30));
        assertThat(p.after()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.baseline()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void fired1041_gives1011to1046_andTheDayBefore1011AsBaseline() {
        WindowPolicy p = WindowPolicy.defaults();
        TimeWindow analysis = p.analysisWindow(Instant.parse("2026-01-15T10:41:00Z"));

        assertThat(analysis).isEqualTo(window("2026-01-15T10:11:00Z", "2026-01-15T10:46:00Z"));
        assertThat(p.baselineBefore(analysis)).isEqualTo(window("2026-01-14T10:11:00Z", "2026-01-15T10:11:00Z"));
    }

    @Test
    void zeroAfterEndsTheWindowAtTheFiredTime() {
        WindowPolicy p = new WindowPolicy(Duration.ofMinutes(15), Duration.ZERO, Duration.ofDays(30));
        assertThat(p.analysisWindow(Instant.parse("2026-01-15T10:41:00Z")))
                .isEqualTo(window("2026-01-15T10:26:00Z", "2026-01-15T10:41:00Z"));
    }

    @Test
    void validation() {
        assertThatThrownBy(() -> new WindowPolicy(Duration.ZERO, Duration.ofMinutes(5), Duration.ofHours(24)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TRIAGE_WINDOW_BEFORE must be positive, was 0 seconds");
        assertThatThrownBy(() -> new WindowPolicy(Duration.ofMinutes(30), Duration.ofMinutes(-5), Duration.ofHours(24)))
                .hasMessage("TRIAGE_WINDOW_AFTER must be zero or positive, was minus 5 minutes");
        assertThatThrownBy(() -> new WindowPolicy(Duration.ofMinutes(30), Duration.ofHours(25), Duration.ofHours(24)))
                .hasMessage("TRIAGE_WINDOW_AFTER must be at most 1 day, was 1 day 1 hour");
        assertThatThrownBy(() -> new WindowPolicy(Duration.ofMinutes(30), Duration.ofMinutes(5), Duration.ZERO))
                .hasMessage("TRIAGE_BASELINE must be positive, was 0 seconds");
        assertThatThrownBy(() -> new WindowPolicy(Duration.ofMinutes(30), Duration.ofMinutes(5), Duration.ofDays(31)))
                .hasMessage("TRIAGE_BASELINE must be at most 30 days, was 31 days");
        assertThatThrownBy(() -> new WindowPolicy(Duration.ofDays(31), Duration.ofMinutes(5), Duration.ofHours(24)))
                .hasMessage("TRIAGE_WINDOW_BEFORE must be at most 30 days, was 31 days");
        assertThatThrownBy(() -> new WindowPolicy(null, Duration.ofMinutes(5), Duration.ofHours(24)))
                .isInstanceOf(NullPointerException.class);
        assertThat(new WindowPolicy(Duration.ofDays(30), Duration.ofDays(1), Duration.ofDays(30)).baseline())
                .isEqualTo(Duration.ofDays(30));
    }

    @Test
    void requestForAnExplicitWindowHasNoAlertAndTheBaselineBeforeIt() {
        TimeWindow w = window("2026-01-15T09:00:00Z", "2026-01-15T10:30:00Z");

        TriageRequest r = TriageRequest.forWindow(HUB, w, WindowPolicy.defaults());

        assertThat(r.hub()).isEqualTo(HUB);
        assertThat(r.window()).isEqualTo(w);
        assertThat(r.baseline()).isEqualTo(window("2026-01-14T09:00:00Z", "2026-01-15T09:00:00Z"));
        assertThat(r.alert()).isEmpty();
    }

    @Test
    void requestForALookbackEndsNow() {
        Instant now = Instant.parse("2026-01-15T10:45:30Z");

        TriageRequest r = TriageRequest.forLookback(HUB, Duration.ofHours(1), now,
                new WindowPolicy(Duration.ofMinutes(30), Duration.ofMinutes(5), Duration.ofHours(6)));

        assertThat(r.window()).isEqualTo(window("2026-01-15T09:45:30Z", "2026-01-15T10:45:30Z"));
        assertThat(r.baseline()).isEqualTo(window("2026-01-15T03:45:30Z", "2026-01-15T09:45:30Z"));
        assertThat(r.alert()).isEmpty();
    }

    @Test
    void aLookbackEndsAtNowsWholeSecondSoTheCutAtNowLeavesItAlone() {
        Instant now = Instant.parse("2026-01-15T10:45:30.734Z");

        TriageRequest r = TriageRequest.forLookback(HUB, Duration.ofHours(1), now, WindowPolicy.defaults());

        assertThat(r.window()).isEqualTo(window("2026-01-15T09:45:30Z", "2026-01-15T10:45:30Z"));
        assertThat(r.cutAt(now.plusMillis(200)).requestedEnd()).as("no 'cut at now' note").isEmpty();
    }

    @Test
    void lookbackAndWindowAreBounded() {
        Instant now = Instant.parse("2026-01-15T10:45:30Z");
        assertThatThrownBy(() -> TriageRequest.forLookback(HUB, Duration.ZERO, now, WindowPolicy.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("lookback must be positive, was 0 seconds");
        assertThatThrownBy(() -> TriageRequest.forLookback(HUB, Duration.ofDays(45), now, WindowPolicy.defaults()))
                .hasMessage("lookback must be at most 30 days, was 45 days");
        assertThatThrownBy(() -> TriageRequest.forWindow(HUB, window("2025-11-01T00:00:00Z", "2026-01-15T00:00:00Z"),
                WindowPolicy.defaults())).hasMessage("window must be at most 30 days, was 75 days");
    }

    @Test
    void requestForAnAlertUsesItsFiredTime() {
        AlertIdentity alert = new AlertIdentity("/subscriptions/x/providers/Microsoft.AlertsManagement/alerts/1", "rule",
                "Sev2", MonitorCondition.FIRED, Instant.parse("2026-01-15T10:41:00Z"), null, "Metric", "Platform", null, "");

        TriageRequest r = TriageRequest.forAlert(HUB, alert, WindowPolicy.defaults());

        assertThat(r.window()).isEqualTo(window("2026-01-15T10:11:00Z", "2026-01-15T10:46:00Z"));
        assertThat(r.baseline()).isEqualTo(window("2026-01-14T10:11:00Z", "2026-01-15T10:11:00Z"));
        assertThat(r.alert()).contains(alert);
    }

    @Test
    void aTriageIsReadyOnceTheWindowsLogsCanHaveLanded() {
        WindowPolicy policy = WindowPolicy.defaults();
        assertThat(policy.ingestionAllowance()).isEqualTo(Duration.ofMinutes(2));
        Instant fired = Instant.parse("2026-01-15T10:41:07Z");
        // window ends 5 min after the alert; its logs can have landed 2 min after that
        assertThat(policy.readyAt(policy.analysisWindow(fired))).isEqualTo(Instant.parse("2026-01-15T10:48:07Z"));
        assertThat(policy.withIngestionAllowance(Duration.ofMinutes(5)).readyAt(policy.analysisWindow(fired)))
                .isEqualTo(Instant.parse("2026-01-15T10:51:07Z"));
        assertThatThrownBy(() -> policy.withIngestionAllowance(Duration.ofSeconds(-1)))
                .hasMessageContaining("TRIAGE_INGESTION_ALLOWANCE");
    }

    @Test
    void aWindowEndingInTheFutureIsCutAtNowAndRemembersItsEnd() {
        TriageRequest asked = TriageRequest.forWindow(HUB, window("2026-01-15T10:00:00Z", "2026-01-15T11:00:00Z"),
                WindowPolicy.defaults());
        Instant now = Instant.parse("2026-01-15T10:52:00Z");

        TriageRequest cut = asked.cutAt(now);

        assertThat(cut.window()).isEqualTo(window("2026-01-15T10:00:00Z", "2026-01-15T10:52:00Z"));
        assertThat(cut.requestedEnd()).contains(Instant.parse("2026-01-15T11:00:00Z"));
        assertThat(cut.baseline()).isEqualTo(asked.baseline());
        assertThat(cut.cutAt(Instant.parse("2026-01-15T10:55:00Z")).requestedEnd()).isEqualTo(cut.requestedEnd());
        assertThat(asked.cutAt(Instant.parse("2026-01-15T11:00:00Z"))).isSameAs(asked);   // ends now: as asked
        assertThat(asked.cutAt(Instant.parse("2026-01-15T09:00:00Z"))).isSameAs(asked);   // all future: nothing to cut to
        // the clock's nanoseconds never reach the window's end (reports and queries show whole seconds)
        assertThat(asked.cutAt(Instant.parse("2026-01-15T10:52:07.845425259Z")).window().end())
                .isEqualTo(Instant.parse("2026-01-15T10:52:07Z"));
    }

    private static TimeWindow window(String start, String end) {
        return new TimeWindow(Instant.parse(start), Instant.parse(end));
    }
}
