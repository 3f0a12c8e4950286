package io.iothubtriage.notify;

import io.iothubtriage.diagnosis.ReportFormat;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence.BaselineStrip;
import io.iothubtriage.evidence.ConnectionEvidence.MinuteBucket;
import io.iothubtriage.evidence.DeviceCountEvidence.MetricPoint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The HTML report's pictures as inline SVG: the window minute by minute (connected devices from the metric above,
 * error events stacked by family below, markers across both), and the baseline strip. Pure: values in, markup out.
 *
 * <p>The SVG is well-formed XML and carries its numbers: every bar has {@code data-minute}, {@code data-family} and
 * {@code data-value}, every panel the scale it was drawn with, so tests (and curious readers) can check that the
 * picture says what the report says. It scales with its {@code viewBox}; the page shows the wide or the narrow
 * layout by a media query, and text keeps a readable size in both.
 */
final class TimelineChart {

    /** One way to lay the chart out: the viewBox width, margins, panel height, font size and x-tick budget. */
    record Layout(String name, int width, int left, int right, int panelHeight, int fontSize, int maxXTicks) {
        static final Layout WIDE = new Layout("wide", 960, 64, 20, 150, 13, 12);
        static final Layout NARROW = new Layout("narrow", 400, 46, 12, 130, 14, 4);
    }

    private static final long[] STEP_MINUTES = {1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440};
    private static final int TOP = 50;
    private static final int PANEL_GAP = 56;
    private static final int AXIS = 28;

    private TimelineChart() {
    }

    /** The minutes the chart spans: the report's timeline, or the window's minutes when the logs gave none. */
    static List<Instant> minutes(TriageReport r) {
        if (!r.timeline().isEmpty()) {
            List<Instant> minutes = new ArrayList<>(r.timeline().size());
            for (MinuteBucket b : r.timeline()) {
                minutes.add(b.minute());
            }
            return List.copyOf(minutes);
        }
        List<Instant> out = new ArrayList<>();
        Instant m = floorMinute(r.window().start());
        while (m.isBefore(r.window().end()) && out.size() < 100_000) {
            out.add(m);
            m = m.plusSeconds(60);
        }
        return out;
    }

    /** The connected-devices value drawn for a minute: the average, else the minimum, else the maximum. */
    static OptionalDouble connectedValue(MetricPoint p) {
        return p.average().isPresent() ? p.average() : p.minimum().isPresent() ? p.minimum() : p.maximum();
    }

    static String timeline(TriageReport r, List<ChartMarker> markers, Layout l, String title, String desc) {
        List<Instant> minutes = minutes(r);
        int n = Math.max(1, minutes.size());
        Instant start = minutes.isEmpty() ? floorMinute(r.window().start()) : minutes.get(0);
        double plotW = l.width() - l.left() - l.right();
        double step = plotW / n;
        int h = TOP + l.panelHeight() + PANEL_GAP + l.panelHeight() + AXIS;
        String id = "timeline-" + l.name();
        StringBuilder s = new StringBuilder(16_384);
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"").append(id).append("\" class=\"chart chart-")
                .append(l.name()).append("\" viewBox=\"0 0 ").append(l.width()).append(' ').append(h)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title ").append(id)
                .append("-desc\" font-size=\"").append(l.fontSize()).append("\" data-start=\"").append(ReportFormat.iso(start))
                .append("\" data-minutes=\"").append(n).append("\" data-left=\"").append(l.left())
                .append("\" data-step=\"").append(num(step)).append("\">");
        s.append("<title id=\"").append(id).append("-title\">").append(Html.text(title)).append("</title>");
        s.append("<desc id=\"").append(id).append("-desc\">").append(Html.text(desc)).append("</desc>");

        // Panel 1: connected devices.
        int top1 = TOP;
        int bottom1 = top1 + l.panelHeight();
        List<double[]> points = new ArrayList<>();
        double maxConnected = 0;
        for (MetricPoint p : r.series().connectedDevices()) {
            OptionalDouble v = connectedValue(p);
            long i = Duration.between(start, p.time()).toMinutes();
            if (v.isPresent() && i >= 0 && i < n) {
                points.add(new double[]{i, v.getAsDouble()});
                maxConnected = Math.max(maxConnected, v.getAsDouble());
            }
        }
        // loops and ifs, not lambdas: the chart is drawn once per cold CLI run
        OptionalDouble threshold = r.alert().isPresent() && r.alert().get().metric().isPresent()
                ? r.alert().get().metric().get().threshold() : OptionalDouble.empty();
        if (threshold.isPresent()) {
            maxConnected = Math.max(maxConnected, threshold.getAsDouble());
        }
        double yMax1 = niceCeil(maxConnected);
        panelTitle(s, l, top1, l.width() < 600 ? "Connected devices (average)"
                : "Connected devices (metric, average per minute)");
        yAxis(s, l, top1, bottom1, yMax1, "connected", 2);
        if (points.isEmpty()) {
            centred(s, l, (top1 + bottom1) / 2.0, "No metric values: see Gaps");
        } else {
            s.append("<g data-series=\"connected\">");
            StringBuilder run = new StringBuilder();
            double previous = -2;
            for (double[] p : points) {
                if (p[0] != previous + 1 && run.length() > 0) {
                    polyline(s, run);
                    run.setLength(0);
                }
                double x = l.left() + (p[0] + 0.5) * step;
                double y = bottom1 - p[1] / yMax1 * l.panelHeight();
                run.append(num(x)).append(',').append(num(y)).append(' ');
                previous = p[0];
            }
            polyline(s, run);
            s.append("</g>");
        }
        if (threshold.isPresent()) {
            double y = bottom1 - threshold.getAsDouble() / yMax1 * l.panelHeight();
            s.append("<line data-series=\"threshold\" data-value=\"").append(num(threshold.getAsDouble()))
                    .append("\" x1=\"").append(l.left()).append("\" x2=\"").append(l.width() - l.right())
                    .append("\" y1=\"").append(num(y)).append("\" y2=\"").append(num(y)).append("\" stroke=\"")
                    .append(ChartPalette.THRESHOLD).append("\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>");
            // Its value is in the legend: a label here would sit on the line whenever the count is near it.
        }

        // Panel 2: error events stacked by family.
        int top2 = bottom1 + PANEL_GAP;
        int bottom2 = top2 + l.panelHeight();
        int maxErrors = 0;
        for (MinuteBucket b : r.timeline()) {
            maxErrors = Math.max(maxErrors, b.errors());
        }
        double yMax2 = niceCeil(maxErrors);
        panelTitle(s, l, top2, l.width() < 600 ? "Error events per minute" : "Error events per minute, by family");
        yAxis(s, l, top2, bottom2, yMax2, "errors", 2);
        if (r.timeline().isEmpty()) {
            centred(s, l, (top2 + bottom2) / 2.0, "No connection logs: see Gaps");
        }
        double gap = Math.min(1.0, step * 0.2);
        s.append("<g data-series=\"errors\">");
        for (MinuteBucket b : r.timeline()) {
            long i = Duration.between(start, b.minute()).toMinutes();
            double x = l.left() + i * step + gap / 2;
            double w = Math.max(0.3, step - gap);
            double base = bottom2;
            int split = 0;
            for (CauseFamily f : CauseFamily.values()) {
                int v = b.errors(f);
                split += v;
                base = bar(s, b.minute(), f.name(), v, x, w, base, yMax2, l.panelHeight(), ChartPalette.family(f));
            }
            bar(s, b.minute(), "UNSPLIT", Math.max(0, b.errors() - split), x, w, base, yMax2, l.panelHeight(),
                    ChartPalette.UNSPLIT);
        }
        s.append("</g>");
        xAxis(s, l, minutes, start, step, bottom2);

        // Markers across both panels.
        for (ChartMarker m : markers) {
            double minutesIn = Duration.between(start, m.at()).toMillis() / 60_000.0;
            if (minutesIn < 0 || minutesIn > n) {
                continue;
            }
            double x = l.left() + minutesIn * step;
            marker(s, m, x, TOP - 10, bottom2);
        }
        s.append("</svg>");
        return s.toString();
    }

    /** The baseline strip: error events per bucket of the baseline window, with the markers that fall in it. */
    static String baselineStrip(TriageReport r, List<ChartMarker> markers, Layout l, String title, String desc) {
        BaselineStrip strip = r.series().baseline();
        int n = Math.max(1, strip.buckets().size());
        double plotW = l.width() - l.left() - l.right();
        double step = plotW / n;
        int panel = 56;
        int top = 50;
        int bottom = top + panel;
        int h = bottom + AXIS;
        String id = "baseline-" + l.name();
        StringBuilder s = new StringBuilder(4_096);
        Instant start = strip.buckets().isEmpty() ? r.window().start() : strip.buckets().get(0).minute();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"").append(id).append("\" class=\"chart chart-")
                .append(l.name()).append("\" viewBox=\"0 0 ").append(l.width()).append(' ').append(h)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title ").append(id)
                .append("-desc\" font-size=\"").append(l.fontSize()).append("\" data-bucket-minutes=\"")
                .append(strip.bucket().toMinutes()).append("\">");
        s.append("<title id=\"").append(id).append("-title\">").append(Html.text(title)).append("</title>");
        s.append("<desc id=\"").append(id).append("-desc\">").append(Html.text(desc)).append("</desc>");
        int max = 0;
        for (MinuteBucket b : strip.buckets()) {
            max = Math.max(max, b.errors());
        }
        double yMax = niceCeil(max);
        panelTitle(s, l, top, "Baseline: error events per " + ReportFormat.span(strip.bucket()));
        yAxis(s, l, top, bottom, yMax, "baseline", 1);
        s.append("<g data-series=\"baseline\">");
        double gap = Math.min(1.0, step * 0.2);
        for (int i = 0; i < strip.buckets().size(); i++) {
            MinuteBucket b = strip.buckets().get(i);
            bar(s, b.minute(), "ALL", b.errors(), l.left() + i * step + gap / 2, Math.max(0.3, step - gap), bottom,
                    yMax, panel, ChartPalette.BASELINE);
        }
        s.append("</g>");
        List<Instant> ticks = new ArrayList<>();
        for (MinuteBucket b : strip.buckets()) {
            ticks.add(b.minute());
        }
        xAxisBuckets(s, l, ticks, strip.bucket(), step, bottom);
        long bucketMs = Math.max(1, strip.bucket().toMillis());
        for (ChartMarker m : markers) {
            double in = Duration.between(start, m.at()).toMillis() / (double) bucketMs;
            if (strip.buckets().isEmpty() || in < 0 || in > n) {
                continue;
            }
            marker(s, m, l.left() + in * step, top - 10, bottom);
        }
        s.append("</svg>");
        return s.toString();
    }

    private static double bar(StringBuilder s, Instant minute, String family, int value, double x, double w,
                              double base, double yMax, int panelHeight, String colour) {
        if (value <= 0) {
            return base;
        }
        double height = value / yMax * panelHeight;
        double y = base - height;
        s.append("<rect data-minute=\"").append(ReportFormat.iso(minute)).append("\" data-family=\"").append(family)
                .append("\" data-value=\"").append(value).append("\" x=\"").append(num(x)).append("\" y=\"")
                .append(num(y)).append("\" width=\"").append(num(w)).append("\" height=\"").append(num(height))
                .append("\" fill=\"").append(colour).append("\"/>");
        return y;
    }

    private static void polyline(StringBuilder s, StringBuilder points) {
        String p = points.toString().strip();
        if (p.isEmpty()) {
            return;
        }
        if (!p.contains(" ")) {
            String[] xy = p.split(",");
            s.append("<circle cx=\"").append(xy[0]).append("\" cy=\"").append(xy[1]).append("\" r=\"2.5\" fill=\"")
                    .append(ChartPalette.CONNECTED).append("\"/>");
        }
        s.append("<polyline points=\"").append(p).append("\" fill=\"none\" stroke=\"").append(ChartPalette.CONNECTED)
                .append("\" stroke-width=\"2\" stroke-linejoin=\"round\"/>");
    }

    private static void marker(StringBuilder s, ChartMarker m, double x, double badgeY, double bottom) {
        String c = m.kind().colour();
        s.append("<g class=\"marker\" data-marker=\"").append(m.number()).append("\" data-kind=\"")
                .append(m.kind().name()).append("\" data-at=\"").append(ReportFormat.iso(m.at())).append("\">");
        s.append("<line x1=\"").append(num(x)).append("\" x2=\"").append(num(x)).append("\" y1=\"")
                .append(num(badgeY + 8)).append("\" y2=\"").append(num(bottom)).append("\" stroke=\"").append(c)
                .append("\" stroke-width=\"1.5\"")
                .append(m.kind() == ChartMarker.Kind.ALERT ? " stroke-dasharray=\"4 3\"" : "").append("/>");
        s.append("<circle cx=\"").append(num(x)).append("\" cy=\"").append(num(badgeY)).append("\" r=\"9\" fill=\"")
                .append(c).append("\"/>");
        s.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(badgeY + 4))
                .append("\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"700\" fill=\"")
                .append(ChartPalette.BADGE_TEXT).append("\">").append(m.number()).append("</text>");
        s.append("<title>").append(m.number()).append(". ").append(Html.text(ReportFormat.time(m.at()) + " · "
                + m.label())).append("</title></g>");
    }

    private static void panelTitle(StringBuilder s, Layout l, int top, String text) {
        s.append("<text x=\"").append(l.left()).append("\" y=\"").append(top - 26)
                .append("\" font-weight=\"600\" fill=\"").append(ChartPalette.TEXT).append("\">")
                .append(Html.text(text)).append("</text>");
    }

    private static void yAxis(StringBuilder s, Layout l, int top, int bottom, double yMax, String series, int wanted) {
        // Whole-number labels only: 2.5 (or 25) is drawn as 0 and 2.5 rather than 0, 1.25, 2.5.
        int steps = wanted > 1 && yMax / wanted == Math.rint(yMax / wanted) ? wanted : 1;
        s.append("<g class=\"axis\" data-axis=\"").append(series).append("\" data-y-top=\"").append(top)
                .append("\" data-y-bottom=\"").append(bottom).append("\" data-y-max=\"").append(num(yMax)).append("\">");
        for (int k = 0; k <= steps; k++) {
            double v = yMax * k / steps;
            double y = bottom - (bottom - top) * (double) k / steps;
            s.append("<line x1=\"").append(l.left()).append("\" x2=\"").append(l.width() - l.right())
                    .append("\" y1=\"").append(num(y)).append("\" y2=\"").append(num(y)).append("\" stroke=\"")
                    .append(ChartPalette.GRID).append("\" stroke-width=\"1\"/>");
            s.append("<text x=\"").append(l.left() - 6).append("\" y=\"").append(num(y + 4))
                    .append("\" text-anchor=\"end\" fill=\"").append(ChartPalette.MUTED).append("\">")
                    .append(Html.text(shortCount(v))).append("</text>");
        }
        s.append("</g>");
    }

    private static void xAxis(StringBuilder s, Layout l, List<Instant> minutes, Instant start, double step,
                              int bottom) {
        long every = tickStep(minutes.size(), l.maxXTicks());
        s.append("<g class=\"axis\" data-axis=\"time\">");
        for (Instant m : minutes) {
            long minuteOfDay = Math.floorMod(m.getEpochSecond() / 60, 1440);
            if (minuteOfDay % every != 0) {
                continue;
            }
            double x = l.left() + Duration.between(start, m).toMinutes() * step;
            tick(s, x, bottom, ReportFormat.clock(m));
        }
        s.append("</g>");
    }

    private static void xAxisBuckets(StringBuilder s, Layout l, List<Instant> buckets, Duration bucket, double step,
                                     int bottom) {
        long bucketMinutes = Math.max(1, bucket.toMinutes());
        long every = tickStep(buckets.size() * bucketMinutes, l.maxXTicks());
        s.append("<g class=\"axis\" data-axis=\"time\">");
        for (int i = 0; i < buckets.size(); i++) {
            long minuteOfDay = Math.floorMod(buckets.get(i).getEpochSecond() / 60, 1440);
            if (minuteOfDay % every == 0) {
                tick(s, l.left() + i * step, bottom, ReportFormat.clock(buckets.get(i)));
            }
        }
        s.append("</g>");
    }

    private static void tick(StringBuilder s, double x, int bottom, String label) {
        s.append("<line x1=\"").append(num(x)).append("\" x2=\"").append(num(x)).append("\" y1=\"").append(bottom)
                .append("\" y2=\"").append(bottom + 5).append("\" stroke=\"").append(ChartPalette.MUTED)
                .append("\"/><text x=\"").append(num(x)).append("\" y=\"").append(bottom + 19)
                .append("\" text-anchor=\"middle\" fill=\"").append(ChartPalette.MUTED).append("\">")
                .append(label).append("</text>");
    }

    private static void centred(StringBuilder s, Layout l, double y, String text) {
        s.append("<text x=\"").append(num((l.left() + l.width() - l.right()) / 2.0)).append("\" y=\"").append(num(y))
                .append("\" text-anchor=\"middle\" fill=\"").append(ChartPalette.MUTED).append("\">")
                .append(Html.text(text)).append("</text>");
    }

    /** The smallest round step (minutes) that keeps at most {@code max} ticks over {@code minutes}. */
    static long tickStep(long minutes, int max) {
        for (long m : STEP_MINUTES) {
            if (minutes / m <= max) {
                return m;
            }
        }
        return STEP_MINUTES[STEP_MINUTES.length - 1];
    }

    /** The smallest of 1, 2, 2.5, 5 × 10^k that is at least {@code v}; 1 for nothing to show. */
    static double niceCeil(double v) {
        if (v <= 1) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(v)));
        for (double f : new double[]{1, 2, 2.5, 5, 10}) {
            if (f * mag >= v) {
                return f * mag;
            }
        }
        return 10 * mag;
    }

    /** "1,200", "12k", "1.5M": axis labels stay short. */
    static String shortCount(double v) {
        if (v >= 1_000_000) {
            return trim(v / 1_000_000) + "M";
        }
        if (v >= 10_000) {
            return trim(v / 1_000) + "k";
        }
        return ReportFormat.count(v);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** A coordinate to two decimals, without the cost of String.format (a page has thousands of them). */
    static String num(double v) {
        long hundredths = Math.round(v * 100);
        if (hundredths % 100 == 0) {
            return String.valueOf(hundredths / 100);
        }
        if (Math.abs(hundredths) >= NUM_EXACT_BELOW) {
            return String.valueOf(hundredths / 100.0);
        }
        // What String.valueOf(hundredths / 100.0) writes ("12.3", "-0.05"), without Double.toString, which is slow
        // in a cold JVM; a test checks every value up to NUM_EXACT_BELOW against it.
        long whole = Math.abs(hundredths) / 100;
        int cents = (int) (Math.abs(hundredths) % 100);
        StringBuilder b = new StringBuilder(12);
        if (hundredths < 0) {
            b.append('-');
        }
        b.append(whole).append('.').append((char) ('0' + cents / 10));
        if (cents % 10 != 0) {
            b.append((char) ('0' + cents % 10));
        }
        return b.toString();
    }

    /** Hundredths below this (in absolute value) are written by hand by {@link #num}; chart coordinates are far below. */
    static final long NUM_EXACT_BELOW = 2_000_000;

    private static Instant floorMinute(Instant t) {
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), 60) * 60);
    }
}
