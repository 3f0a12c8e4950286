package io.iothubtriage.diagnosis;

import io.iothubtriage.diagnosis.TriageReport.ErrorLine;
import io.iothubtriage.evidence.EvidenceException;
import io.iothubtriage.simulation.FleetScenario;
import io.iothubtriage.simulation.Scenarios;
import io.iothubtriage.simulation.SimulatedSources;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Sentences of a report are true of the evidence: the confidence reason and the baseline column. */
class TrueSentencesTest {

    @Test
    void theDemosBaselineColumnIsTheNumberItsFindingQuotes() throws Exception {
        FleetScenario demo = Scenarios.demo();
        TriageReport r;
        try (Triage t = SimulatedSources.triage(demo)) {
            r = t.run(demo.request());
        }
        ErrorLine main = r.errors().get(0);
        assertThat(main.code()).isEqualTo("404104");
        // The demo's day of baseline is hourly renewals and network blips that come straight back: by the window's
        // rule, all of it is renewal noise, so the column and the finding both say none (the column used to show the
        // raw 11,537 while the finding said "about 881").
        assertThat(main.baselineEvents()).hasValue(0);
        assertThat(r.findings()).filteredOn(f -> f.startsWith("404104")).singleElement().asString()
                .contains("did not occur in the previous 24 h beyond SAS renewals")
                .doesNotContain("about");
    }

    @Test
    void aReportWithAGapNeverCallsItsEvidenceComplete() throws Exception {
        FleetScenario off = Scenarios.noDiagnosticLogs().build();
        TriageReport r;
        try (Triage t = Triage.builder().connectionLogs(SimulatedSources.connectionLogs(off))
                .hubHealth(x -> {
                    throw new EvidenceException("no --health file given", false);
                })
                .deviceCount(x -> {
                    throw new EvidenceException("no --metrics file given", false);
                }).build()) {
            r = t.run(off.request());
        }
        assertThat(r.verdict()).isEqualTo(Verdict.NO_DIAGNOSTIC_LOGS);
        assertThat(r.gaps()).hasSize(2);
        String confidence = r.findings().get(r.findings().size() - 1);
        assertThat(confidence).startsWith("Confidence " + r.confidence())
                .doesNotContain("complete")
                .contains("Resource Health").contains("could not have changed this verdict");
    }
}
