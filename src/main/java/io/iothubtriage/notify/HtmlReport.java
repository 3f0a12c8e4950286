package io.iothubtriage.notify;

import io.iothubtriage.diagnosis.ReportFormat;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.diagnosis.TriageReport.ErrorLine;
import io.iothubtriage.diagnosis.TriageReport.HealthEvent;
import io.iothubtriage.diagnosis.TriageReport.TopDevice;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence.BaselineStrip;
import io.iothubtriage.evidence.ConnectionEvidence.MinuteBucket;
import io.iothubtriage.evidence.DeviceCountEvidence.MetricPoint;
import io.iothubtriage.evidence.Gap;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The report as one self-contained HTML page ({@code --format html}, the rerun endpoint's {@code format=html}, the
 * stored report behind the card's link): headline and verdict, the timeline picture with its markers and the
 * baseline strip, scope, errors with meanings and links, next steps, findings, platform health, gaps.
 *
 * <p>No script, no external asset, system fonts: it opens from a file, a mail attachment or a blob with a
 * read-only link, and prints. Every value that came from logs or Azure is escaped ({@link Html#text}); only https
 * links reach an {@code href}. The charts have a title, a description in words and a data table.
 */
public final class HtmlReport {
    /** Rows of the timeline's data table at most; longer windows are summed into wider rows. */
    static final int MAX_TABLE_ROWS = 60;
    /**
     * What the page may load: nothing but its own inline styles and SVG. In the page itself (a stored blob cannot
     * send headers) and as a header where the page is served by the app.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
            + "img-src data:; base-uri 'none'; form-action 'none'";
    private static final long[] ROW_MINUTES = {1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440};

    public String render(TriageReport r) {
        List<ChartMarker> markers = ChartMarker.of(r);
        StringBuilder h = new StringBuilder(64_000);
        String title = "IoT Hub triage · " + r.hub().name() + " · " + VerdictWording.title(r.verdict());
        h.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"iothub-triage\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CONTENT_SECURITY_POLICY)
                .append("\">\n")
                .append("<title>").append(Html.text(title)).append("</title>\n<style>").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n");
        header(h, r);
        h.append("<main id=\"main\">\n");
        timeline(h, r, markers);
        scope(h, r);
        errors(h, r);
        list(h, "next-steps", "Next steps", r.actions(), true);
        list(h, "findings", "Findings", r.findings(), false);
        health(h, r);
        gaps(h, r);
        links(h, r);
        h.append("</main>\n<footer>\n<p>Generated ").append(Html.text(ReportFormat.day(r.generatedAt()) + " "
                        + ReportFormat.time(r.generatedAt()))).append(" by iothub-triage · report schema ")
                .append(Html.text(r.schemaVersion())).append(" · hub <code>").append(Html.text(r.hub().resourceId()))
                .append("</code></p>\n</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, TriageReport r) {
        h.append("<header>\n<p class=\"eyebrow\">IoT Hub triage · <strong>").append(Html.text(r.hub().name()))
                .append("</strong> · ").append(Html.text(SummaryLines.window(r))).append("</p>\n")
                .append("<h1>").append(Html.text(ReportFacts.headline(r))).append("</h1>\n<p class=\"chips\">")
                .append("<span class=\"verdict\">Verdict: ").append(Html.text(VerdictWording.title(r.verdict())))
                .append(" <code>").append(r.verdict().name()).append("</code></span> <span>")
                .append(Html.text(VerdictWording.confidence(r.confidence()))).append("</span> <span>")
                .append(Html.text(ReportFacts.context(r))).append("</span></p>\n</header>\n");
    }

    private static void timeline(StringBuilder h, TriageReport r, List<ChartMarker> markers) {
        String summary = TimelineSummary.of(r, markers);
        String title = "Timeline of " + SummaryLines.window(r) + ": connected devices and error events per minute";
        h.append("<section id=\"timeline\" aria-labelledby=\"timeline-h\">\n<h2 id=\"timeline-h\">Timeline</h2>\n")
                .append("<p>").append(Html.text(summary)).append("</p>\n<figure>\n")
                .append(TimelineChart.timeline(r, markers, TimelineChart.Layout.WIDE, title, summary)).append('\n')
                .append(TimelineChart.timeline(r, markers, TimelineChart.Layout.NARROW, title, summary)).append('\n')
                .append("<figcaption>");
        legend(h, r);
        h.append("</figcaption>\n</figure>\n");
        if (!markers.isEmpty()) {
            h.append("<ol class=\"markers\" aria-label=\"Markers on the charts\">\n");
            for (ChartMarker m : markers) {
                h.append("<li value=\"").append(m.number()).append("\"><span class=\"badge\" style=\"background:")
                        .append(m.kind().colour()).append("\">").append(m.number()).append("</span> <time datetime=\"")
                        .append(ReportFormat.iso(m.at())).append("\">").append(Html.text(ReportFormat.time(m.at()))).append("</time> ")
                        .append(Html.text(m.label())).append(inWindow(r, m.at()) ? "" : " (before the window)")
                        .append("</li>\n");
            }
            h.append("</ol>\n");
        }
        BaselineStrip strip = r.series().baseline();
        if (!strip.buckets().isEmpty()) {
            String baseline = TimelineSummary.baseline(r);
            h.append("<h3>Baseline</h3>\n<p>").append(Html.text(baseline)).append("</p>\n<figure>\n")
                    .append(TimelineChart.baselineStrip(r, markers, TimelineChart.Layout.WIDE,
                            "Baseline: error events before the window", baseline)).append('\n')
                    .append(TimelineChart.baselineStrip(r, markers, TimelineChart.Layout.NARROW,
                            "Baseline: error events before the window", baseline)).append('\n')
                    .append("</figure>\n");
        }
        dataTable(h, r);
        h.append("</section>\n");
    }

    private static boolean inWindow(TriageReport r, Instant t) {
        return !t.isBefore(r.window().start());
    }

    private static void legend(StringBuilder h, TriageReport r) {
        h.append("<span class=\"key\"><span class=\"line\" style=\"background:").append(ChartPalette.CONNECTED)
                .append("\"></span>connected devices</span>");
        // loops, no lambdas or streams, on the report's path: the CLI renders it once, in a cold JVM
        OptionalDouble threshold = r.alert().isPresent() && r.alert().get().metric().isPresent()
                ? r.alert().get().metric().get().threshold() : OptionalDouble.empty();
        if (threshold.isPresent()) {
            h.append("<span class=\"key\"><span class=\"line dashed\" style=\"border-color:")
                    .append(ChartPalette.THRESHOLD).append("\"></span>alert threshold ")
                    .append(ReportFormat.count(threshold.getAsDouble())).append("</span>");
        }
        for (CauseFamily f : familiesSeen(r)) {
            h.append("<span class=\"key\"><span class=\"swatch\" style=\"background:").append(ChartPalette.family(f))
                    .append("\"></span>").append(Html.text(SummaryLines.family(f))).append("</span>");
        }
        if (anyUnsplit(r.timeline())) {
            h.append("<span class=\"key\"><span class=\"swatch\" style=\"background:").append(ChartPalette.UNSPLIT)
                    .append("\"></span>errors (family not split by the source)</span>");
        }
    }

    static List<CauseFamily> familiesSeen(TriageReport r) {
        List<CauseFamily> seen = new ArrayList<>();
        for (CauseFamily f : CauseFamily.values()) {
            for (MinuteBucket b : r.timeline()) {
                if (b.errors(f) > 0) {
                    seen.add(f);
                    break;
                }
            }
        }
        return List.copyOf(seen);
    }

    private static int unsplit(MinuteBucket b) {
        int split = 0;
        for (int n : b.errorsByFamily().values()) {
            split += n;
        }
        return Math.max(0, b.errors() - split);
    }

    private static boolean anyUnsplit(List<MinuteBucket> timeline) {
        for (MinuteBucket b : timeline) {
            if (unsplit(b) > 0) {
                return true;
            }
        }
        return false;
    }

    /** The chart's numbers as a table: per minute, or summed per few minutes for a long window. */
    private static void dataTable(StringBuilder h, TriageReport r) {
        List<MinuteBucket> t = r.timeline();
        if (t.isEmpty() && r.series().connectedDevices().isEmpty()) {
            return;
        }
        List<Instant> minutes = TimelineChart.minutes(r);
        long per = rowMinutes(minutes.size());
        Map<Instant, MinuteBucket> byMinute = new HashMap<>();
        for (MinuteBucket b : t) {
            byMinute.put(b.minute(), b);
        }
        Map<Instant, OptionalDouble> connected = new HashMap<>();
        for (MetricPoint p : r.series().connectedDevices()) {
            connected.put(p.time(), TimelineChart.connectedValue(p));
        }
        List<CauseFamily> families = familiesSeen(r);
        boolean anyUnsplit = anyUnsplit(t);
        h.append("<details>\n<summary>The timeline as a table (").append(per == 1 ? "per minute"
                : "per " + ReportFormat.span(Duration.ofMinutes(per))).append(")</summary>\n")
                .append("<div class=\"table-wrap\"><table class=\"data\">\n<caption>Connection activity")
                .append(per == 1 ? " per minute" : " per " + ReportFormat.span(Duration.ofMinutes(per))
                        + "; connected devices is the lowest value in the row's minutes")
                .append(", times UTC</caption>\n<thead><tr><th scope=\"col\">Time</th>")
                .append("<th scope=\"col\" class=\"num\">Connected devices</th><th scope=\"col\" class=\"num\">Error events</th>");
        for (CauseFamily f : families) {
            h.append("<th scope=\"col\" class=\"num\">").append(Html.text(SummaryLines.family(f))).append("</th>");
        }
        if (anyUnsplit) {
            h.append("<th scope=\"col\" class=\"num\">not split</th>");
        }
        h.append("<th scope=\"col\" class=\"num\">Connects</th><th scope=\"col\" class=\"num\">Disconnects</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < minutes.size(); i += (int) per) {
            int errors = 0;
            int connects = 0;
            int disconnects = 0;
            int split = 0;
            EnumMap<CauseFamily, Integer> fam = new EnumMap<>(CauseFamily.class);
            OptionalDouble low = OptionalDouble.empty();
            for (int k = i; k < Math.min(minutes.size(), i + per); k++) {
                MinuteBucket b = byMinute.get(minutes.get(k));
                if (b != null) {
                    errors += b.errors();
                    connects += b.connects();
                    disconnects += b.disconnects();
                    split += unsplit(b);
                    for (CauseFamily f : families) {
                        Integer sum = fam.get(f);
                        fam.put(f, (sum == null ? 0 : sum) + b.errors(f));
                    }
                }
                OptionalDouble c = connected.getOrDefault(minutes.get(k), OptionalDouble.empty());
                if (c.isPresent() && (low.isEmpty() || c.getAsDouble() < low.getAsDouble())) {
                    low = c;
                }
            }
            h.append("<tr><th scope=\"row\"><time datetime=\"").append(ReportFormat.iso(minutes.get(i))).append("\">")
                    .append(ReportFormat.clock(minutes.get(i))).append("</time></th><td class=\"num\">")
                    .append(low.isPresent() ? ReportFormat.count(low.getAsDouble()) : "–").append("</td><td class=\"num\">")
                    .append(ReportFormat.count(errors)).append("</td>");
            for (CauseFamily f : families) {
                h.append("<td class=\"num\">").append(ReportFormat.count(fam.getOrDefault(f, 0))).append("</td>");
            }
            if (anyUnsplit) {
                h.append("<td class=\"num\">").append(ReportFormat.count(split)).append("</td>");
            }
            h.append("<td class=\"num\">").append(ReportFormat.count(connects)).append("</td><td class=\"num\">")
                    .append(ReportFormat.count(disconnects)).append("</td></tr>\n");
        }
        h.append("</tbody></table></div>\n</details>\n");
    }

    static long rowMinutes(int minutes) {
        for (long m : ROW_MINUTES) {
            if ((minutes + m - 1) / m <= MAX_TABLE_ROWS) {
                return m;
            }
        }
        return ROW_MINUTES[ROW_MINUTES.length - 1];
    }

    private static void scope(StringBuilder h, TriageReport r) {
        h.append("<section id=\"scope\" aria-labelledby=\"scope-h\">\n<h2 id=\"scope-h\">Scope</h2>\n<dl class=\"facts\">\n");
        fact(h, "Affected", ReportFacts.scope(r));
        fact(h, "Kind", r.scope().kind().name());
        Optional<String> devices = SummaryLines.deviceCount(r, " · ");
        if (devices.isPresent()) {
            fact(h, "Connected devices", devices.get());
        }
        Optional<String> noise = SummaryLines.noise(r.noise());
        if (noise.isPresent()) {
            fact(h, "Set aside as noise", noise.get());
        }
        h.append("</dl>\n");
        List<TopDevice> top = r.topDevices().subList(0, Math.min(MarkdownRenderer.MAX_DEVICE_ROWS, r.topDevices().size()));
        if (!top.isEmpty()) {
            h.append("<div class=\"table-wrap\"><table>\n<caption>Noisiest devices</caption>\n")
                    .append("<thead><tr><th scope=\"col\">Device</th><th scope=\"col\" class=\"num\">Error events</th>")
                    .append("<th scope=\"col\">Codes</th></tr></thead>\n<tbody>\n");
            for (TopDevice d : top) {
                h.append("<tr><td><code>").append(Html.text(d.deviceId()))
                        .append("</code></td><td class=\"num\">")
                        .append(ReportFormat.count(d.events())).append("</td><td>")
                        .append(Html.text(String.join(", ", d.codes()))).append("</td></tr>\n");
            }
            h.append("</tbody></table></div>\n");
        }
        h.append("</section>\n");
    }

    private static void errors(StringBuilder h, TriageReport r) {
        h.append("<section id=\"errors\" aria-labelledby=\"errors-h\">\n<h2 id=\"errors-h\">Errors</h2>\n");
        if (r.errors().isEmpty()) {
            h.append("<p>").append(Html.text(SummaryLines.noErrors(r))).append("</p>\n</section>\n");
            return;
        }
        h.append("<div class=\"table-wrap\"><table class=\"stack\">\n<caption>Result codes in the window, most devices first")
                .append("</caption>\n<thead><tr><th scope=\"col\">Code</th><th scope=\"col\">Name</th>")
                .append("<th scope=\"col\">Family</th><th scope=\"col\" class=\"num\">Devices</th>")
                .append("<th scope=\"col\" class=\"num\">Events</th><th scope=\"col\" class=\"num\">Baseline events</th>")
                .append("<th scope=\"col\">Seen</th><th scope=\"col\">Meaning</th></tr></thead>\n<tbody>\n");
        for (ErrorLine e : r.errors()) {
            String seen = (e.firstSeen().isPresent() ? ReportFormat.clock(e.firstSeen().get()) : "")
                    + (e.lastSeen().isPresent() ? "–" + ReportFormat.clock(e.lastSeen().get()) : "");
            String code = "<code>" + Html.text(e.code()) + "</code>";
            h.append("<tr>");
            cell(h, "Code", "code", Html.isHttps(e.docs()) ? "<a href=\"" + Html.text(e.docs()) + "\">" + code + "</a>"
                    : code);
            cell(h, "Name", "", Html.text(ReportFacts.errorName(e)));
            cell(h, "Family", "family", "<span class=\"swatch\" style=\"background:" + ChartPalette.family(e.family())
                    + "\"></span>" + Html.text(SummaryLines.family(e.family())));
            cell(h, "Devices", "num", ReportFormat.count(e.devices()));
            cell(h, "Events", "num", ReportFormat.count(e.events()));
            cell(h, "Baseline events", "num", ReportFacts.baselineCount(e)
                    + (e.unusual() ? " <strong>unusual</strong>" : ""));
            cell(h, "Seen", "", seen.isEmpty() ? "–" : Html.text(seen + " UTC"));
            cell(h, "Meaning", "", Html.text(ReportFacts.errorMeaning(e)));
            h.append("</tr>\n");
        }
        h.append("</tbody></table></div>\n</section>\n");
    }

    /** A cell of a table that stacks on phones: its label for the stacked view, its content in one element. */
    private static void cell(StringBuilder h, String label, String cls, String markup) {
        h.append("<td data-label=\"").append(label).append('"').append(cls.isEmpty() ? "" : " class=\"" + cls + "\"")
                .append("><span>").append(markup).append("</span></td>");
    }

    private static void list(StringBuilder h, String id, String title, List<String> items, boolean numbered) {
        List<String> shown = ReportFacts.items(items);
        if (shown.isEmpty()) {
            return;
        }
        String tag = numbered ? "ol" : "ul";
        h.append("<section id=\"").append(id).append("\" aria-labelledby=\"").append(id).append("-h\">\n<h2 id=\"")
                .append(id).append("-h\">").append(title).append("</h2>\n<").append(tag).append(">\n");
        for (String item : shown) {
            h.append("<li>").append(Html.prose(item)).append("</li>\n");
        }
        h.append("</").append(tag).append(">\n</section>\n");
    }

    private static void health(StringBuilder h, TriageReport r) {
        h.append("<section id=\"health\" aria-labelledby=\"health-h\">\n<h2 id=\"health-h\">Platform health</h2>\n<p>")
                .append(Html.text(ReportFacts.health(r))).append("</p>\n");
        List<HealthEvent> events = r.platformHealth().isPresent() ? r.platformHealth().get().events() : List.of();
        if (!events.isEmpty()) {
            h.append("<ul>\n");
            for (HealthEvent e : events) {
                h.append("<li>").append(Html.text(SummaryLines.event(e))).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("</section>\n");
    }

    private static void gaps(StringBuilder h, TriageReport r) {
        h.append("<section id=\"gaps\" aria-labelledby=\"gaps-h\">\n<h2 id=\"gaps-h\">Gaps</h2>\n");
        if (r.gaps().isEmpty()) {
            h.append("<p>None: every source answered.</p>\n</section>\n");
            return;
        }
        h.append("<ul>\n");
        for (Gap g : r.gaps()) {
            h.append("<li>").append(Html.text(ReportFacts.gap(g))).append("</li>\n");
        }
        h.append("</ul>\n</section>\n");
    }

    private static void links(StringBuilder h, TriageReport r) {
        h.append("<nav aria-labelledby=\"links-h\">\n<h2 id=\"links-h\">Links</h2>\n<ul class=\"links\">\n")
                .append("<li>").append(Html.link("Logs: the triage's query with the window set", r.links().logs()))
                .append("</li>\n<li>").append(Html.link("The hub in the Azure portal", r.links().hub()))
                .append("</li>\n<li>").append(Html.link("Resource Health", r.links().resourceHealth())).append("</li>\n");
        if (!r.links().docs().isBlank()) {
            h.append("<li>").append(Html.link("Documentation", r.links().docs())).append("</li>\n");
        }
        h.append("</ul>\n</nav>\n");
    }

    private static void fact(StringBuilder h, String term, String value) {
        h.append("<div><dt>").append(Html.text(term)).append("</dt><dd>").append(Html.text(value)).append("</dd></div>\n");
    }

    private static final String CSS = """
            :root{color-scheme:light}
            *{box-sizing:border-box}
            body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;\
            color:#1f2937;background:#fff;-webkit-text-size-adjust:100%;overflow-wrap:break-word}
            header,main,footer{max-width:1080px;margin:0 auto;padding:0 20px}
            header{padding-top:20px}
            .eyebrow{margin:0;color:#4b5563;font-size:.95rem}
            h1{font-size:1.55rem;line-height:1.3;margin:.35rem 0 .6rem}
            h2{font-size:1.2rem;margin:2rem 0 .6rem;padding-bottom:.25rem;border-bottom:1px solid #d1d5db}
            h3{font-size:1.05rem;margin:1.5rem 0 .4rem}
            a{color:#1d4ed8}
            code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere}
            .chips{margin:0;display:flex;flex-wrap:wrap;gap:.4rem}
            .chips span{border:1px solid #d1d5db;background:#f3f4f6;border-radius:4px;padding:.1rem .5rem;font-size:.9rem}
            .chips .verdict{background:#1f2937;border-color:#1f2937;color:#fff;font-weight:600}
            .chips .verdict code{color:#e5e7eb}
            figure{margin:.5rem 0}
            svg.chart{display:block;width:100%;height:auto;font-family:inherit}
            svg.chart-narrow{display:none}
            figcaption{display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.9rem;color:#374151;margin-top:.25rem}
            .key{white-space:nowrap}
            .swatch{display:inline-block;width:.85em;height:.85em;border-radius:2px;margin-right:.35em;vertical-align:-.08em}
            .line{display:inline-block;width:1.4em;height:0;border-top:2px solid;margin-right:.35em;vertical-align:.3em}
            .line.dashed{border-top-style:dashed}
            ol.markers{list-style:none;padding:0;margin:.5rem 0;font-size:.95rem}
            ol.markers li{margin:.2rem 0}
            .badge{display:inline-block;min-width:1.4em;border-radius:1em;color:#fff;text-align:center;font-weight:700;\
            font-size:.8rem;line-height:1.4em;margin-right:.2em}
            details{margin:1rem 0}
            summary{cursor:pointer;color:#1d4ed8}
            .table-wrap{overflow-x:auto}
            table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0}
            caption{text-align:left;color:#4b5563;padding:.25rem 0}
            th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e5e7eb;vertical-align:top}
            thead th{border-bottom:2px solid #9ca3af}
            .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            td.code,td.family{white-space:nowrap}
            dl.facts{margin:0}
            dl.facts div{display:flex;gap:1rem;padding:.25rem 0;border-bottom:1px solid #e5e7eb}
            dl.facts dt{flex:0 0 11rem;font-weight:600}
            dl.facts dd{margin:0}
            ul.links{padding-left:1.2rem}
            footer{color:#4b5563;font-size:.85rem;margin-top:2rem;padding-bottom:2rem;border-top:1px solid #d1d5db}
            @media (max-width:640px){
            header,main,footer{padding:0 12px}
            header{padding-top:12px}
            h1{font-size:1.3rem}
            svg.chart-wide{display:none}
            svg.chart-narrow{display:block}
            dl.facts div{display:block}
            table.stack thead{position:absolute;left:-9999px}
            table.stack tr{display:block;border-bottom:2px solid #9ca3af;padding:.3rem 0}
            table.stack td{display:grid;grid-template-columns:8rem minmax(0,1fr);gap:.75rem;border:0;padding:.15rem 0;\
            text-align:left;white-space:normal;overflow-wrap:anywhere}
            table.stack td::before{content:attr(data-label);font-weight:600;color:#374151}
            }
            @media print{
            body{font-size:10.5pt}
            header,main,footer{max-width:none;padding:0}
            svg.chart-narrow{display:none}
            svg.chart-wide{display:block}
            section,figure,tr{break-inside:avoid}
            h2,h3{break-after:avoid}
            a{color:inherit}
            .table-wrap{overflow:visible}
            details summary{display:none}
            }
            """;
}
