package io.iothubtriage.notify;

import io.iothubtriage.diagnosis.Diagnosis;
import io.iothubtriage.diagnosis.DiagnosisOptions;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.diagnosis.Verdict;
import io.iothubtriage.evidence.ConnectionEvidence.MinuteBucket;
import io.iothubtriage.evidence.DeviceCountEvidence;
import io.iothubtriage.evidence.DeviceCountEvidence.MetricPoint;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import static io.iothubtriage.testing.EvidenceFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clean disconnects point at a shutdown only when connected devices fell by a meaningful share, not in a dip within
 * routine churn; and the timeline's sentence quotes the headline's figures by the headline's rule.
 */
class ChurnDipWordsTest {

    private static final Instant LOW = Instant.parse("2026-01-15T10:28:00Z");

    /**
     * Per-minute averages 997–999 before 10:28; at 10:28 the minimum is {@code low} and the average {@code lowAverage};
     * {@code after} from then on.
     */
    private static DeviceCountEvidence metric(double low, double lowAverage, double after) {
        List<MetricPoint> connected = new ArrayList<>();
        List<MetricPoint> total = new ArrayList<>();
        for (Instant m = WINDOW.start(); m.isBefore(WINDOW.end()); m = m.plusSeconds(60)) {
            double avg = m.isBefore(LOW) ? 997 + m.getEpochSecond() / 60 % 3 : m.equals(LOW) ? lowAverage : after;
            double min = m.equals(LOW) ? low : avg - 1;
            connected.add(new MetricPoint(m, OptionalDouble.of(min), OptionalDouble.of(avg), OptionalDouble.of(avg + 1)));
            total.add(new MetricPoint(m, OptionalDouble.of(1_040), OptionalDouble.of(1_040), OptionalDouble.of(1_040)));
        }
        return new DeviceCountEvidence(connected, total);
    }

    /** Clean disconnects of routine churn: two a minute all through the window, none together. */
    private static TriageReport diagnose(DeviceCountEvidence d) {
        return diagnose(d, cleanTimeline(WINDOW, DROP, 0));
    }

    private static TriageReport diagnose(DeviceCountEvidence d, List<MinuteBucket> timeline) {
        return Diagnosis.diagnose(request(), evidence(cleanShutdown().timeline(timeline).build(), healthy(), d),
                DiagnosisOptions.defaults(), NOW);
    }

    @Test
    void aDipWithinRoutineChurnPointsAtNoShutdownAndTheTimelineQuotesTheSameFigures() {
        TriageReport r = diagnose(metric(985, 990, 996));

        assertThat(r.verdict()).isEqualTo(Verdict.NO_CONNECTION_ERRORS);
        assertThat(r.headline()).contains("connected devices fell from 999 to 985 at 10:28 UTC, a dip of 1.4 % of the "
                + "devices connected, within routine churn rather than a shutdown; ")
                .doesNotContain("points at a shutdown");
        assertThat(TimelineSummary.of(r, List.of())).contains("Connected devices fell from 999 before the drop to 985 "
                + "at 10:28 UTC (the lowest per-minute minimum) and ended at 996; the chart draws per-minute averages, "
                + "lowest 990.");
    }

    @Test
    void aFallOfAMeaningfulShareStillPointsAtAShutdown() {
        // 999 → 900: 10 % of the devices connected
        TriageReport r = diagnose(metric(900, 905, 910));

        assertThat(r.headline()).contains("connected devices fell from 999 to 900 at 10:28 UTC, which points at a "
                + "shutdown, power loss or planned restart; ");
        assertThat(TimelineSummary.of(r, List.of())).contains("Connected devices fell from 999 before the drop to 900 "
                + "at 10:28 UTC (the lowest per-minute minimum) and ended at 910; the chart draws per-minute averages, "
                + "lowest 905.");
    }

    @Test
    void cleanDisconnectsTogetherPointAtAShutdownHoweverSmallTheDip() {
        // the same 1.4 % dip, but 60 devices disconnect cleanly in one minute: one site powered down in a big fleet
        TriageReport r = diagnose(metric(985, 990, 996), cleanTimeline(WINDOW, DROP, 60));

        assertThat(r.headline()).contains("540 devices disconnected cleanly between 10:11 and 10:45 UTC, 62 of them at "
                + "10:41 UTC").contains("which points at a shutdown, power loss or planned restart; ")
                .doesNotContain("routine churn");
        assertThat(r.actions().get(0)).startsWith("Ask the owners of the ");
    }

    @Test
    void aDipWithinRoutineChurnAsksAboutTheAlertNotTheOwners() {
        TriageReport r = diagnose(metric(985, 990, 996));

        assertThat(r.actions().get(0)).startsWith("The dip is routine churn: its clean disconnects came at their own "
                + "times across the window, not together. If this alert fires on such dips, set its threshold");
        assertThat(String.join("\n", r.actions())).doesNotContain("Ask the owner").doesNotContain("planned or local")
                .doesNotContain("If planned restarts trip this alert");
    }

    @Test
    void aDipWithinRoutineChurnWithoutCleanDisconnectsSpeaksOfNone() {
        // nothing disconnected cleanly in the window: the step must not speak of "its clean disconnects"
        TriageReport r = Diagnosis.diagnose(request(), evidence(connections().rows(3_900, 98_400).active(1_204)
                        .disconnected(0).timeline(cleanTimeline(WINDOW, DROP, 0)).build(), healthy(),
                metric(985, 990, 996)), DiagnosisOptions.defaults(), NOW);

        assertThat(r.verdict()).isEqualTo(Verdict.NO_CONNECTION_ERRORS);
        assertThat(r.headline()).startsWith("No device logged a connection error or a disconnect");
        assertThat(r.actions().get(0)).startsWith("The dip is routine churn: devices come and go all day, and no group"
                + " of them left together in the window.").doesNotContain("its clean disconnects");
    }
}
