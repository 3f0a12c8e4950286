package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.Inputs;
import io.iothubtriage.evidence.Inputs.Count;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.iothubtriage.testing.EvidenceFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The hub's other log categories are listed up to a bound, and what is left out is said, never cut in silence. */
class OtherCategoriesWordingTest {

    private static Inputs inputs(long connections, Count... others) {
        long rows = 0;
        for (Count c : others) {
            rows += c.rows();
        }
        List<Count> categories = new java.util.ArrayList<>(List.of(others));
        if (connections > 0) {
            categories.add(0, new Count("Connections", connections));
        }
        return new Inputs(Inputs.FILES, rows + connections, connections, 0, rows, 0, 0,
                Optional.of(BASELINE.start()), Optional.of(WINDOW.end()), 0, List.of(), List.of(), categories, 0,
                List.of());
    }

    private static final Count[] FOUR = {new Count("DeviceTelemetry", 9_000), new Count("C2DCommands", 5_000),
            new Count("DeviceIdentityOperations", 4_000), new Count("Routes", 3_000)};

    @Test
    void namesPastTheBoundAreCountedNotDropped() {
        Inputs in = inputs(1_000, FOUR);
        assertThat(Clauses.otherCategories(in, 2, false))
                .isEqualTo("9,000 DeviceTelemetry, 5,000 C2DCommands and 7,000 of 2 more categories");
        assertThat(Clauses.otherCategories(in, 2, true)).isEqualTo("9,000 DeviceTelemetry rows, 5,000 C2DCommands "
                + "rows and 7,000 rows of 2 more categories");
        // one left: named, for no more words than "1 more category"
        assertThat(Clauses.otherCategories(in, 3, false))
                .isEqualTo("9,000 DeviceTelemetry, 5,000 C2DCommands, 4,000 DeviceIdentityOperations and 3,000 Routes");
        assertThat(Clauses.otherCategories(in, 4, true)).isEqualTo("9,000 DeviceTelemetry rows, 5,000 C2DCommands "
                + "rows, 4,000 DeviceIdentityOperations rows and 3,000 Routes rows");
    }

    @Test
    void aHubSendingFourOtherCategoriesSaysSoInTheHeadline() {
        Inputs in = inputs(0, FOUR);
        ConnectionEvidence c = noDiagnosticLogs().build();
        ConnectionEvidence withInputs = new ConnectionEvidence(c.window(), 0, 0, Optional.empty(), 0, 0, List.of(),
                List.of(), c.noise(), c.fleet(), List.of(), List.of(), 0, Optional.of(in));
        TriageReport r = Diagnosis.diagnose(request(), evidence(withInputs, healthy(), typicalDrop()),
                DiagnosisOptions.defaults(), NOW);
        assertThat(r.verdict()).isEqualTo(Verdict.NO_DIAGNOSTIC_LOGS);
        assertThat(r.headline()).contains("though it sends other logs (9,000 DeviceTelemetry rows, 5,000 C2DCommands "
                + "rows, 4,000 DeviceIdentityOperations rows and 3,000 Routes rows)");
    }

    @Test
    void aListAtItsBoundDoesNotClaimHowManyMore() {
        Count[] ten = new Count[Inputs.MAX_NAMES];
        for (int i = 0; i < ten.length; i++) {
            ten[i] = new Count("Category" + i, 100);
        }
        Inputs listed = inputs(0, ten);
        // 400 more rows than the ten listed: categories past the bounded list
        Inputs in = new Inputs(Inputs.FILES, listed.rows() + 400, 0, 0, listed.otherCategories() + 400, 0, 0,
                listed.first(), listed.last(), 0, List.of(), List.of(), listed.categoryCounts(), 0, List.of());
        assertThat(Clauses.otherCategories(in, 3, false)).isEqualTo("100 Category0, 100 Category1, 100 Category2 "
                + "and 1,100 of more categories");
    }
}
