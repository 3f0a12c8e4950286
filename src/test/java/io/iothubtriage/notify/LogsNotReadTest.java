package io.iothubtriage.notify;

import io.iothubtriage.diagnosis.Triage;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.simulation.FleetScenario;
import io.iothubtriage.simulation.Scenarios;
import io.iothubtriage.simulation.SimulatedSources;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The renderers' fixed sentences for what the evidence does not hold: a report whose connection logs could not be
 * read, or that has no Connections row of the hub, says what is not known in every rendering (its empty error list
 * and zero active devices are not findings: "no connection errors", "no device attributed"); and the health line
 * joins Resource Health's own sentence to the service-health events without a doubled stop.
 */
class LogsNotReadTest {

    private static TriageReport report(FleetScenario s) {
        try (Triage t = SimulatedSources.triage(s)) {
            return t.run(s.request());
        }
    }

    @Test
    void theErrorsAndTheScopeSayTheLogsWereNotRead() {
        TriageReport r = report(Scenarios.logSourceDown().build());

        String text = new TextRenderer().render(r);
        assertThat(text).contains("Scope     NONE: not known, the connection logs were not read")
                .contains("  Not known: the connection logs were not read (see Gaps).")
                .doesNotContain("No connection errors besides noise").doesNotContain("no device attributed");
        assertThat(new MarkdownRenderer().render(r)).contains("Not known: the connection logs were not read")
                .doesNotContain("No connection errors besides noise").doesNotContain("no device attributed");
        assertThat(new HtmlReport().render(r)).contains("<p>Not known: the connection logs were not read (see Gaps).</p>")
                .doesNotContain("No connection errors besides noise");
        assertThat(ReportFacts.scope(r)).isEqualTo("Unknown: the connection logs were not read");
    }

    @Test
    void aReportWithLogsKeepsItsOwnWords() {
        TriageReport r = report(Scenarios.quietHub().build());

        assertThat(SummaryLines.logsNotRead(r)).isFalse();
        assertThat(new TextRenderer().render(r)).doesNotContain("not known, the connection logs were not read");
    }

    @Test
    void withoutConnectionsRowsTheErrorsAndScopeSayThereAreNone() {
        TriageReport r = report(Scenarios.noDiagnosticLogs().build());

        String text = new TextRenderer().render(r);
        assertThat(text).contains("Scope     NONE: not known, the logs hold no Connections rows of this hub")
                .contains("  None to list: the logs hold no Connections rows of this hub.")
                .doesNotContain("No connection errors besides noise").doesNotContain("no device attributed");
        assertThat(ReportFacts.scope(r)).isEqualTo("Unknown: the logs hold no Connections rows");
    }

    @Test
    void resourceHealthsOwnFullStopEndsBeforeTheServiceHealthEvents() {
        TriageReport r = report(Scenarios.serviceOutage().build());

        assertThat(SummaryLines.platform(r)).get().asString()
                .endsWith("Engineers are working on it; 1 service-health event").doesNotContain(".;");
    }

    @Test
    void aDipUnderTenPercentIsGivenInTenthsAsTheHeadlineGivesIt() {
        TriageReport single = report(Scenarios.singleDevice().build());
        TriageReport quiet = report(Scenarios.quietHub().build());

        assertThat(single.findings()).anySatisfy(f -> assertThat(f).startsWith("Connected devices: 1,000 before the drop,")
                .contains("998 at the lowest (10:42 UTC, −0.2 %)").doesNotContain("<"));
        assertThat(quiet.headline()).contains("a dip of 1.3 % of the devices connected");
        assertThat(quiet.findings()).anySatisfy(f -> assertThat(f).startsWith("Connected devices:")
                .contains("985 at the lowest (10:28 UTC, −1.3 %)"));
    }

    @Test
    void aHealthSpellWhoseTitleIsItsStateNamesTheStateOnce() {
        TriageReport r = report(Scenarios.serviceOutage().build());

        assertThat(r.headline()).startsWith("The hub was Degraded from 10:41 UTC (platform-initiated) and ")
                .doesNotContain("platform-initiated: Degraded");
    }
}
