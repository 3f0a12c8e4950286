package io.iothubtriage.notify;

import io.iothubtriage.diagnosis.ReportFormat;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence.BaselineStrip;
import io.iothubtriage.evidence.ConnectionEvidence.MinuteBucket;
import io.iothubtriage.evidence.DeviceCountEvidence.MetricPoint;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The charts in words: the text alternative of the timeline and of the baseline strip (the SVG's {@code <desc>}
 * and the paragraph above it), computed from the same numbers the charts draw.
 */
final class TimelineSummary {
    private TimelineSummary() {
    }

    /**
     * E.g. "Error events peaked at 420 a minute at 10:41 UTC (mostly authentication); 9,120 in the window.
     * Connected devices went from 1,204 to a low of 611 at 10:44 UTC and ended at 640. 3 markers."
     */
    static String of(TriageReport r, List<ChartMarker> markers) {
        List<String> sentences = new ArrayList<>();
        List<MinuteBucket> t = r.timeline();
        if (t.isEmpty()) {
            sentences.add("No per-minute connection activity: the connection logs were not read.");
        } else {
            // loops, no lambdas or streams, in this class: it runs once per HTML report, in a cold JVM for the CLI
            MinuteBucket peak = t.get(0);
            long total = 0;
            for (MinuteBucket b : t) {
                if (b.errors() > peak.errors()) {
                    peak = b;
                }
                total += b.errors();
            }
            if (total == 0) {
                sentences.add("No error events in the window.");
            } else {
                Map<CauseFamily, Long> byFamily = new EnumMap<>(CauseFamily.class);
                for (MinuteBucket b : t) {
                    for (Map.Entry<CauseFamily, Integer> e : b.errorsByFamily().entrySet()) {
                        Long sum = byFamily.get(e.getKey());
                        byFamily.put(e.getKey(), (sum == null ? 0L : sum) + e.getValue());
                    }
                }
                Map.Entry<CauseFamily, Long> top = null;
                for (Map.Entry<CauseFamily, Long> e : byFamily.entrySet()) {
                    if (top == null || e.getValue() > top.getValue()) {
                        top = e;
                    }
                }
                String mostly = top != null && top.getValue() * 2 > total
                        ? " (mostly " + SummaryLines.family(top.getKey()) + ")" : "";
                sentences.add("Error events peaked at " + ReportFormat.count(peak.errors()) + " a minute at "
                        + ReportFormat.time(peak.minute()) + "; " + ReportFormat.count(total)
                        + " in the window" + mostly + ".");
            }
        }
        List<double[]> values = new ArrayList<>();
        List<MetricPoint> points = r.series().connectedDevices();
        for (MetricPoint p : points) {
            OptionalDouble v = TimelineChart.connectedValue(p);
            if (v.isPresent()) {
                values.add(new double[]{p.time().getEpochSecond(), v.getAsDouble()});
            }
        }
        if (values.isEmpty()) {
            sentences.add("No connected-devices values: the metric was not read.");
        } else if (r.deviceCount().isPresent() && r.deviceCount().get().min().isPresent()) {
            sentences.add(connected(r.deviceCount().get(), values));
        } else {
            double[] low = values.get(0);
            for (double[] v : values) {
                if (v[1] < low[1]) {
                    low = v;
                }
            }
            sentences.add("Connected devices went from " + ReportFormat.count(values.get(0)[1]) + " to a low of "
                    + ReportFormat.count(low[1]) + " at " + ReportFormat.time(java.time.Instant.ofEpochSecond((long) low[0]))
                    + " and ended at " + ReportFormat.count(values.get(values.size() - 1)[1]) + ".");
        }
        if (!markers.isEmpty()) {
            List<String> named = new ArrayList<>();
            for (ChartMarker m : markers) {
                named.add(m.number() + " " + ReportFormat.clock(m.at()) + " " + m.kind().word.toLowerCase(Locale.ROOT));
            }
            sentences.add(ReportFormat.plural(markers.size(), "marker") + ": " + String.join(", ", named) + ".");
        }
        return String.join(" ", sentences);
    }

    /**
     * The connected devices in the headline's figures, by its rule (docs/diagnosis.md, deviceCount): from the highest
     * per-minute average before the lowest point to the lowest per-minute minimum, and the last value. The chart
     * draws averages, whose low can lie above that minimum: its low is said too, so no reader meets two "lows".
     * E.g. "Connected devices fell from 999 before the drop to 985 at 10:28 UTC (the lowest per-minute minimum) and
     * ended at 996; the chart draws per-minute averages, lowest 990."
     */
    private static String connected(TriageReport.DeviceCount d, List<double[]> drawn) {
        double min = d.min().getAsDouble();
        String at = d.minAt().isPresent() ? " at " + ReportFormat.time(d.minAt().get()) : "";
        String low = d.before().isPresent() && d.before().getAsDouble() > min
                ? "Connected devices fell from " + ReportFormat.count(d.before().getAsDouble()) + " before the drop to "
                + ReportFormat.count(min) + at
                : "Connected devices were at " + ReportFormat.count(min) + " at the lowest" + at;
        String end = d.now().isPresent() ? " and ended at " + ReportFormat.count(d.now().getAsDouble()) : "";
        double drawnLow = drawn.get(0)[1];
        for (double[] v : drawn) {
            drawnLow = Math.min(drawnLow, v[1]);
        }
        String chart = ReportFormat.count(drawnLow).equals(ReportFormat.count(min)) ? ""
                : "; the chart draws per-minute averages, lowest " + ReportFormat.count(drawnLow);
        return low + " (the lowest per-minute minimum)" + end + chart + ".";
    }

    /** E.g. "In the 24 h before the window: 1.2 error events a minute on average, at most 40 per 15 min." */
    static String baseline(TriageReport r) {
        BaselineStrip strip = r.series().baseline();
        long total = 0;
        int max = 0;
        for (MinuteBucket b : strip.buckets()) {
            total += b.errors();
            max = Math.max(max, b.errors());
        }
        long minutes = Math.max(1, strip.bucket().toMinutes() * strip.buckets().size());
        String span = ReportFormat.span(java.time.Duration.ofMinutes(minutes));
        if (total == 0) {
            return "In the " + span + " before the window: no error events.";
        }
        long windowMinutes = Math.max(1, r.timeline().size());
        long windowTotal = 0;
        for (MinuteBucket b : r.timeline()) {
            windowTotal += b.errors();
        }
        return "In the " + span + " before the window: " + rate(total, minutes) + " error events a minute on average, "
                + "at most " + ReportFormat.count(max) + " per " + ReportFormat.span(strip.bucket())
                + "; in the window: " + rate(windowTotal, windowMinutes) + " a minute.";
    }

    private static String rate(long events, long minutes) {
        double r = (double) events / minutes;
        return r >= 10 ? ReportFormat.count(Math.round(r)) : String.format(Locale.ROOT, "%.1f", r);
    }
}
