package io.iothubtriage.notify;

import io.iothubtriage.alert.AlertIdentity;
import io.iothubtriage.alert.MetricCondition;
import io.iothubtriage.diagnosis.EvidenceAge;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.diagnosis.Verdict;
import io.iothubtriage.evidence.Dimension;
import io.iothubtriage.evidence.Gap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The facts of a report in plain words, shared by the Teams and Slack renderers so both say exactly the same
 * thing. Every method returns raw text (no markup, no escaping); the renderers escape for their channel.
 */
final class ReportFacts {

    private ReportFacts() {
    }

    /** "312 of 1,204 active devices, mostly behind 203.0.113.XXX". */
    static String scope(TriageReport r) {
        TriageReport.Scope s = r.scope();
        String ofActive = Texts.count(s.affectedDevices()) + " of " + Texts.plural(s.activeDevices(), "active device",
                "active devices");
        return switch (s.kind()) {
            case NONE -> s.activeDevices() == 0
                    ? (r.verdict() == Verdict.NO_DIAGNOSTIC_LOGS ? "Unknown: the logs hold no Connections rows"
                    : SummaryLines.logsNotRead(r) ? "Unknown: " + SummaryLines.whyLogsUnknown(r)
                    : "No device activity in the logs")
                    : "No device attributed to a cause (" + Texts.count(s.activeDevices()) + " active)";
            case SINGLE_DEVICE -> s.value().map(v -> "1 device (" + deviceId(v) + ")").orElse("1 device")
                    + " of " + Texts.count(s.activeDevices()) + " active";
            // ifs rather than Optional lambdas: the demo's scope is a subset, rendered once in a cold JVM
            case SUBSET -> ofActive + (s.dimension().isPresent() && s.value().isPresent()
                    ? ", " + concentration(s.dimension().get(), Texts.truncate(Texts.oneLine(s.value().get()), 64))
                    : ", a subset sharing one property");
            case FLEET -> ofActive + ", across the fleet";
        };
    }

    static boolean hasGap(TriageReport r, String source) {
        for (Gap g : r.gaps()) {
            if (g.source().equals(source)) {
                return true;
            }
        }
        return false;
    }

    private static String concentration(Dimension d, String value) {
        return switch (d) {
            case MASKED_IP_ADDRESS -> "mostly behind " + value;
            case PROTOCOL -> "mostly on protocol " + value;
            case AUTH_TYPE -> "mostly with auth type " + value;
            case SDK_VERSION -> "mostly on SDK " + value;
        };
    }

    /**
     * "1,198 → 611 at 10:44 (down 49%); now 640 of 1,250 registered" ("last value at 10:49 UTC: 640 of …" when the
     * metric ended long before the check), or empty when the metric was not read.
     */
    static Optional<String> deviceDrop(TriageReport r) {
        if (r.deviceCount().isEmpty()) {
            return Optional.empty();
        }
        TriageReport.DeviceCount d = r.deviceCount().get();
        List<String> parts = new ArrayList<>();
        if (d.before().isPresent() && d.min().isPresent()) {
            double before = d.before().getAsDouble();
            double min = d.min().getAsDouble();
            StringBuilder drop = new StringBuilder(Texts.count(before) + " → " + Texts.count(min));
            if (d.minAt().isPresent()) {
                drop.append(" at ").append(Texts.time(d.minAt().get()));
            }
            if (before > 0 && min < before) {
                long pct = Math.round(100.0 * (before - min) / before);
                drop.append(" (down ").append(pct == 0 ? "<1" : pct).append("%)");
            }
            parts.add(drop.toString());
        } else if (d.min().isPresent()) {
            parts.add("lowest " + Texts.count(d.min().getAsDouble()));
        }
        if (d.now().isPresent()) {
            EvidenceAge age = EvidenceAge.of(r);
            String now = age.current(d.nowAt()) ? "now " + Texts.count(d.now().getAsDouble())
                    : "last value at " + age.at(d.nowAt().get()) + ": " + Texts.count(d.now().getAsDouble());
            if (d.registered().isPresent()) {
                now += " of " + Texts.count(d.registered().getAsDouble()) + " registered";
            }
            parts.add(now);
        } else if (d.registered().isPresent()) {
            parts.add(Texts.count(d.registered().getAsDouble()) + " registered");
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }

    /** "connectedDeviceCount < 900, observed 611", or empty without a metric alert. */
    static Optional<String> alertMetric(TriageReport r) {
        // ifs and loops in this class, not lambdas: every card and page reads it once, in a cold JVM for the CLI
        return r.alert().isPresent() && r.alert().get().metric().isPresent()
                ? Optional.of(metric(r.alert().get().metric().get())) : Optional.empty();
    }

    static String metric(MetricCondition m) {
        return rule(m) + (m.value().isPresent() ? ", observed " + Texts.count(m.value().getAsDouble()) : "");
    }

    /** "connectedDeviceCount < 900": the rule's condition without the observed value. */
    static String rule(MetricCondition m) {
        StringBuilder sb = new StringBuilder(m.name().isEmpty() ? "metric" : m.name());
        if (m.threshold().isPresent()) {
            sb.append(' ').append(operator(m.operator())).append(' ').append(Texts.count(m.threshold().getAsDouble()));
        }
        return sb.toString();
    }

    private static String operator(String op) {
        return switch (op.toLowerCase(Locale.ROOT)) {
            case "lessthan", "lowerthan" -> "<";
            case "lessthanorequal", "lowerthanorequal" -> "<=";
            case "greaterthan" -> ">";
            case "greaterthanorequal" -> ">=";
            case "equals", "equal" -> "=";
            default -> op.isEmpty() ? "vs" : op;
        };
    }

    /** "Sev2 · rule-name · fired 10:41 UTC", or the report's own time line without an alert. */
    static String context(TriageReport r) {
        if (r.alert().isEmpty()) {
            return "Manual triage · " + Texts.dateTime(r.generatedAt()) + " UTC";
        }
        AlertIdentity a = r.alert().get();
        List<String> parts = new ArrayList<>();
        if (!a.severity().isEmpty()) {
            parts.add(a.severity());
        }
        if (!a.rule().isEmpty()) {
            parts.add(a.rule());
        }
        parts.add(a.condition().wire().toLowerCase(Locale.ROOT) + " " + Texts.dateTime(a.firedAt()) + " UTC");
        return Texts.oneLine(String.join(" · ", parts));
    }

    /** "Available", "Unavailable (platform): summary · 1 service event: title", or why it is unknown. */
    static String health(TriageReport r) {
        if (r.platformHealth().isEmpty()) {
            return r.gaps().stream().filter(g -> g.source().equals(Gap.RESOURCE_HEALTH)).findFirst()
                    .map(g -> "Unknown: " + g.reason()).orElse("Unknown: not read");
        }
        TriageReport.PlatformHealth p = r.platformHealth().get();
        StringBuilder sb = new StringBuilder(p.availabilityState().isEmpty() ? "Unknown" : p.availabilityState());
        boolean down = !p.availabilityState().equalsIgnoreCase("Available") && !p.availabilityState().isEmpty();
        if (down) {
            sb.append(p.userInitiated() ? " (user-initiated)" : " (not user-initiated)");
        }
        // Resource Health's summary only matters when the hub is not Available ("There aren't any known…").
        if (down && !p.summary().isEmpty()) {
            sb.append(": ").append(Texts.oneLine(p.summary()));
        }
        if (!p.events().isEmpty()) {
            TriageReport.HealthEvent e = p.events().get(0);
            sb.append(" · ").append(Texts.plural(p.events().size(), "service event", "service events"));
            if (!e.title().isEmpty()) {
                sb.append(": ").append(Texts.oneLine(e.title()));
                if (!e.status().isEmpty()) {
                    sb.append(" (").append(e.status()).append(')');
                }
            }
            if (p.events().size() > 1) {
                sb.append(" and ").append(p.events().size() - 1).append(" more");
            }
        }
        return sb.toString();
    }

    /** "18 devices renewing SAS tokens; 3 at the edge of the data", or empty when nothing was set aside. */
    static Optional<String> noise(TriageReport r) {
        TriageReport.NoiseSummary n = r.noise();
        List<String> parts = new ArrayList<>();
        if (n.sasRenewalDevices() > 0) {
            parts.add(Texts.plural(n.sasRenewalDevices(), "device", "devices") + " renewing SAS tokens");
        }
        if (n.edgeOfDataDevices() > 0) {
            parts.add(Texts.count(n.edgeOfDataDevices()) + " at the edge of the data");
        }
        if (n.sideEffectDuplicateDevices() > 0) {
            parts.add(Texts.count(n.sideEffectDuplicateDevices()) + " with duplicate-connection side effects");
        }
        if (n.chronicDevices() > 0) {
            parts.add(Texts.count(n.chronicDevices()) + " chronically failing");
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }

    /** "Resource Health: timed out after 10 s". */
    static String gap(Gap g) {
        String source = switch (g.source()) {
            case Gap.CONNECTION_LOGS -> "Connection logs";
            case Gap.RESOURCE_HEALTH -> "Resource Health";
            case Gap.METRICS -> "Device-count metric";
            default -> g.source();
        };
        String reason = Texts.oneLine(g.reason());
        return source + ": " + (reason.isEmpty() ? "no reason given" : reason);
    }

    /** "312 devices · 1,877 events (41 in baseline)", or "(no baseline)" when the logs held none. */
    static String errorCounts(TriageReport.ErrorLine e) {
        return Texts.plural(e.devices(), "device", "devices") + " · " + Texts.plural(e.events(), "event", "events")
                + " (" + inBaseline(e) + (e.unusual() ? ", unusual" : "") + ")";
    }

    /** "41 in baseline", or "no baseline" when the logs held none (never "0": it would read as "never before"). */
    static String inBaseline(TriageReport.ErrorLine e) {
        return e.baselineEvents().isPresent() ? Texts.count(e.baselineEvents().getAsLong()) + " in baseline"
                : "no baseline";
    }

    /** The baseline column's figure: "1,204", or "–" when the logs held no baseline. */
    static String baselineCount(TriageReport.ErrorLine e) {
        return e.baselineEvents().isPresent() ? Texts.count(e.baselineEvents().getAsLong()) : "–";
    }

    /** The code's meaning, or its logged name for an unknown code. */
    static String errorMeaning(TriageReport.ErrorLine e) {
        String meaning = Texts.oneLine(e.meaning());
        String name = Texts.oneLine(e.name());
        return meaning.isEmpty() ? "Not in the catalog; logged as " + (name.isEmpty() ? "(no description)" : name)
                : meaning;
    }

    /** The code's name, or its family when the log gave none. */
    static String errorName(TriageReport.ErrorLine e) {
        String name = Texts.oneLine(e.name());
        return name.isEmpty() ? e.family().name() : name;
    }

    /** The items on one line each, blank ones left out (they would render as empty elements). */
    static List<String> items(List<String> raw) {
        List<String> items = new ArrayList<>();
        for (String s : raw) {
            String line = Texts.oneLine(s);
            if (!line.isEmpty()) {
                items.add(line);
            }
        }
        return List.copyOf(items);
    }

    /** The headline on one line; the verdict in words if the report has none. */
    static String headline(TriageReport r) {
        String h = Texts.oneLine(r.headline());
        return h.isEmpty() ? VerdictWording.title(r.verdict()) + "." : h;
    }

    /** A device id on one line, at most 64 characters (ids up to 128 do not wrap in a fact's narrow column). */
    static String deviceId(String id) {
        String s = Texts.oneLine(id);
        return s.isEmpty() ? "(blank id)" : Texts.truncate(s, 64);
    }

    /** "and 3 more codes" style tails. */
    static String andMore(int n, String one, String many) {
        return "and " + Texts.count(n) + " more " + (n == 1 ? one : many);
    }

    /** The hub's display name: its name, which the ARM id pattern bounds to 50 characters. */
    static String hubName(TriageReport r) {
        return r.hub().name();
    }

    /**
     * The complete one-line summary: the notification text on phones and the card's fallback text.
     * E.g. "[Sev2] contoso-hub: Devices lost network or keep-alive (high confidence). 312 devices behind … ".
     */
    static String summaryLine(TriageReport r) {
        String sev = r.alert().isEmpty() || r.alert().get().severity().isEmpty() ? ""
                : "[" + r.alert().get().severity() + "] ";
        return Texts.oneLine(sev + hubName(r) + ": " + VerdictWording.title(r.verdict()) + " ("
                + VerdictWording.confidence(r.confidence()) + "). " + Texts.truncate(headline(r), 400) + " Scope: "
                + scope(r) + ".");
    }
}
