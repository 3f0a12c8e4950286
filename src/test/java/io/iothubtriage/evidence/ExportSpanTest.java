package io.iothubtriage.evidence;

import io.iothubtriage.alert.TimeWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "well before" rule on an exported file's own ends: more than the CLI's 2-minute allowance inside the window, on
 * a hub whose rate in the export would have given at least 5 rows in the minutes missing; no 15-minute limit.
 */
class ExportSpanTest {

    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
    private static final TimeWindow WINDOW = new TimeWindow(START, START.plus(Duration.ofMinutes(40)));
    private static final TimeWindow BASELINE = new TimeWindow(START.minus(Duration.ofHours(24)), START);

    @Test
    void aBusyHubWhoseRowsStopTenMinutesEarlyMissesTheEnd() {
        // 24 h 30 min of export at 2 rows a minute: 2,940 rows; 10 minutes missing are about 20 rows
        Instant last = WINDOW.end().minus(Duration.ofMinutes(10));
        Optional<String> gap = ExportSpan.partial(WINDOW, BASELINE, BASELINE.start(), last, 2_940);
        assertThat(gap).contains("the logs cover only 2026-03-02 08:00–08:30 UTC of the window 2026-03-02 08:00–08:40"
                + " UTC: the hub's rows end at 08:30:00 UTC, though at its rate in the export it would have logged"
                + " about 20 rows more by the window's end");
    }

    @Test
    void rowsEndingWithinTheAllowanceCoverTheWindow() {
        Instant last = WINDOW.end().minus(Duration.ofSeconds(119));
        assertThat(ExportSpan.partial(WINDOW, BASELINE, BASELINE.start(), last, 1_000_000)).isEmpty();
        // just past the allowance, the same busy hub misses the end
        assertThat(ExportSpan.partial(WINDOW, BASELINE, BASELINE.start(), WINDOW.end().minusSeconds(121), 1_000_000))
                .isPresent();
    }

    @Test
    void aQuietHubMaySimplyBeSilent() {
        // 60 rows in a day and a half hour: 30 minutes of silence are about 1 row at that rate
        Instant last = WINDOW.end().minus(Duration.ofMinutes(30));
        assertThat(ExportSpan.partial(WINDOW, BASELINE, BASELINE.start(), last, 60)).isEmpty();
    }

    @Test
    void noFifteenMinuteLimitForAFile() {
        // an export of last year's window: its own end is a fact about the file, however long ago the window was
        TimeWindow old = new TimeWindow(START.minus(Duration.ofDays(365)), START.minus(Duration.ofDays(365))
                .plus(Duration.ofMinutes(40)));
        TimeWindow oldBaseline = new TimeWindow(old.start().minus(Duration.ofHours(24)), old.start());
        assertThat(ExportSpan.partial(old, oldBaseline, oldBaseline.start(), old.end().minus(Duration.ofMinutes(10)),
                2_940)).isPresent();
    }

    @Test
    void aRowInAFewSecondsDoesNotMakeAHubBusy() {
        // an export of the window only, 1 row in its first 20 seconds: the rate is taken over 10 minutes at least
        // (0.1 a minute, about 4 rows in the 39⅔ minutes after), not over 20 seconds (3 a minute)
        Instant last = START.plusSeconds(20);
        assertThat(ExportSpan.partial(WINDOW, BASELINE, START, last, 1)).isEmpty();
        // 400 rows in those 20 seconds are a busy hub all the same
        assertThat(ExportSpan.partial(WINDOW, BASELINE, START, last, 400)).get().asString()
                .contains("rows end at 08:00:20 UTC").contains("about 1,587 rows more");
    }

    @Test
    void aLiveSourceIsNotJudgedByTheExportRule() {
        Instant last = WINDOW.end().minus(Duration.ofMinutes(10));
        Inputs live = Inputs.live(Inputs.LIVE_ROWS, 2_940, Optional.of(BASELINE.start()), Optional.of(last));
        Inputs files = new Inputs(Inputs.FILES, 2_940, 2_940, 0, 0, 0, 0, Optional.of(BASELINE.start()),
                Optional.of(last), 0, List.of(), List.of(), List.of(), 0, List.of());
        io.iothubtriage.alert.TriageRequest request = new io.iothubtriage.alert.TriageRequest(
                io.iothubtriage.alert.HubId.parse("/subscriptions/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/"
                        + "rg/providers/Microsoft.Devices/IotHubs/hub-a"), WINDOW, BASELINE, Optional.empty());
        ConnectionEvidence rows = new ConnectionEvidence(WINDOW, 60, 2_880, Optional.of(last), 0, 0, List.of(),
                List.of(), ConnectionEvidence.Noise.none(), java.util.Map.of(), List.of(), List.of());
        assertThat(Coverage.problem(request, live, rows)).isEmpty();
        assertThat(Coverage.problem(request, files, rows)).get()
                .extracting(Coverage.Problem::shortfall).isEqualTo(Coverage.Shortfall.PART_OF_WINDOW);
    }

    @Test
    void aFewRowsAtOneInstantCoverThatInstantNotTheWindow() {
        Instant at = START.plusSeconds(9 * 60 + 5);
        assertThat(ExportSpan.tooFewRows(WINDOW, at, at, 1)).contains("the logs hold only 1 row of the hub, at"
                + " 2026-03-02 08:09:05 UTC: so few rows cannot show that the export covers the rest of the window"
                + " 2026-03-02 08:00–08:40 UTC");
        assertThat(ExportSpan.tooFewRows(WINDOW, at, at, 3)).contains("the logs hold only 3 rows of the hub, all at"
                + " 2026-03-02 08:09:05 UTC: so few rows cannot show that the export covers the rest of the window"
                + " 2026-03-02 08:00–08:40 UTC");
        assertThat(ExportSpan.tooFewRows(WINDOW, BASELINE.start().plusSeconds(3), at, 4)).contains("the logs hold"
                + " only 4 rows of the hub, from 2026-03-01 08:00:03 to 2026-03-02 08:09:05 UTC: so few rows cannot"
                + " show that the export covers the rest of the window 2026-03-02 08:00–08:40 UTC");
    }

    @Test
    void aFewRowsThatReachBothEndsOfTheWindowCoverIt() {
        // a quiet hub whose rows span the window within the allowance at each end: its silence between them is its own
        assertThat(ExportSpan.tooFewRows(WINDOW, START.plusSeconds(119), WINDOW.end().minusSeconds(119), 2)).isEmpty();
        assertThat(ExportSpan.tooFewRows(WINDOW, START.plusSeconds(121), WINDOW.end(), 2)).isPresent();
        // five rows or more give a rate: the partial rule judges them
        assertThat(ExportSpan.tooFewRows(WINDOW, START.plusSeconds(600), START.plusSeconds(600), 5)).isEmpty();
        assertThat(ExportSpan.tooFewRows(WINDOW, START, START, 0)).isEmpty();
    }
}
