package io.iothubtriage.notify;

import io.iothubtriage.alert.AlertIdentity;
import io.iothubtriage.alert.MetricCondition;
import io.iothubtriage.diagnosis.EvidenceAge;
import io.iothubtriage.diagnosis.ReportFormat;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.diagnosis.TriageReport.DeviceCount;
import io.iothubtriage.diagnosis.TriageReport.HealthEvent;
import io.iothubtriage.diagnosis.TriageReport.NoiseSummary;
import io.iothubtriage.diagnosis.TriageReport.PlatformHealth;
import io.iothubtriage.diagnosis.TriageReport.Scope;
import io.iothubtriage.diagnosis.Verdict;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.Coverage;
import io.iothubtriage.evidence.Gap;
import io.iothubtriage.evidence.Inputs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.iothubtriage.diagnosis.ReportFormat.count;

/**
 * The one-line summaries the text and Markdown renderers share (scope, window, alert, device count, platform
 * health, noise), so both say the same thing in the same words. Values are raw: each renderer escapes its own.
 */
final class SummaryLines {

    private SummaryLines() {
    }

    /** What the Errors section says when it lists no code: none beyond noise, or not known. */
    static String noErrors(TriageReport r) {
        if (r.verdict() == Verdict.NO_DIAGNOSTIC_LOGS) {
            return "None to list: the logs hold no Connections rows of this hub.";
        }
        return logsNotRead(r) ? "Not known: " + whyLogsUnknown(r) + " (see Gaps)."
                : "No connection errors besides noise.";
    }

    /**
     * Why nothing is known from the connection logs, when {@link #logsNotRead}: they were not read, or they were
     * read (the report counts their rows) and hold no row of this hub, or cover another time or part of the window.
     */
    static String whyLogsUnknown(TriageReport r) {
        if (r.inputs().isEmpty() || r.inputs().get().rows() == 0) {
            return "the connection logs were not read";
        }
        Inputs in = r.inputs().get();
        if (in.first().isEmpty() || in.last().isEmpty()) {
            return "the logs given hold no rows of this hub";
        }
        boolean overlaps = !in.last().get().isBefore(r.window().start()) && in.first().get().isBefore(r.window().end());
        return overlaps ? "the logs given cover only part of the window" : "the logs given cover another time";
    }

    /** What a renderer says of Resource Health or the metric when the report has none: not read, or of another time. */
    static String notRead(TriageReport r, String source, String otherwise) {
        for (Gap g : r.gaps()) {
            if (g.source().equals(source) && Coverage.ofAnotherTime(g)) {
                return (source.equals(Gap.METRICS) ? "the metrics file given" : "the Resource Health given")
                        + " covers another time (see Gaps)";
            }
        }
        return otherwise;
    }

    /**
     * Whether the report holds nothing from the connection logs because they could not be read: no minute of
     * timeline, no active device, no error code, and a gap of the log source saying why. Then "no errors" or "no
     * device" would be a finding the logs never made.
     */
    static boolean logsNotRead(TriageReport r) {
        if (!r.timeline().isEmpty() || r.scope().activeDevices() != 0 || !r.errors().isEmpty()) {
            return false;
        }
        for (Gap g : r.gaps()) {
            if (g.source().equals(Gap.CONNECTION_LOGS)) {
                return true;
            }
        }
        return false;
    }

    /** The scope line, or what is not known when the connection logs were not read. */
    static String scope(TriageReport r) {
        if (r.verdict() == Verdict.NO_DIAGNOSTIC_LOGS) {
            return "NONE: not known, the logs hold no Connections rows of this hub";
        }
        return logsNotRead(r) ? "NONE: not known, " + whyLogsUnknown(r) : scope(r.scope());
    }

    /** "SUBSET: 312 of 1,204 active devices, maskedIpAddress = 203.0.113.XXX". */
    static String scope(Scope s) {
        String ofActive = count(s.affectedDevices()) + " of " + count(s.activeDevices()) + " active devices";
        return switch (s.kind()) {
            case NONE -> "NONE: no device attributed to the cause (" + count(s.activeDevices()) + " active)";
            case SINGLE_DEVICE -> "SINGLE_DEVICE: " + s.value().orElse("one device") + " (1 of "
                    + count(s.activeDevices()) + " active devices)";
            case SUBSET -> "SUBSET: " + ofActive + ", " + (s.dimension().isPresent() ? s.dimension().get().wire() : "?") + " = "
                    + s.value().orElse("?");
            case FLEET -> "FLEET: " + ofActive;
        };
    }

    /** "2026-01-15 10:11–10:46 UTC", and "(cut at now: it was to end 11:00 UTC)" when it ended in the future. */
    static String window(TriageReport r) {
        String range = ReportFormat.range(r.window().start(), r.window().end());
        String day = ReportFormat.day(r.window().start());
        // here and below: ifs rather than Optional lambdas, as every renderer calls these once in a cold JVM
        Optional<Instant> end = r.freshness().isPresent() ? r.freshness().get().requestedEnd() : Optional.empty();
        // the end asked for on another day than the window's start carries its date
        String cut = end.isEmpty() ? ""
                : " (cut at now: it was to end " + (ReportFormat.day(end.get().minusNanos(1)).equals(day) ? ""
                : ReportFormat.day(end.get()) + " ") + ReportFormat.time(end.get()) + ")";
        return (range.startsWith(day) ? range : day + " " + range) + cut;
    }

    /**
     * "newest row 10:44:31 UTC, landed 10:46:02 UTC; checked 10:47:10 UTC; 48,211 rows read" (live); without the
     * ingestion time and the rows for exported files; a time on another day than the window's carries its date
     * ("checked 2026-12-03 14:15:02 UTC"). Empty without log evidence.
     */
    static Optional<String> freshness(TriageReport r) {
        if (r.freshness().isEmpty()) {
            return Optional.empty();
        }
        TriageReport.Freshness f = r.freshness().get();
        // a log source that failed (a gap of its own and nothing read; the window was cut, so the line is here)
        // would read as a hub that logged nothing if this said "no rows"
        StringBuilder b = new StringBuilder(f.newestRow().isPresent() ? "newest row " + stamp(r, f.newestRow().get())
                : r.inputs().isEmpty() && logsNotRead(r) ? "not read (see Gaps)" : "no rows");
        if (f.newestIngested().isPresent()) {
            b.append(", landed ").append(stamp(r, f.newestIngested().get()));
        }
        b.append("; checked ").append(stamp(r, f.checkedAt()));
        if (r.inputs().isPresent() && !r.inputs().get().source().equals(Inputs.FILES)) {
            Inputs in = r.inputs().get();
            b.append("; ").append(count(in.used()))
                    .append(in.source().equals(Inputs.LIVE_SUMMARY) ? " rows summarised by Log Analytics (too many to fetch)"
                            : " rows read");
        }
        return Optional.of(b.toString());
    }

    /**
     * "10:47:10 UTC" on the window's day (its first or last), else with the date: "2026-12-03 14:15:02 UTC" (a
     * rerun months later must not read as checked minutes after the incident).
     */
    private static String stamp(TriageReport r, Instant t) {
        String day = ReportFormat.day(t);
        boolean windowsDay = day.equals(ReportFormat.day(r.window().start()))
                || day.equals(ReportFormat.day(r.window().end()));
        return (windowsDay ? "" : day + " ") + ReportFormat.clockSeconds(t) + " UTC";
    }

    /** "contoso-hub connected devices low (Sev2, Fired 10:41 UTC): connectedDeviceCount LessThan 900, value 611". */
    static Optional<String> alert(TriageReport r) {
        return r.alert().isPresent() ? Optional.of(alert(r.alert().get())) : Optional.empty();
    }

    private static String alert(AlertIdentity a) {
        List<String> tags = new ArrayList<>();
        if (!a.severity().isBlank()) {
            tags.add(a.severity());
        }
        tags.add(a.condition().wire() + " " + ReportFormat.time(a.firedAt()));
        if (a.resolvedAt().isPresent()) {
            tags.add("resolved " + ReportFormat.time(a.resolvedAt().get()));
        }
        String rule = a.rule().isBlank() ? "alert" : a.rule();
        return rule + " (" + String.join(", ", tags) + ")" + (a.metric().isPresent() ? metric(a.metric().get()) : "");
    }

    private static String metric(MetricCondition m) {
        if (m.name().isBlank()) {
            return "";
        }
        StringBuilder s = new StringBuilder(": ").append(m.name());
        if (!m.operator().isBlank() && m.threshold().isPresent()) {
            s.append(' ').append(m.operator()).append(' ').append(count(m.threshold().getAsDouble()));
        }
        if (m.value().isPresent()) {
            s.append(", value ").append(count(m.value().getAsDouble()));
        }
        return s.toString();
    }

    /**
     * "1,198 before, 611 at the lowest (10:42 UTC), 640 now, 1,250 registered"; "640 at 10:49 UTC (the metric's last
     * value)" instead of "640 now" when the metric ended long before the check.
     */
    static Optional<String> deviceCount(TriageReport r, String separator) {
        if (r.deviceCount().isEmpty()) {
            return Optional.empty();
        }
        DeviceCount d = r.deviceCount().get();
        List<String> parts = new ArrayList<>();
        if (d.before().isPresent()) {
            parts.add(count(d.before().getAsDouble()) + " before");
        }
        if (d.min().isPresent()) {
            parts.add(count(d.min().getAsDouble()) + " at the lowest"
                    + (d.minAt().isPresent() ? " (" + ReportFormat.timeOnDayOf(d.minAt().get(), r.window().start()) + ")"
                    : ""));
        }
        if (d.now().isPresent()) {
            parts.add(EvidenceAge.of(r).metricNow(count(d.now().getAsDouble()), d.nowAt()));
        }
        if (d.registered().isPresent()) {
            parts.add(count(d.registered().getAsDouble()) + " registered");
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(separator, parts));
    }

    /** "Available" or "Unavailable 10:38–10:52 UTC, platform-initiated: ...", plus the number of events. */
    static Optional<String> platform(TriageReport r) {
        if (r.platformHealth().isEmpty()) {
            return Optional.empty();
        }
        PlatformHealth p = r.platformHealth().get();
        String state = p.availabilityState();
        String summary = p.summary();
        String line;
        if (summary.isBlank()) {
            line = state;
        } else if (startsWithAState(summary)) {
            // A spell in the window, in our words: say the current state first when it differs.
            line = summary.startsWith(state) ? summary : state + " now; was " + summary;
        } else {
            line = state + ": " + summary;
        }
        if (p.events().isEmpty()) {
            return Optional.of(line);
        }
        // Resource Health's own summary ends with its full stop: the list goes on after a semicolon
        return Optional.of(ReportFormat.withoutFinalStop(line) + "; "
                + ReportFormat.plural(p.events().size(), "service-health event"));
    }

    private static final List<String> STATES = List.of("Available", "Unavailable", "Degraded", "Unknown");

    /**
     * What {@code summary.matches("^(Available|Unavailable|Degraded|Unknown)\\b.*")} says, without compiling a
     * regex on every report: a state word, then the end or a non-word character, and no line break after it.
     */
    static boolean startsWithAState(String summary) {
        for (String state : STATES) {
            if (!summary.startsWith(state)) {
                continue;
            }
            int end = state.length();
            if (end < summary.length()) {
                char next = summary.charAt(end);
                if (next == '_' || Character.isLetterOrDigit(next)) {
                    continue;
                }
            }
            for (int i = end; i < summary.length(); i++) {
                char c = summary.charAt(i);
                if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** "ServiceIssue “title” (Active, from 10:35 UTC)". */
    static String event(HealthEvent e) {
        String from = e.start().isPresent() ? ", from " + ReportFormat.time(e.start().get()) : "";
        String to = e.end().isPresent() ? " to " + ReportFormat.time(e.end().get()) : "";
        return e.eventType() + " “" + e.title() + "” (" + e.status() + from + to + ")"
                + (e.id().isBlank() ? "" : " " + e.id());
    }

    /** "18 devices renewing SAS tokens, 7 at the edge of the data, 25 side-effect duplicates". */
    static Optional<String> noise(NoiseSummary n) {
        List<String> parts = new ArrayList<>();
        if (n.sasRenewalDevices() > 0) {
            parts.add(ReportFormat.devices(n.sasRenewalDevices()) + " renewing SAS tokens");
        }
        if (n.edgeOfDataDevices() > 0) {
            parts.add(count(n.edgeOfDataDevices()) + " at the edge of the data");
        }
        if (n.sideEffectDuplicateDevices() > 0) {
            parts.add(count(n.sideEffectDuplicateDevices()) + " side-effect duplicates");
        }
        if (n.chronicDevices() > 0) {
            parts.add(count(n.chronicDevices()) + " chronically failing");
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
    }

    /**
     * "96,120 of 118,204 rows used (20,311 other resources, 1,650 other categories, 96 duplicates, 27 unreadable);
     * 2026-01-15 08:00–10:41 UTC". Empty for a source that does not count its rows.
     */
    static Optional<String> inputs(TriageReport r) {
        Optional<String> line = inputs(r.inputs());
        if (line.isEmpty() || !logsNotRead(r)) {
            return line;
        }
        // the rows were read but none could be used for the window: "N of N used" would say they were
        Inputs in = r.inputs().get();
        String span = in.first().isPresent() && in.last().isPresent()
                ? "; " + Coverage.span(in.first().get(), in.last().get()) : "";
        // the JSON's inputs.used counts the rows the intake kept (this hub's, once each): said as kept, so that the
        // two agree, and none of them speaks for the window
        return Optional.of(count(in.rows()) + (in.rows() == 1 ? " row read, " : " rows read, ") + (in.used() == 0 ? "none used"
                : count(in.used()) + " kept, none usable for the window") + ": " + whyLogsUnknown(r) + span);
    }

    static Optional<String> inputs(Optional<Inputs> inputs) {
        if (inputs.isEmpty() || inputs.get().rows() == 0) {
            return Optional.empty();
        }
        Inputs in = inputs.get();
        // each count names its rows: "17,880 other categories" read as that many categories
        List<String> aside = new ArrayList<>();
        if (in.otherResources() > 0) {
            aside.add(ReportFormat.plural(in.otherResources(), "row") + " of other resources");
        }
        if (in.otherCategories() > 0) {
            aside.add(ReportFormat.plural(in.otherCategories(), "row") + " of other categories");
        }
        if (in.duplicates() > 0) {
            aside.add(ReportFormat.plural(in.duplicates(), "duplicate row"));
        }
        if (in.unreadable() > 0) {
            aside.add(ReportFormat.plural(in.unreadable(), "unreadable row"));
        }
        String used = count(in.used()) + " of " + count(in.rows()) + " rows used"
                + (aside.isEmpty() ? "" : " (set aside: " + String.join(", ", aside) + ")");
        String span = in.first().isPresent() && in.last().isPresent()
                ? "; " + Coverage.span(in.first().get(), in.last().get()) : "";
        return Optional.of(used + span);
    }

    /** Short family names for table columns. */
    static String family(CauseFamily f) {
        return switch (f) {
            case AUTHENTICATION -> "authentication";
            case NETWORK_OR_KEEPALIVE -> "network/keep-alive";
            case DUPLICATE_CONNECTION -> "duplicate";
            case SERVICE_TRANSIENT -> "hub transient";
            case PLATFORM_CHANGE -> "platform change";
            case THROTTLING_OR_QUOTA -> "throttling/quota";
            case OTHER -> "other";
        };
    }

    static String gapSource(String source) {
        return switch (source) {
            case Gap.CONNECTION_LOGS -> "Connection logs";
            case Gap.RESOURCE_HEALTH -> "Resource Health";
            case Gap.METRICS -> "Connected-devices metric";
            case Gap.CHANGES -> "Change history";
            default -> source;
        };
    }
}
