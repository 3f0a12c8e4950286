package io.iothubtriage.diagnosis;

import io.iothubtriage.diagnosis.VerdictRules.PlatformBasis;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence.CodeStats;
import io.iothubtriage.evidence.Gap;
import io.iothubtriage.evidence.Inputs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.iothubtriage.diagnosis.ReportFormat.count;
import static io.iothubtriage.diagnosis.ReportFormat.percent;

/**
 * How sure the verdict is. Confidence starts HIGH; each rule below that holds caps it, and the report states the
 * reasons of the lowest cap. The rules (docs/diagnosis.md lists the same):
 * <ul>
 *   <li>INSUFFICIENT_EVIDENCE is LOW.</li>
 *   <li>Connection logs missing, verdict decided by Resource Health alone: MEDIUM (the devices are unknown).</li>
 *   <li>Connection logs only partly read (a gap next to the evidence other than unreadable rows): MEDIUM.</li>
 *   <li>Unreadable error rows in the window at least {@link #UNREADABLE_SHARE} of its error rows, or able to change
 *       the verdict ({@code Analysis#unreadableCouldChangeVerdict}): LOW.</li>
 *   <li>Resource Health missing or reporting Unknown: TRANSIENT_SERVICE_ERRORS drops to LOW (a platform incident
 *       cannot be ruled out, and that is exactly what would change it); every other verdict but
 *       NO_DIAGNOSTIC_LOGS to MEDIUM.</li>
 *   <li>The dominant share below {@code dominanceShare + dominanceMargin}: MEDIUM.</li>
 *   <li>Fewer affected devices than {@code smallSampleDevices}: MEDIUM.</li>
 *   <li>The main code at its usual rate compared with the baseline: MEDIUM (the drop may be ordinary churn).</li>
 *   <li>MIXED: at most MEDIUM; LOW when even the largest family holds under 40 % of affected devices. When codes of
 *       no cause family (OTHER) hold the majority, the reason says so rather than that no cause has one.</li>
 *   <li>PLATFORM_INCIDENT on a service-health event alone: MEDIUM; when the devices' errors point elsewhere
 *       (AUTHENTICATION or THROTTLING_OR_QUOTA dominates): MEDIUM.</li>
 *   <li>PLATFORM_INCIDENT, USER_INITIATED_HUB_CHANGE or TRANSIENT_SERVICE_ERRORS whose devices' errors are confined
 *       to a SUBSET scope, or to one device of several: MEDIUM, the reason naming both sides
 *       ({@link #confinedHubWideVerdict}).</li>
 *   <li>NO_CONNECTION_ERRORS: LOW when the window has no Connections row at all (logs can land late); MEDIUM when
 *       the metric could not be read or devices' errors at the edge of the data could still change it.</li>
 * </ul>
 */
final class ConfidenceRules {

    /**
     * @param missing what the report lacks (gaps) although it did not lower the confidence: the sentence then says
     *                it could not have changed the verdict, never that the evidence is complete
     */
    record Assessment(Confidence level, List<String> reasons, List<String> missing) {
        /** "Confidence MEDIUM: reason; reason." */
        String sentence() {
            if (reasons.isEmpty() && missing.isEmpty()) {
                return "Confidence " + level + ": the evidence is complete and points one way.";
            }
            if (reasons.isEmpty()) {
                return "Confidence " + level + ": the evidence points one way; what is missing ("
                        + String.join(", ", missing) + ") could not have changed this verdict.";
            }
            return "Confidence " + level + ": " + String.join("; ", reasons) + ".";
        }
    }

    /**
     * Unreadable error rows at or above this share of the window's error rows lower the confidence to LOW (the
     * contract's 5 %), as do any number of them that could change the verdict.
     */
    static final double UNREADABLE_SHARE = 0.05;

    private ConfidenceRules() {
    }

    static Assessment assess(Analysis a) {
        Verdict v = a.decision.verdict();
        List<Cap> caps = new ArrayList<>();
        String logsMissing = a.covered ? "the connection logs could not be read"
                : a.partlyCovered() ? "the logs given do not cover the whole window"
                : "the logs given do not cover the window";
        if (v == Verdict.INSUFFICIENT_EVIDENCE) {
            caps.add(new Cap(Confidence.LOW, logsMissing + ", so no cause can be named"));
        }
        if (a.connections.isEmpty() && (v == Verdict.PLATFORM_INCIDENT || v == Verdict.USER_INITIATED_HUB_CHANGE)) {
            caps.add(new Cap(Confidence.MEDIUM, logsMissing + ", so which devices were hit is unknown"));
        }
        if (a.connections.isPresent() && a.partlyCovered()) {
            // a cause seen in the minutes the export holds; what the rest of the window held is not known
            caps.add(new Cap(Confidence.MEDIUM, "the logs given cover only part of the window ("
                    + a.coverage.get().reason() + "), so the rest of it is not known"));
        }
        List<Gap> partial = new ArrayList<>();
        for (Gap g : a.otherLogGaps()) {
            if (a.coverage.isEmpty() || !g.reason().equals(a.coverage.get().reason())) { // else said just above
                partial.add(g);
            }
        }
        if (a.connections.isPresent() && !partial.isEmpty()) {
            caps.add(new Cap(Confidence.MEDIUM, "the connection logs were only partly read ("
                    + partial.get(0).reason() + ")"));
        }
        // ifs and loops, not Optional lambdas or streams, on every report's path (a cold JVM for the CLI)
        // one rule (Analysis#unreadableWeight) for this cap and for the unreadable-rows finding
        long unreadable = a.inputs.isPresent() ? a.inputs.get().unreadableWindowErrors() : 0L;
        switch (a.unreadableWeight()) {
            case COULD_CHANGE_VERDICT -> caps.add(new Cap(Confidence.LOW, count(unreadable) + " error rows in the "
                    + "window could not be read and are attributed to no device, enough to change the verdict"));
            case LARGE_SHARE -> caps.add(new Cap(Confidence.LOW, count(unreadable) + " error rows in the window ("
                    + percent((double) unreadable / a.windowErrorRows()) + " of them) could not be read"));
            case SLIGHT -> {
            }
        }
        boolean healthUnknown = !a.health.known() && a.health.unhealthy().isEmpty();
        if (healthUnknown && v != Verdict.NO_DIAGNOSTIC_LOGS && v != Verdict.INSUFFICIENT_EVIDENCE) {
            String why = a.health.present() ? "Resource Health reports the hub's state as Unknown"
                    : a.healthMissing();
            if (v == Verdict.TRANSIENT_SERVICE_ERRORS) {
                caps.add(new Cap(Confidence.LOW, why + ", so these hub-side errors may be a platform incident"));
            } else if (v == Verdict.PLATFORM_INCIDENT) {
                // the verdict is the platform already: what health would tell is whose change it was
                caps.add(new Cap(Confidence.MEDIUM, why + ", so whether the platform or a user (a manual failover, a"
                        + " scale or a restart) caused it cannot be told"));
            } else {
                caps.add(new Cap(Confidence.MEDIUM, why + ", so a platform incident cannot be ruled out"));
            }
        }
        boolean familyVerdict = VerdictRules.familyOf(v).isPresent()
                || a.decision.platformBasis().orElse(null) == PlatformBasis.PLATFORM_CODES;
        if (familyVerdict) {
            double share = a.decision.topShare();
            if (share < a.options.dominanceShare() + a.options.dominanceMargin()) {
                caps.add(new Cap(Confidence.MEDIUM, "the cause covers " + percent(share)
                        + " of affected devices, close to the " + percent(a.options.dominanceShare()) + " threshold"));
            }
            if (a.affected() < a.options.smallSampleDevices()) {
                caps.add(new Cap(Confidence.MEDIUM, "only " + ReportFormat.devices(a.affected()) + " affected"));
            }
            Optional<CodeStats> main = a.causeCodes.isEmpty() ? Optional.empty() : Optional.of(a.causeCodes.get(0));
            if (main.isPresent() && a.baseline.available() && !a.baseline.unusual(main.get())
                    && a.baseline.windowEvents(main.get()) >= a.options.unusualMinEvents()) {
                caps.add(new Cap(Confidence.MEDIUM, main.get().code() + " runs at about its usual rate, so the drop "
                        + "may be ordinary churn"));
            }
        }
        if (v == Verdict.MIXED) {
            double share = a.decision.topShare();
            if (a.decision.dominant().orElse(null) == CauseFamily.OTHER) {
                // one group holds the majority, but of codes no cause family stands for: that, not a split, is why
                caps.add(new Cap(Confidence.MEDIUM, otherCodesReason(a, share)));
            } else {
                caps.add(share < 0.4
                        ? new Cap(Confidence.LOW, "no cause covers even " + percent(0.4) + " of affected devices")
                        : new Cap(Confidence.MEDIUM, "no cause covers a clear majority of affected devices"));
            }
        }
        if (v == Verdict.PLATFORM_INCIDENT) {
            if (a.decision.platformBasis().orElse(null) == PlatformBasis.SERVICE_HEALTH) {
                caps.add(new Cap(Confidence.MEDIUM, "only a regional service-health event points at the platform; "
                        + "Resource Health shows no outage of this hub"));
            }
            Optional<CauseFamily> d = a.decision.dominant();
            if (d.isPresent() && (d.get() == CauseFamily.AUTHENTICATION || d.get() == CauseFamily.THROTTLING_OR_QUOTA)) {
                caps.add(new Cap(Confidence.MEDIUM, "most affected devices fail with " + Wording.familyWords(d.get())
                        + " errors, which a platform incident does not usually cause"));
            }
        }
        if (v == Verdict.DUPLICATE_CONNECTIONS && a.singleTakeovers() > 0) {
            caps.add(new Cap(Confidence.MEDIUM, "each device was taken over once and not again, as when devices"
                    + " reconnect before the hub drops their old link"));
        }
        Optional<String> confined = confinedHubWideVerdict(a);
        if (confined.isPresent()) {
            caps.add(new Cap(Confidence.MEDIUM, confined.get()));
        }
        if (v == Verdict.NO_CONNECTION_ERRORS) {
            if (a.connections.map(c -> c.analysisRows() == 0).orElse(false)) {
                caps.add(new Cap(Confidence.LOW, "the window has no Connections rows at all; resource logs can land "
                        + "minutes late"));
            }
            if (a.deviceCount.isEmpty()) {
                caps.add(new Cap(Confidence.MEDIUM, a.notGiven(Gap.METRICS)
                        ? "no connected-devices metric file was given" : "the connected-devices metric could not be read"));
            }
            if (Clauses.fellBeforeWindow(a)) {
                caps.add(new Cap(Confidence.MEDIUM, "connected devices fell before the window began, so its rows do not"
                        + " show what took them"));
            }
            if (a.edgeCouldExplainDrop()) {
                caps.add(new Cap(Confidence.MEDIUM, ReportFormat.devices(a.edgeOfData())
                        + " had errors too recent to judge, enough to change the verdict"));
            }
        }
        Confidence level = null;
        for (Cap c : caps) {
            if (level == null || c.level().compareTo(level) > 0) {
                level = c.level();
            }
        }
        level = level == null ? Confidence.HIGH : level;
        List<String> reasons = new ArrayList<>();
        for (Cap c : caps) {
            if (c.level() == level) {
                reasons.add(c.reason());
            }
        }
        List<String> missing = new ArrayList<>();
        for (Gap g : a.evidence.gaps()) {
            boolean unreadableRows = g.kind() == Gap.Kind.UNREADABLE_ROWS;
            String what = unreadableRows ? a.inputs.map(in -> count(in.unreadable()) + " unreadable rows").orElse("")
                    : Wording.sourceWords(g.source());
            if (!missing.contains(what)) {
                missing.add(what);
            }
        }
        if (a.connections.isPresent() && a.baseline.tooShort()) {
            missing.add("a baseline long enough to tell the usual error rates"); // never "the evidence is complete"
        }
        return new Assessment(level, List.copyOf(reasons), List.copyOf(missing));
    }

    /**
     * A hub-wide verdict (a platform incident, a failover or tier change) whose devices' errors are confined to one
     * site, protocol, credential or SDK (a SUBSET scope), or to one device of several: an outage of the hub would
     * reach devices everywhere, so the logs and the verdict's evidence disagree. The reason names both sides:
     * "Resource Health reports the hub Unavailable, but the connection errors are confined to the devices behind
     * 203.0.113.XXX (60 of 258 active devices)".
     */
    static Optional<String> confinedHubWideVerdict(Analysis a) {
        Verdict v = a.decision.verdict();
        if (v != Verdict.PLATFORM_INCIDENT && v != Verdict.USER_INITIATED_HUB_CHANGE
                && v != Verdict.TRANSIENT_SERVICE_ERRORS) {
            return Optional.empty();
        }
        TriageReport.Scope s = a.scope;
        String where;
        if (s.kind() == ScopeKind.SUBSET) {
            where = "the devices " + Wording.dimensionPhrase(s.dimension().get(), s.value().get());
        } else if (s.kind() == ScopeKind.SINGLE_DEVICE && s.activeDevices() > 1) {
            where = s.value().isPresent() ? "one device, " + s.value().get() : "one device";
        } else {
            return Optional.empty();
        }
        String claim;
        if (v == Verdict.TRANSIENT_SERVICE_ERRORS) {
            // the hub's own faults (5xx) reach whichever devices are connected, wherever they are
            claim = "the codes are the hub's own faults";
        } else if (v == Verdict.USER_INITIATED_HUB_CHANGE) {
            claim = "Resource Health reports the hub " + a.health.userOutage().get().status().availabilityState()
                    + " for a user-initiated change";
        } else {
            claim = switch (a.decision.platformBasis().orElseThrow()) {
                case RESOURCE_HEALTH -> "Resource Health reports the hub "
                        + a.health.platformOutage().get().status().availabilityState();
                case SERVICE_HEALTH -> "a service-health incident points at the platform";
                case PLATFORM_CODES -> "the codes point at a platform upgrade or failover";
            };
        }
        return Optional.of(claim + ", but the connection errors are confined to " + where + " ("
                + count(s.affectedDevices()) + " of " + count(s.activeDevices()) + " active devices), while "
                + (v == Verdict.TRANSIENT_SERVICE_ERRORS ? "a fault of the hub would reach devices everywhere"
                : "an outage or change of the whole hub would reach devices everywhere"));
    }

    /**
     * MIXED because codes of no cause family (OTHER) hold the majority: "404199, on 100 % of affected devices, is a
     * code the catalog does not know, so it names no cause", or for a catalogued code outside the cause families
     * "404001 DeviceNotFound, on 100 % of affected devices, is in none of the connection-cause families".
     */
    private static String otherCodesReason(Analysis a, double share) {
        List<CodeStats> other = a.codesOf(CauseFamily.OTHER);
        int known = 0;
        for (CodeStats c : other) {
            if (ErrorCatalog.lookup(c.code()).isPresent()) {
                known++;
            }
        }
        String codes = other.isEmpty() ? "codes" : other.size() == 1
                ? ErrorCatalog.describe(other.get(0).code(), other.get(0).description()).label()
                : Clauses.codeList(other, 3) + (other.size() > 3 ? " and " + (other.size() - 3) + " more" : "");
        String on = ", on " + percent(share) + " of affected devices, ";
        boolean one = other.size() == 1;
        if (known == 0) {
            return codes + on + (one ? "is a code" : "are codes") + " the catalog does not know, so "
                    + (one ? "it names" : "they name") + " no cause";
        }
        return codes + on + (one ? "is" : "are") + " in none of the connection-cause families, so no verdict "
                + (one ? "names it" : "names them");
    }

    private record Cap(Confidence level, String reason) {
    }
}
