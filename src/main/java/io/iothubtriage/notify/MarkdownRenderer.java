package io.iothubtriage.notify;

import io.iothubtriage.diagnosis.ReportFormat;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.diagnosis.TriageReport.ErrorLine;
import io.iothubtriage.diagnosis.TriageReport.HealthEvent;
import io.iothubtriage.diagnosis.TriageReport.TopDevice;
import io.iothubtriage.evidence.Gap;

import java.util.List;

/**
 * The report as GitHub-flavoured Markdown, for tickets, pull requests and wikis: verdict heading, the headline in
 * bold, a summary table, the error table (code linked to its documentation), findings, numbered next steps, the
 * noisiest devices, gaps and links. Every value that comes from logs (device ids, SDK strings, error names) is
 * escaped so it cannot break a table or inject markup.
 */
public final class MarkdownRenderer {
    /** The error table lists at most this many codes; the JSON report has them all. */
    static final int MAX_ERROR_ROWS = 20;
    static final int MAX_DEVICE_ROWS = 10;
    static final int MAX_CHANGE_ROWS = 10;

    public String render(TriageReport r) {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(r.verdict().name()).append(" · ").append(r.confidence()).append(" confidence · ")
                .append(esc(r.hub().name())).append("\n\n");
        md.append("**").append(esc(r.headline())).append("**\n\n");

        md.append("| | |\n|---|---|\n");
        row(md, "Scope", esc(SummaryLines.scope(r)));
        row(md, "Window", esc(SummaryLines.window(r)));
        SummaryLines.freshness(r).ifPresent(f -> row(md, "Logs", esc(f)));
        SummaryLines.alert(r).ifPresent(a -> row(md, "Alert", esc(a)));
        row(md, "Connected devices", SummaryLines.deviceCount(r, " · ").map(MarkdownRenderer::esc)
                .orElse("_" + esc(SummaryLines.notRead(r, Gap.METRICS, "not read")) + "_"));
        row(md, "Platform health", SummaryLines.platform(r).map(MarkdownRenderer::esc)
                .orElse("_" + esc(SummaryLines.notRead(r, Gap.RESOURCE_HEALTH, "not read")) + "_"));
        for (HealthEvent e : r.platformHealth().map(p -> p.events()).orElse(List.of())) {
            row(md, "Service health", esc(SummaryLines.event(e)));
        }
        SummaryLines.noise(r.noise()).ifPresent(n -> row(md, "Noise (set aside)", esc(n)));
        SummaryLines.inputs(r).ifPresent(n -> row(md, "Rows", esc(n)));
        md.append('\n');

        errors(md, r);
        changes(md, r);
        bullets(md, "Findings", r.findings(), false);
        bullets(md, "Next steps", r.actions(), true);
        devices(md, r.topDevices());
        if (!r.gaps().isEmpty()) {
            md.append("### Gaps\n\n");
            for (Gap g : r.gaps()) {
                md.append("- **").append(esc(SummaryLines.gapSource(g.source()))).append("**: ").append(esc(g.reason()))
                        .append('\n');
            }
            md.append('\n');
        }
        md.append("### Links\n\n");
        if (!r.links().fullReport().isBlank()) {
            md.append(link("Full report", r.links().fullReport())).append(" · ");
        }
        md.append(link("Logs (the triage's query, window set)", r.links().logs())).append(" · ")
                .append(link("Hub", r.links().hub())).append(" · ")
                .append(link("Resource Health", r.links().resourceHealth()))
                .append(r.links().docs().isBlank() ? "" : " · " + link("Documentation", r.links().docs())).append('\n');
        return md.toString();
    }

    /** The hub's changes, related ones first; callers and values come from Azure and are escaped. */
    private static void changes(StringBuilder md, TriageReport r) {
        if (r.changes().isEmpty()) {
            return;
        }
        md.append("### Changes\n\n");
        List<TriageReport.ChangeLine> shown = ChangeSummaries.ordered(r).stream().limit(MAX_CHANGE_ROWS).toList();
        for (TriageReport.ChangeLine c : shown) {
            String relation = ChangeSummaries.relation(c);
            md.append("- ").append(esc(Texts.time(c.time()) + " UTC · " + ChangeSummaries.caller(c) + " · "
                    + ChangeSummaries.what(c)));
            md.append(relation.isEmpty() ? "" : " · **" + esc(relation) + "**").append('\n');
        }
        if (r.changes().size() > shown.size()) {
            md.append("- _").append(ReportFormat.plural(r.changes().size() - shown.size(), "more change"))
                    .append(" in the JSON report_\n");
        }
        md.append('\n');
    }

    private static void errors(StringBuilder md, TriageReport r) {
        md.append("### Errors\n\n");
        if (r.errors().isEmpty()) {
            md.append(esc(SummaryLines.noErrors(r))).append("\n\n");
            return;
        }
        md.append("| Code | Name | Family | Devices | Events | Baseline | Meaning |\n");
        md.append("|---|---|---|--:|--:|--:|---|\n");
        List<ErrorLine> shown = r.errors().stream().limit(MAX_ERROR_ROWS).toList();
        for (ErrorLine e : shown) {
            String code = e.docs().isBlank() ? esc(e.code()) : link(e.code(), e.docs());
            String baseline = ReportFacts.baselineCount(e) + (e.unusual() ? " ⚠️ unusual" : "");
            md.append("| ").append(code).append(" | ").append(esc(e.name())).append(" | ")
                    .append(SummaryLines.family(e.family())).append(" | ").append(ReportFormat.count(e.devices()))
                    .append(" | ").append(ReportFormat.count(e.events())).append(" | ").append(baseline).append(" | ")
                    .append(esc(e.meaning())).append(" |\n");
        }
        md.append('\n');
        if (r.errors().size() > shown.size()) {
            md.append("_").append(ReportFormat.plural(r.errors().size() - shown.size(), "more code"))
                    .append(" in the JSON report._\n\n");
        }
    }

    private static void bullets(StringBuilder md, String title, List<String> items, boolean numbered) {
        if (items.isEmpty()) {
            return;
        }
        md.append("### ").append(title).append("\n\n");
        int n = 1;
        for (String item : items) {
            md.append(numbered ? n++ + ". " : "- ").append(esc(item)).append('\n');
        }
        md.append('\n');
    }

    private static void devices(StringBuilder md, List<TopDevice> devices) {
        if (devices.isEmpty()) {
            return;
        }
        md.append("### Noisiest devices\n\n| Device | Events | Codes |\n|---|--:|---|\n");
        for (TopDevice d : devices.stream().limit(MAX_DEVICE_ROWS).toList()) {
            md.append("| ").append(esc(d.deviceId())).append(" | ").append(ReportFormat.count(d.events())).append(" | ")
                    .append(esc(String.join(", ", d.codes()))).append(" |\n");
        }
        md.append('\n');
    }

    private static void row(StringBuilder md, String label, String value) {
        md.append("| **").append(label).append("** | ").append(value).append(" |\n");
    }

    private static String link(String text, String url) {
        return "[" + esc(text) + "](" + url.replace(" ", "%20").replace(")", "%29").replace("(", "%28") + ")";
    }

    /**
     * Escapes text for Markdown: backslash, emphasis, code, link, HTML and table characters, and folds line breaks
     * (a cell or list item must stay on one line).
     */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '#', '~' -> out.append('\\').append(c);
                case '\n', '\r' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
