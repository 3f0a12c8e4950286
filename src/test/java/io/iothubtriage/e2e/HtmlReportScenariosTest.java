package io.iothubtriage.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.notify.HtmlReport;
import io.iothubtriage.notify.ReportJson;
import io.iothubtriage.notify.SvgCharts;
import io.iothubtriage.simulation.Scenarios;
import io.iothubtriage.simulation.Scenarios.Preset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The HTML report of simulated incidents, checked the way a reader would trust it: every bar and every point of
 * the charts is read back from the SVG and compared with the report JSON's numbers (and its height with the
 * panel's scale). The pages are written to target/html-reports, where scripts/render-html-reports.sh renders
 * them in headless Chromium at desktop and phone widths.
 */
class HtmlReportScenariosTest {
    static final Path OUT = Path.of("target", "html-reports");
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<Preset> presets() {
        return Scenarios.all().stream().filter(p -> List.of("site-network-outage", "platform-failover",
                "user-failover", "expired-x509-certificates", "mixed-causes", "log-source-down", "quiet-hub",
                "disable-local-auth", "site-outage-with-tag-edit")
                .contains(p.name())).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void theChartsDrawTheReportsNumbers(Preset preset) throws IOException {
        TriageReport report = SimulatedFleetTriageTest.triage(preset.factory().get());
        String html = new HtmlReport().render(report);
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve(preset.name() + ".html"), html);
        JsonNode json = JSON.readTree(ReportJson.toJson(report));

        for (String layout : List.of("wide", "narrow")) {
            Element chart = SvgCharts.chart(html, "timeline-" + layout);
            errorsMatch(chart, json.get("timeline"));
            connectedMatches(chart, json.get("connectedDevices"));
            markersMatch(chart, json);
            if (json.get("baselineTimeline").get("buckets").size() > 0) {
                baselineMatches(SvgCharts.chart(html, "baseline-" + layout), json.get("baselineTimeline"));
            }
        }
    }

    /** One bar per family and minute with errors, of the JSON's value, stacked to the panel's scale. */
    private static void errorsMatch(Element chart, JsonNode timeline) {
        Element axis = SvgCharts.axis(chart, "errors");
        double bottom = SvgCharts.number(axis, "data-y-bottom");
        double perUnit = (bottom - SvgCharts.number(axis, "data-y-top")) / SvgCharts.number(axis, "data-y-max");
        Map<String, Integer> expected = new HashMap<>();
        long peak = 0;
        for (JsonNode minute : timeline) {
            int split = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = minute.get("errorsByFamily").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                expected.put(minute.get("minute").asText() + "/" + f.getKey(), f.getValue().asInt());
                split += f.getValue().asInt();
            }
            assertThat(split).as("families sum to the minute's errors").isEqualTo(minute.get("errors").asInt());
            peak = Math.max(peak, minute.get("errors").asLong());
        }
        Map<String, Integer> drawn = new HashMap<>();
        Map<String, Double> stackTop = new HashMap<>();
        for (Element bar : SvgCharts.elements(SvgCharts.series(chart, "errors"), "rect", "data-value")) {
            int value = Integer.parseInt(bar.getAttribute("data-value"));
            String minute = bar.getAttribute("data-minute");
            drawn.put(minute + "/" + bar.getAttribute("data-family"), value);
            double y = SvgCharts.number(bar, "y");
            double height = SvgCharts.number(bar, "height");
            assertThat(height).as("bar height of " + minute).isCloseTo(value * perUnit, within(0.02));
            double under = stackTop.getOrDefault(minute, bottom);
            assertThat(y + height).as("bars of " + minute + " stack without gaps").isCloseTo(under, within(0.02));
            stackTop.put(minute, y);
        }
        assertThat(drawn).isEqualTo(expected);
        assertThat(SvgCharts.number(axis, "data-y-max")).isGreaterThanOrEqualTo(peak);
    }

    /** One polyline vertex per metric minute, at the average's height and the minute's centre. */
    private static void connectedMatches(Element chart, JsonNode connected) {
        if (connected.isEmpty()) {
            assertThat(chart.getTextContent()).contains("No metric values");
            return;
        }
        Element axis = SvgCharts.axis(chart, "connected");
        double bottom = SvgCharts.number(axis, "data-y-bottom");
        double perUnit = (bottom - SvgCharts.number(axis, "data-y-top")) / SvgCharts.number(axis, "data-y-max");
        Instant start = Instant.parse(chart.getAttribute("data-start"));
        double left = SvgCharts.number(chart, "data-left");
        double step = SvgCharts.number(chart, "data-step");
        Map<Double, Double> vertices = new HashMap<>();
        for (Element line : SvgCharts.elements(SvgCharts.series(chart, "connected"), "polyline", "points")) {
            for (String p : line.getAttribute("points").trim().split("\\s+")) {
                String[] xy = p.split(",");
                vertices.put(Double.parseDouble(xy[0]), Double.parseDouble(xy[1]));
            }
        }
        int expected = 0;
        for (JsonNode point : connected) {
            if (point.get("average").isNull()) {
                continue;
            }
            expected++;
            long i = Duration.between(start, Instant.parse(point.get("minute").asText())).toMinutes();
            double x = left + (i + 0.5) * step;
            // data-step is rounded to 0.01, so the vertex is found within half a minute's width, not exactly.
            Map.Entry<Double, Double> vertex = vertices.entrySet().stream()
                    .filter(v -> Math.abs(v.getKey() - x) < step / 2).findFirst()
                    .orElseThrow(() -> new AssertionError("no vertex for " + point.get("minute")));
            assertThat(vertex.getKey()).isCloseTo(x, within(0.01 * (i + 1) + 0.01));
            assertThat(vertex.getValue()).isCloseTo(bottom - point.get("average").asDouble() * perUnit, within(0.02));
        }
        assertThat(vertices).hasSize(expected);
    }

    private static void markersMatch(Element chart, JsonNode json) {
        JsonNode alert = json.get("alert");
        List<Element> markers = SvgCharts.elements(chart, "g", "data-marker");
        if (!alert.isNull()) {
            assertThat(markers).anyMatch(m -> m.getAttribute("data-kind").equals("ALERT")
                    && m.getAttribute("data-at").equals(alert.get("firedAt").asText()));
        }
        Instant windowStart = Instant.parse(json.get("window").get("start").asText());
        for (JsonNode c : json.get("changes")) {
            Instant at = Instant.parse(c.get("time").asText());
            if (!at.isBefore(windowStart)) {
                assertThat(markers).as("change at " + at).anyMatch(m -> m.getAttribute("data-kind").equals("CHANGE")
                        && m.getAttribute("data-at").equals(at.toString()));
            }
        }
        for (JsonNode h : json.get("healthChanges")) {
            Instant at = Instant.parse(h.get("at").asText());
            if (!at.isBefore(Instant.parse(json.get("window").get("start").asText()))) {
                assertThat(markers).as("health change at " + at).anyMatch(m -> m.getAttribute("data-kind")
                        .equals("HEALTH") && m.getAttribute("data-at").equals(at.toString()));
            }
        }
    }

    /** The change-caused incident: the change is a numbered marker on the chart and named under it. */
    @org.junit.jupiter.api.Test
    void aChangeCausedIncidentShowsTheChangeOnTheTimeline() {
        Preset preset = Scenarios.byName("disable-local-auth").orElseThrow();
        TriageReport report = SimulatedFleetTriageTest.triage(preset.factory().get());
        TriageReport.ChangeLine cause = report.likelyCause().orElseThrow();
        String html = new HtmlReport().render(report);

        Element chart = SvgCharts.chart(html, "timeline-wide");
        Element marker = SvgCharts.elements(chart, "g", "data-marker").stream()
                .filter(m -> m.getAttribute("data-kind").equals("CHANGE")
                        && m.getAttribute("data-at").equals(cause.time().toString()))
                .findFirst().orElseThrow(() -> new AssertionError("no marker for the change at " + cause.time()));
        assertThat(marker.getTextContent()).contains("Change (likely cause)").contains("disableLocalAuth");
        assertThat(html).contains("<ol class=\"markers\"").contains("Change (likely cause): ")
                .contains(cause.caller());
    }

    private static void baselineMatches(Element strip, JsonNode baseline) {
        assertThat(strip.getAttribute("data-bucket-minutes")).isEqualTo(baseline.get("bucketMinutes").asText());
        Map<String, Integer> expected = new HashMap<>();
        for (JsonNode b : baseline.get("buckets")) {
            if (b.get("errors").asInt() > 0) {
                expected.put(b.get("start").asText(), b.get("errors").asInt());
            }
        }
        Map<String, Integer> drawn = new HashMap<>();
        for (Element bar : SvgCharts.elements(SvgCharts.series(strip, "baseline"), "rect", "data-value")) {
            drawn.put(bar.getAttribute("data-minute"), Integer.parseInt(bar.getAttribute("data-value")));
        }
        assertThat(drawn).isEqualTo(expected);
    }
}
