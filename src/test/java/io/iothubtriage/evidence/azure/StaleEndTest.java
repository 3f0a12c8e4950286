package io.iothubtriage.evidence.azure;

import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.evidence.Gap;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StaleEndTest {

    static final TimeWindow WINDOW = new TimeWindow(Instant.parse("2026-01-15T10:11:00Z"),
            Instant.parse("2026-01-15T10:46:00Z"));
    static final TimeWindow BASELINE = WINDOW.before(Duration.ofHours(24));
    static final Duration ALLOWANCE = Duration.ofMinutes(2);
    /** A busy hub: 1,000 devices renewing hourly, about 72,000 rows a day (50 a minute). */
    static final long BUSY = 72_000;

    static Optional<Gap> check(String newest, long baselineRows, String checkedAt) {
        return StaleEnd.check(WINDOW, Optional.of(Instant.parse(newest)), baselineRows, BASELINE,
                Instant.parse(checkedAt), ALLOWANCE);
    }

    @Test
    void aBusyHubSilentForTheWindowsLastMinutesHasNotLanded() {
        assertThat(check("2026-01-15T10:41:30Z", BUSY, "2026-01-15T10:48:00Z")).hasValueSatisfying(g -> {
            assertThat(g.source()).isEqualTo(Gap.CONNECTION_LOGS);
            assertThat(g.reason()).isEqualTo("logs after 10:41 UTC had not landed when this ran (10:48 UTC; the hub"
                    + " usually logs about 225 rows in that time): rerun later to see the end of the window");
        });
    }

    @Test
    void rowsUpToTheAllowanceBeforeTheEndAreFresh() {
        assertThat(check("2026-01-15T10:44:00Z", BUSY, "2026-01-15T10:48:00Z")).isEmpty();
    }

    @Test
    void aQuietHubMaySimplyHaveHadNothingToSay() {
        // 100 rows a day: 0.3 expected in the silent 4.5 minutes
        assertThat(check("2026-01-15T10:41:30Z", 100, "2026-01-15T10:48:00Z")).isEmpty();
    }

    @Test
    void longAfterTheWindowTheSilenceIsEvidenceNotLateLogs() {
        assertThat(check("2026-01-15T10:41:30Z", BUSY, "2026-01-15T11:30:00Z")).isEmpty();
    }

    @Test
    void noRowAtAllIsNotThisRulesBusiness() {
        assertThat(StaleEnd.check(WINDOW, Optional.empty(), BUSY, BASELINE, Instant.parse("2026-01-15T10:48:00Z"),
                ALLOWANCE)).isEmpty();
    }
}
