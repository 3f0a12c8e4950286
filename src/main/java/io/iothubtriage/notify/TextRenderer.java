package io.iothubtriage.notify;

import io.iothubtriage.diagnosis.ReportFormat;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.diagnosis.TriageReport.ErrorLine;
import io.iothubtriage.diagnosis.TriageReport.HealthEvent;
import io.iothubtriage.diagnosis.TriageReport.TopDevice;
import io.iothubtriage.diagnosis.Verdict;
import io.iothubtriage.evidence.Gap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.iothubtriage.notify.PlainText.column;
import static io.iothubtriage.notify.PlainText.padLeft;
import static io.iothubtriage.notify.PlainText.padRight;
import static io.iothubtriage.notify.PlainText.wrap;

/**
 * The report for a terminal, readable at a glance: verdict and headline first, then scope and context, the error
 * table with what each code means, findings, next steps, the noisiest devices, gaps and links. Lines are at most
 * {@link #WIDTH} columns, except a URL alone on its line (breaking it would make it unclickable). Colour (ANSI) is
 * off unless asked for: reports get piped into files and tickets.
 */
public final class TextRenderer {
    public static final int WIDTH = 100;
    /** The error table lists at most this many codes; the JSON report has them all. */
    static final int MAX_ERROR_ROWS = 12;
    /** The top-devices list shows at most this many. */
    static final int MAX_DEVICE_ROWS = 10;
    /** The changes list shows at most this many (related ones first). */
    static final int MAX_CHANGE_ROWS = 10;

    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";
    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String MAGENTA = "\u001b[35m";

    private final boolean colour;

    /** Plain text, no ANSI escapes. */
    public TextRenderer() {
        this(false);
    }

    /** @param colour true to colour the verdict and headings with ANSI escapes */
    public TextRenderer(boolean colour) {
        this.colour = colour;
    }

    public String render(TriageReport r) {
        List<String> out = new ArrayList<>();
        String title = r.verdict().name() + "  ·  confidence " + r.confidence() + "  ·  " + r.hub().name();
        out.add(paint(verdictColour(r.verdict()) + BOLD, PlainText.cut(title, WIDTH)));
        out.add("=".repeat(Math.min(WIDTH, PlainText.width(title))));
        out.addAll(wrap(r.headline(), WIDTH, "", ""));
        out.add("");

        field(out, "Scope", SummaryLines.scope(r));
        field(out, "Window", SummaryLines.window(r));
        // ifs rather than Optional lambdas: the CLI renders once, in a cold JVM, where each lambda costs a bootstrap
        Optional<String> logs = SummaryLines.freshness(r);
        if (logs.isPresent()) {
            field(out, "Logs", logs.get());
        }
        Optional<String> alert = SummaryLines.alert(r);
        if (alert.isPresent()) {
            field(out, "Alert", alert.get());
        }
        Optional<String> devices = SummaryLines.deviceCount(r, ", ");
        field(out, "Devices", devices.isPresent() ? "connected " + devices.get()
                : SummaryLines.notRead(r, Gap.METRICS, "metric not read"));
        field(out, "Health", SummaryLines.platform(r).orElse(SummaryLines.notRead(r, Gap.RESOURCE_HEALTH,
                "Resource Health not read")));
        for (HealthEvent e : r.platformHealth().isPresent() ? r.platformHealth().get().events() : List.<HealthEvent>of()) {
            field(out, "", SummaryLines.event(e));
        }
        Optional<String> noise = SummaryLines.noise(r.noise());
        if (noise.isPresent()) {
            field(out, "Noise", noise.get() + " (set aside)");
        }
        Optional<String> rows = SummaryLines.inputs(r);
        if (rows.isPresent()) {
            field(out, "Rows", rows.get());
        }

        errors(out, r);
        changes(out, r);
        list(out, "Findings", r.findings(), false);
        list(out, "Next steps", r.actions(), true);
        devices(out, r.topDevices());
        if (!r.gaps().isEmpty()) {
            heading(out, "Gaps");
            for (Gap g : r.gaps()) {
                out.addAll(wrap(SummaryLines.gapSource(g.source()) + ": " + g.reason(), WIDTH, "  - ", "    "));
            }
        }
        heading(out, "Links");
        if (!r.links().fullReport().isBlank()) {
            link(out, "Full report (read-only link, expires)", r.links().fullReport());
        }
        link(out, "Logs (the triage's query, window set)", r.links().logs());
        link(out, "Hub", r.links().hub());
        link(out, "Resource Health", r.links().resourceHealth());
        link(out, "Documentation", r.links().docs());
        StringBuilder text = new StringBuilder();
        for (String line : out) {
            text.append(Texts.stripTrailing(line)).append('\n');
        }
        return text.toString();
    }

    private void errors(List<String> out, TriageReport r) {
        heading(out, "Errors");
        if (r.errors().isEmpty()) {
            out.add("  " + SummaryLines.noErrors(r));
            return;
        }
        out.add(paint(DIM, "  " + padRight("CODE", 8) + padRight("NAME", 36) + padRight("FAMILY", 20)
                + padLeft("DEVICES", 9) + padLeft("EVENTS", 10) + padLeft("BASELINE", 12)));
        List<ErrorLine> shown = first(r.errors(), MAX_ERROR_ROWS);
        for (ErrorLine e : shown) {
            String baseline = ReportFacts.baselineCount(e) + (e.unusual() ? " !" : "  ");
            out.add("  " + column(e.code(), 8) + column(e.name(), 36) + column(SummaryLines.family(e.family()), 20)
                    + padLeft(ReportFormat.count(e.devices()), 9) + padLeft(ReportFormat.count(e.events()), 10)
                    + padLeft(baseline, 12));
            if (!e.meaning().isBlank()) {
                out.add(paint(DIM, "          " + PlainText.cut(e.meaning(), WIDTH - 10)));
            }
        }
        List<String> notes = new ArrayList<>();
        if (r.errors().size() > shown.size()) {
            notes.add(ReportFormat.plural(r.errors().size() - shown.size(), "more code") + " in the JSON report");
        }
        if (anyUnusual(shown)) {
            notes.add("! = well above this hub's usual rate");
        }
        if (!notes.isEmpty()) {
            out.add(paint(DIM, "  " + String.join("; ", notes) + "."));
        }
    }

    private void changes(List<String> out, TriageReport r) {
        if (r.changes().isEmpty()) {
            return;
        }
        heading(out, "Changes");
        List<TriageReport.ChangeLine> shown = first(ChangeSummaries.ordered(r), MAX_CHANGE_ROWS);
        for (TriageReport.ChangeLine c : shown) {
            out.addAll(wrap(ChangeSummaries.line(c), WIDTH, "  - ", "    "));
        }
        if (r.changes().size() > shown.size()) {
            out.add(paint(DIM, "  " + ReportFormat.plural(r.changes().size() - shown.size(), "more change")
                    + " in the JSON report."));
        }
    }

    private void devices(List<String> out, List<TopDevice> devices) {
        if (devices.isEmpty()) {
            return;
        }
        heading(out, "Noisiest devices");
        for (TopDevice d : first(devices, MAX_DEVICE_ROWS)) {
            out.add("  " + column(d.deviceId(), 44) + padLeft(ReportFormat.plural(d.events(), "event"), 14) + "  "
                    + PlainText.cut(String.join(", ", d.codes()), WIDTH - 62));
        }
    }

    private void list(List<String> out, String title, List<String> items, boolean numbered) {
        if (items.isEmpty()) {
            return;
        }
        heading(out, title);
        int n = 1;
        for (String item : items) {
            String first = numbered ? padLeft(n++ + ". ", 5) : "  - ";
            String rest = numbered ? "     " : "    ";
            out.addAll(wrap(item, WIDTH, first, rest));
        }
    }

    private void heading(List<String> out, String title) {
        out.add("");
        out.add(paint(BOLD, title));
    }

    private void field(List<String> out, String label, String value) {
        out.addAll(wrap(value, WIDTH, padRight(label, 10), " ".repeat(10)));
    }

    private void link(List<String> out, String label, String url) {
        if (url.isBlank()) {
            return;
        }
        out.add("  " + label + ":");
        out.add("    " + url);
    }

    private String paint(String style, String text) {
        return colour ? style + text + RESET : text;
    }

    private static String verdictColour(Verdict v) {
        return switch (v) {
            case PLATFORM_INCIDENT -> RED;
            case NO_CONNECTION_ERRORS -> GREEN;
            case NO_DIAGNOSTIC_LOGS, INSUFFICIENT_EVIDENCE -> MAGENTA;
            default -> YELLOW;
        };
    }

    private static boolean anyUnusual(List<ErrorLine> errors) {
        for (ErrorLine e : errors) {
            if (e.unusual()) {
                return true;
            }
        }
        return false;
    }

    /** The first {@code n} items (a view): a sublist, not a stream, since the text report runs in a cold JVM. */
    private static <T> List<T> first(List<T> items, int n) {
        return items.subList(0, Math.min(n, items.size()));
    }
}
