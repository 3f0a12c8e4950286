package io.iothubtriage.diagnosis;

import io.iothubtriage.simulation.FleetScenario;
import io.iothubtriage.simulation.Scenarios;
import io.iothubtriage.simulation.SimulatedSources;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A used-up daily quota (403002) refuses every device until it resets: they are not "throttled", and spreading their
 * reconnects does not help. Throttling (429xxx) is, and does.
 */
class QuotaWordingTest {

    private static TriageReport report(FleetScenario s) {
        try (Triage t = SimulatedSources.triage(s)) {
            return t.run(s.request());
        }
    }

    @Test
    void aUsedUpQuotaIsARefusalWithoutTheBackOffStep() {
        TriageReport r = report(Scenarios.quotaExceeded().build());

        assertThat(r.verdict()).isEqualTo(Verdict.THROTTLING_OR_QUOTA);
        assertThat(r.headline()).contains("were refused over the hub's used-up daily message quota at 10:41 UTC (403002)")
                .doesNotContain("throttled");
        assertThat(r.actions()).noneMatch(a -> a.startsWith("Spread reconnects"))
                .anyMatch(a -> a.startsWith("The daily message quota is used up (403002)"));
    }

    @Test
    void throttlingKeepsItsWordsAndTheBackOffStep() {
        TriageReport r = report(Scenarios.throttling().build());

        assertThat(r.headline()).contains("were throttled");
        assertThat(r.actions()).anyMatch(a -> a.startsWith("Spread reconnects with exponential back-off and jitter"));
    }
}
