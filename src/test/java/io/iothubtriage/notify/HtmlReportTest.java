package io.iothubtriage.notify;

import io.iothubtriage.alert.AlertIdentity;
import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.alert.WindowPolicy;
import io.iothubtriage.diagnosis.ChangeRelation;
import io.iothubtriage.diagnosis.Diagnosis;
import io.iothubtriage.diagnosis.DiagnosisOptions;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.evidence.CallerKind;
import io.iothubtriage.evidence.ConnectionAggregator;
import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.evidence.DeviceCountEvidence;
import io.iothubtriage.evidence.DeviceCountEvidence.MetricPoint;
import io.iothubtriage.evidence.Evidence;
import io.iothubtriage.evidence.Gap;
import io.iothubtriage.evidence.HubHealthEvidence;
import io.iothubtriage.evidence.HubHealthEvidence.AvailabilityStatus;
import io.iothubtriage.testing.ReportFixtures;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    static final String SCRIPT = "<script>alert(1)</script>";
    static final String QUOTES = "\"onmouseover=\"alert(2)\" x='y' ";
    static final String SVG_BREAK = "</svg><img src=x onerror=alert(3)>";
    static final String UNICODE = "kamera-😀-Ωμέγα-\u202Eevil\u202C-\u0007bell-\uD800lone";

    /**
     * Hostile text in every field that comes from logs or Azure, through the real pipeline (rows → aggregator →
     * diagnosis → HTML): nothing of it becomes markup, every SVG stays well-formed, and the text is still there
     * for a person to read.
     */
    @Test
    void everythingFromLogsAndAzureIsEscaped() {
        TriageReport report = hostileReport();
        String html = new HtmlReport().render(report);

        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("onmouseover=\"")
                .doesNotContain("x='y'").doesNotContain("\u0007").doesNotContain("\uD800");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&lt;/svg&gt;&lt;img src=x onerror=alert(3)&gt;")
                .contains("&quot;onmouseover=&quot;alert(2)&quot; x=&#39;y&#39;")
                .contains("kamera-😀-Ωμέγα-\u202Eevil\u202C-bell-\uFFFDlone");
        assertThat(count(html, "<svg ")).isEqualTo(count(html, "</svg>")).isEqualTo(4);
        List<Element> svgs = SvgCharts.all(html);
        assertThat(svgs).hasSize(4);
        // A marker's tooltip carries Resource Health's (hostile) title as text, inside the SVG.
        assertThat(SvgCharts.chart(html, "timeline-wide").getTextContent()).contains(SVG_BREAK);
    }

    /** A change's caller, summary and property values come from Azure: they are text on the chart and under it. */
    @Test
    void changesFromAzureAreEscapedToo() {
        TriageReport r = hostileReport();
        Instant at = r.window().start().plus(Duration.ofMinutes(19));
        TriageReport.ChangeLine change = new TriageReport.ChangeLine(at, r.hub().resourceId(),
                "Microsoft.Devices/IotHubs/write", "Succeeded", SCRIPT + "@contoso.com", CallerKind.USER,
                "activityLog", "properties.note " + QUOTES + " → " + SVG_BREAK, List.of(), ChangeRelation.UNRELATED,
                Optional.empty(), Optional.empty(), Optional.empty());
        TriageReport withChange = withChanges(r, List.of(change));

        String html = new HtmlReport().render(withChange);

        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("x='y'")
                .contains("by &lt;script&gt;alert(1)&lt;/script&gt;@contoso.com");
        Element svg = SvgCharts.chart(html, "timeline-wide");
        assertThat(SvgCharts.elements(svg, "g", "data-marker")).anyMatch(m -> m.getAttribute("data-kind")
                .equals("CHANGE") && m.getTextContent().contains(SVG_BREAK));
        assertThat(SvgCharts.all(html)).hasSize(4);
    }

    /** A 3,000-character unbroken value is cut in the page and any long word wraps, so a phone never scrolls sideways. */
    @Test
    void aLongUnbrokenValueIsCutAndWraps() {
        TriageReport r = hostileReport();
        String huge = "x".repeat(3_000);
        TriageReport.ChangeLine change = new TriageReport.ChangeLine(r.window().start().plus(Duration.ofMinutes(19)),
                r.hub().resourceId(), "Microsoft.Devices/IotHubs/write", "Succeeded", huge, CallerKind.USER,
                "resourceGraph", "properties.comments a → " + huge, List.of(), ChangeRelation.UNRELATED,
                Optional.empty(), Optional.empty(), Optional.empty());
        TriageReport withChange = withChanges(r, List.of(change));

        String html = new HtmlReport().render(withChange);

        assertThat(html).doesNotContain("x".repeat(400)).contains("x".repeat(100));
        assertThat(html).containsPattern("body\\{[^}]*overflow-wrap:break-word");
    }

    static TriageReport withChanges(TriageReport r, List<TriageReport.ChangeLine> changes) {
        return new TriageReport(r.schemaVersion(), r.generatedAt(), r.hub(), r.alert(), r.window(),
                r.verdict(), r.confidence(), r.headline(), r.scope(), r.errors(), r.noise(), r.deviceCount(),
                r.platformHealth(), r.findings(), r.actions(), r.topDevices(), r.gaps(), r.links(), r.timeline(),
                changes, r.inputs(), r.series(), Optional.empty());
    }

    @Test
    void thePageIsSelfContainedAndNeedsNoScript() {
        String html = new HtmlReport().render(hostileReport());
        assertThat(html).startsWith("<!doctype html>").contains("<html lang=\"en\">")
                .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link")
                .doesNotContainIgnoringCase("src=\"").doesNotContainIgnoringCase("url(")
                .doesNotContainIgnoringCase("@import");
        // The SVG namespace is a name, not a fetch; no other plain-http address may appear.
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http://");
        Matcher hrefs = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        int links = 0;
        while (hrefs.find()) {
            links++;
            assertThat(hrefs.group(1)).startsWith("https://");
        }
        assertThat(links).isGreaterThan(0);
        assertThat(html).contains("@media print").contains("@media (max-width:640px)")
                .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
                        + "'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">");
    }

    @Test
    void landmarksHeadingsAndTextAlternativesAreThere() {
        String html = new HtmlReport().render(ReportFixtures.networkSubset());
        assertThat(html).contains("<header>").contains("<main id=\"main\">").contains("<footer>").contains("<nav ");
        assertThat(count(html, "<h1>")).isEqualTo(1);
        for (String id : List.of("timeline-wide", "timeline-narrow")) {
            Element svg = SvgCharts.chart(html, id);
            assertThat(svg.getAttribute("role")).isEqualTo("img");
            assertThat(svg.getAttribute("aria-labelledby")).isEqualTo(id + "-title " + id + "-desc");
            assertThat(SvgCharts.elements(svg, "title", "id").get(0).getTextContent()).startsWith("Timeline of ");
            assertThat(SvgCharts.elements(svg, "desc", "id").get(0).getTextContent()).contains("Error events peaked");
        }
        assertThat(html).contains("<table class=\"data\">").contains("<th scope=\"col\">Time</th>");
    }

    @Test
    void errorsTheSourceDidNotSplitByFamilyAreDrawnAsSuchNotDropped() {
        TriageReport r = ReportFixtures.networkSubset();
        String html = new HtmlReport().render(r);
        Element errors = SvgCharts.series(SvgCharts.chart(html, "timeline-wide"), "errors");
        long drawn = SvgCharts.elements(errors, "rect", "data-value").stream()
                .mapToLong(e -> Long.parseLong(e.getAttribute("data-value"))).sum();
        long reported = r.timeline().stream().mapToLong(b -> b.errors()).sum();
        assertThat(drawn).isEqualTo(reported).isPositive();
        assertThat(SvgCharts.elements(errors, "rect", "data-family")).allMatch(e -> e.getAttribute("data-family")
                .equals("UNSPLIT"));
        assertThat(html).contains("errors (family not split by the source)");
    }

    @Test
    void withoutLogsOrMetricTheChartSaysSoInsteadOfDrawingZeroes() {
        TriageReport r = ReportFixtures.noDiagnosticLogs();
        TriageReport bare = new TriageReport(r.schemaVersion(), r.generatedAt(), r.hub(), r.alert(), r.window(),
                r.verdict(), r.confidence(), r.headline(), r.scope(), r.errors(), r.noise(), Optional.empty(),
                r.platformHealth(), r.findings(), r.actions(), r.topDevices(),
                List.of(new Gap(Gap.CONNECTION_LOGS, "no rows"), new Gap(Gap.METRICS, "timed out after 10 s")),
                r.links(), List.of(), List.of(), Optional.empty(), TriageReport.Series.none(), Optional.empty());
        String html = new HtmlReport().render(bare);
        Element svg = SvgCharts.chart(html, "timeline-wide");
        assertThat(svg.getTextContent()).contains("No metric values: see Gaps").contains("No connection logs: see Gaps");
        assertThat(SvgCharts.elements(svg, "rect", "data-value")).isEmpty();
        assertThat(html).contains("Device-count metric: timed out after 10 s");
    }

    static TriageReport hostileReport() {
        AlertIdentity alert = ReportFixtures.alert("Sev2", 20, 11);
        TriageRequest request = TriageRequest.forAlert(ReportFixtures.HUB, alert, WindowPolicy.defaults());
        TimeWindow w = request.window();
        ConnectionAggregator agg = new ConnectionAggregator(request);
        String[] ids = {SCRIPT, QUOTES, SVG_BREAK, UNICODE};
        for (int d = 0; d < 24; d++) {
            String id = ids[d % ids.length] + "-" + d;
            Instant t = w.start().plus(Duration.ofMinutes(2 + d % 3));
            agg.accept(new ConnectionLogRow(t, ConnectionLogRow.CONNECT, "Information", "", "", id, "Mqtt",
                    "device/sas", SVG_BREAK, SCRIPT, "200", ""));
            agg.accept(new ConnectionLogRow(t.plus(Duration.ofMinutes(20)), ConnectionLogRow.DISCONNECT, "Error",
                    d < 12 ? "401003" : "999999", d < 12 ? "IoTHubUnauthorized" : QUOTES + SCRIPT, id, "Mqtt",
                    "device/sas", SVG_BREAK, SCRIPT, "401", SCRIPT));
        }
        List<MetricPoint> connected = new ArrayList<>();
        for (Instant m = w.start(); m.isBefore(w.end()); m = m.plusSeconds(60)) {
            double v = m.isBefore(w.start().plus(Duration.ofMinutes(22))) ? 24 : 11;
            connected.add(new MetricPoint(m, OptionalDouble.of(v), OptionalDouble.of(v), OptionalDouble.of(v)));
        }
        AvailabilityStatus degraded = new AvailabilityStatus("Degraded", "Unplanned", "Platform Initiated",
                "Unplanned", SVG_BREAK, SCRIPT, Optional.of(w.start().plus(Duration.ofMinutes(21))), Optional.empty(),
                "westeurope", "");
        AvailabilityStatus available = new AvailabilityStatus("Available", "", "", "", QUOTES, "",
                Optional.of(w.start().minus(Duration.ofHours(3))), Optional.empty(), "westeurope", "");
        Evidence evidence = new Evidence(Optional.of(agg.finish()),
                Optional.of(new HubHealthEvidence(Optional.of(degraded), List.of(available, degraded), List.of())),
                Optional.of(new DeviceCountEvidence(connected, List.of())),
                List.of(new Gap(Gap.METRICS, "partial: " + SCRIPT)));
        return Diagnosis.diagnose(request, evidence, DiagnosisOptions.defaults(), ReportFixtures.GENERATED);
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
