package io.iothubtriage.notify;

import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.Evidence;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.iothubtriage.notify.TextRendererTest.everyVerdict;
import static io.iothubtriage.notify.TextRendererTest.report;
import static io.iothubtriage.testing.EvidenceFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class MarkdownRendererTest {

    @Test
    void headingHeadlineSummaryAndErrorTable() {
        String md = new MarkdownRenderer().render(report(evidence(siteNetworkOutage().build(), healthy(), typicalDrop())));
        List<String> lines = md.lines().toList();
        assertThat(lines.get(0)).isEqualTo("## DEVICE_NETWORK_OR_KEEPALIVE · HIGH confidence · contoso-hub");
        assertThat(lines.get(2)).isEqualTo("**312 devices, 298 of them behind 203.0.113.XXX, lost their connections at"
                + " 10:41 UTC (404104) and 298 are still offline, the other 14 have reconnected; the hub is healthy.**");
        assertThat(lines).contains(
                "| **Scope** | SUBSET: 312 of 1,204 active devices, maskedIpAddress = 203.0.113.XXX |",
                "| **Window** | 2026-01-15 10:11–10:46 UTC |",
                "| **Connected devices** | 1,198 before · 611 at the lowest (10:42 UTC) · 640 now · 1,250 registered |",
                "| Code | Name | Family | Devices | Events | Baseline | Meaning |",
                "|---|---|---|--:|--:|--:|---|",
                "| plant7-line3-press-014 | 17 | 404104, 409002 |",
                "_20 more codes in the JSON report._");
        assertThat(lines).anyMatch(l -> l.startsWith("| [404104](https://aka.ms/iothub404104) | "
                + "DeviceConnectionClosedRemotely | network/keep-alive | 312 | 1,877 | 2,406 ⚠️ unusual | "));
        assertThat(lines).anyMatch(l -> l.startsWith("1. Check the network at the site behind 203.0.113.XXX"));
        assertThat(lines).anyMatch(l -> l.startsWith("- 404104 is 32× its usual rate"));
        assertThat(md).contains("### Links\n\n[Logs (the triage's query, window set)](https://portal.azure.com/#blade/"
                + "Microsoft_OperationsManagementSuite_Workspace/Logs.ReactView/");
    }

    @Test
    void everyTableRowHasItsTablesColumnCount() {
        for (Evidence e : everyVerdict()) {
            TriageReport r = report(e);
            String md = new MarkdownRenderer().render(r);
            int expected = -1;
            for (String line : md.lines().toList()) {
                if (!line.startsWith("|")) {
                    expected = -1;
                    continue;
                }
                int cells = cells(line);
                if (expected < 0) {
                    expected = cells;
                }
                assertThat(cells).as(r.verdict() + ": " + line).isEqualTo(expected);
            }
        }
    }

    @Test
    void valuesFromLogsAreEscaped() {
        ConnectionEvidence c = connections().disconnected(2)
                .code(code("401003", "Name_with|pipe", 64, 1, 0))
                .family(CauseFamily.AUTHENTICATION, 1, 1, Map.of())
                .top(device("evil|device*<script>`x`", 64, CauseFamily.AUTHENTICATION, "401003")).build();
        String md = new MarkdownRenderer().render(report(evidence(c, healthy(), typicalDrop())));
        assertThat(md).contains("evil\\|device\\*\\<script\\>\\`x\\`").doesNotContain("<script>")
                .doesNotContain("evil|device");
        assertThat(md.lines().filter(l -> l.startsWith("| evil"))).singleElement()
                .satisfies(l -> assertThat(cells(l)).isEqualTo(3));
        assertThat(MarkdownRenderer.esc("a\nb|c_d")).isEqualTo("a b\\|c\\_d");
    }

    @Test
    void everyVerdictRendersItsParts() {
        for (Evidence e : everyVerdict()) {
            TriageReport r = report(e);
            String md = new MarkdownRenderer().render(r);
            assertThat(md).as(r.verdict().name()).startsWith("## " + r.verdict().name())
                    .contains("| **Scope** | " + MarkdownRenderer.esc(r.scope().kind().name()))
                    .contains("### Next steps\n\n1. ")
                    .contains("](" + r.links().hub() + ")")
                    .doesNotContain("Optional").doesNotContain("null");
        }
    }

    /** Cells of a table row: pipes not escaped with a backslash, minus the outer two. */
    private static int cells(String row) {
        int pipes = 0;
        for (int i = 0; i < row.length(); i++) {
            if (row.charAt(i) == '|' && (i == 0 || row.charAt(i - 1) != '\\')) {
                pipes++;
            }
        }
        return pipes - 1;
    }
}
