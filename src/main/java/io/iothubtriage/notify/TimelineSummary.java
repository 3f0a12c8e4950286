package io.iothubtriage.notify;

import io.iothubtriage.diagnosis.ReportFormat;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence.BaselineStrip;
import io.iothubtriage.evidence.ConnectionEvidence.MinuteBucket;
import io.iothubtriage.evidence.DeviceCountEvidence.MetricPoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
            MinuteBucket peak = t.stream().max(Comparator.comparingInt(MinuteBucket::errors)).get();
            long total = t.stream().mapToLong(MinuteBucket::errors).sum();
            if (total == 0) {
                sentences.add("No error events in the window.");
            } else {
                Map<CauseFamily, Long> byFamily = new EnumMap<>(CauseFamily.class);
                for (MinuteBucket b : t) {
                    b.errorsByFamily().forEach((f, n) -> byFamily.merge(f, (long) n, Long::sum));
                }
                Optional<Map.Entry<CauseFamily, Long>> top = byFamily.entrySet().stream()
                        .max(Map.Entry.comparingByValue());
                String mostly = top.filter(e -> e.getValue() * 2 > total)
                        .map(e -> " (mostly " + SummaryLines.family(e.getKey()) + ")").orElse("");
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
        } else {
            double[] low = values.stream().min(Comparator.comparingDouble(v -> v[1])).get();
            sentences.add("Connected devices went from " + ReportFormat.count(values.get(0)[1]) + " to a low of "
                    + ReportFormat.count(low[1]) + " at " + ReportFormat.time(java.time.Instant.ofEpochSecond((long) low[0]))
                    + " and ended at " + ReportFormat.count(values.get(values.size() - 1)[1]) + ".");
        }
        if (!markers.isEmpty()) {
            sentences.add(ReportFormat.plural(markers.size(), "marker") + ": " + markers.stream()
                    .map(m -> m.number() + " " + ReportFormat.clock(m.at()) + " " + m.kind().word.toLowerCase(Locale.ROOT))
                    .reduce((a, b) -> a + ", " + b).orElse("") + ".");
        }
        return String.join(" ", sentences);
    }

    /** E.g. "In the 24 h before the window: 1.2 error events a minute on average, at most 40 per 15 min." */
    static String baseline(TriageReport r) {
        BaselineStrip strip = r.series().baseline();
        long total = strip.buckets().stream().mapToLong(MinuteBucket::errors).sum();
        long minutes = Math.max(1, strip.bucket().toMinutes() * strip.buckets().size());
        int max = strip.buckets().stream().mapToInt(MinuteBucket::errors).max().orElse(0);
        String span = ReportFormat.span(java.time.Duration.ofMinutes(minutes));
        if (total == 0) {
            return "In the " + span + " before the window: no error events.";
        }
        long windowMinutes = Math.max(1, r.timeline().size());
        long windowTotal = r.timeline().stream().mapToLong(MinuteBucket::errors).sum();
        return "In the " + span + " before the window: " + rate(total, minutes) + " error events a minute on average, "
                + "at most " + ReportFormat.count(max) + " per " + ReportFormat.span(strip.bucket())
                + "; in the window: " + rate(windowTotal, windowMinutes) + " a minute.";
    }

    private static String rate(long events, long minutes) {
        double r = (double) events / minutes;
        return r >= 10 ? ReportFormat.count(Math.round(r)) : String.format(Locale.ROOT, "%.1f", r);
    }
}
