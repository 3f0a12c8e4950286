package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.ConnectionEvidence.FamilyStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The contract's verdict table, in its order. The first rule that holds decides:
 * <ol>
 *   <li>NO_DIAGNOSTIC_LOGS: the log source answered with no Connections row in the analysis or baseline window.</li>
 *   <li>PLATFORM_INCIDENT: Resource Health shows an Unavailable/Degraded spell in the window that is not
 *       user-initiated; or a service-health incident concerns the hub (see {@link HealthView}); or PLATFORM_CHANGE
 *       dominates and Resource Health does not call the window's outage user-initiated (a manual failover logs
 *       404012 too, and Resource Health's attribution is the more direct evidence).</li>
 *   <li>USER_INITIATED_HUB_CHANGE: Resource Health shows a user-initiated spell in the window.</li>
 *   <li>the family verdicts, when one family dominates: AUTHENTICATION_FAILURES, DEVICE_NETWORK_OR_KEEPALIVE,
 *       DUPLICATE_CONNECTIONS, TRANSIENT_SERVICE_ERRORS, THROTTLING_OR_QUOTA. SERVICE_TRANSIENT only reaches
 *       TRANSIENT_SERVICE_ERRORS when the hub is not unhealthy: an unhealthy hub already made the verdict
 *       PLATFORM_INCIDENT (or USER_INITIATED_HUB_CHANGE) above. When Resource Health is unknown (not read, or
 *       reporting Unknown) the verdict is still TRANSIENT_SERVICE_ERRORS, with LOW confidence and a finding that
 *       a platform incident cannot be ruled out.</li>
 *   <li>NO_CONNECTION_ERRORS: rows exist but no device is attributed to any family, or the errors cannot explain
 *       the drop (the one-tenth rule).</li>
 *   <li>MIXED: errors exist but no family dominates (an OTHER majority lands here too: the contract has no verdict
 *       for unknown codes, and MIXED names them).</li>
 *   <li>INSUFFICIENT_EVIDENCE: the log source failed and nothing above decided.</li>
 * </ol>
 *
 * <p><b>Dominance</b> is judged on distinct attributed devices, noise already removed: the largest family
 * dominates when it holds at least {@link DiagnosisOptions#dominanceShare()} of the affected devices, <i>and</i>
 * the errors can explain the drop. <b>The one-tenth rule</b>: errors explain the drop only when the affected devices
 * are at least {@link DiagnosisOptions#explainsDropShare()} of the devices that disconnected in the window (always
 * true when nothing disconnected). Checking it as part of dominance keeps a handful of failing devices from naming
 * the cause of a fleet-wide clean disconnect.
 */
final class VerdictRules {

    /** Why PLATFORM_INCIDENT was decided. */
    enum PlatformBasis { RESOURCE_HEALTH, SERVICE_HEALTH, PLATFORM_CODES }

    /**
     * @param verdict        the verdict
     * @param causes         the families whose devices the verdict is about (scope, still-offline, main code)
     * @param dominant       the dominant family, when one dominates (even when a higher rule decided)
     * @param topShare       the largest family's share of the affected devices (0 when none)
     * @param explainsDrop   the one-tenth rule's outcome
     * @param platformBasis  for PLATFORM_INCIDENT: what decided it
     */
    record Decision(Verdict verdict, List<CauseFamily> causes, Optional<CauseFamily> dominant, double topShare,
                    boolean explainsDrop, Optional<PlatformBasis> platformBasis) {
    }

    private VerdictRules() {
    }

    static Decision decide(Optional<ConnectionEvidence> connections, HealthView health, DiagnosisOptions options) {
        // Plain loops, no lambdas: this runs once per report in a cold JVM, where each lambda's first call costs
        // a bootstrap.
        FamilyStats top = null;
        List<CauseFamily> families = new ArrayList<>();
        if (connections.isPresent()) {
            for (FamilyStats f : connections.get().families()) {
                families.add(f.family());
                if (top == null || f.devices() > top.devices()) {
                    top = f;
                }
            }
        }
        List<CauseFamily> all = List.copyOf(families);
        int affected = connections.isPresent() ? connections.get().affectedDevices() : 0;
        double topShare = top != null && affected > 0 ? (double) top.devices() / affected : 0.0;
        boolean explains = connections.isPresent() && explainsDrop(connections.get(), options);
        Optional<CauseFamily> dominant = top != null && affected > 0 && topShare >= options.dominanceShare() && explains
                ? Optional.of(top.family()) : Optional.empty();

        if (connections.isPresent() && connections.get().analysisRows() == 0 && connections.get().baselineRows() == 0) {
            return new Decision(Verdict.NO_DIAGNOSTIC_LOGS, List.of(), dominant, topShare, explains, Optional.empty());
        }
        if (health.platformOutage().isPresent()) {
            return platform(all, dominant, topShare, explains, PlatformBasis.RESOURCE_HEALTH);
        }
        if (!health.incidents().isEmpty()) {
            return platform(all, dominant, topShare, explains, PlatformBasis.SERVICE_HEALTH);
        }
        // Platform-change codes (400029/400030/404012) are also what a customer's own failover or tier change logs.
        // When Resource Health says the hub's outage in the window was user-initiated, that is the better
        // explanation of those codes, so the user-initiated rule below decides instead.
        if (dominant.isPresent() && dominant.get() == CauseFamily.PLATFORM_CHANGE && health.userOutage().isEmpty()) {
            return platform(List.of(CauseFamily.PLATFORM_CHANGE), dominant, topShare, explains,
                    PlatformBasis.PLATFORM_CODES);
        }
        if (health.userOutage().isPresent()) {
            return new Decision(Verdict.USER_INITIATED_HUB_CHANGE, all, dominant, topShare, explains, Optional.empty());
        }
        if (dominant.isPresent()) {
            Optional<Verdict> v = familyVerdict(dominant.get());
            if (v.isPresent()) {
                return new Decision(v.get(), List.of(dominant.get()), dominant, topShare, explains, Optional.empty());
            }
        }
        if (connections.isPresent() && (affected == 0 || !explains)) {
            return new Decision(Verdict.NO_CONNECTION_ERRORS, List.of(), dominant, topShare, explains, Optional.empty());
        }
        if (connections.isPresent()) {
            return new Decision(Verdict.MIXED, all, dominant, topShare, explains, Optional.empty());
        }
        return new Decision(Verdict.INSUFFICIENT_EVIDENCE, List.of(), dominant, topShare, explains, Optional.empty());
    }

    /** The one-tenth rule. */
    static boolean explainsDrop(ConnectionEvidence c, DiagnosisOptions options) {
        int disconnected = c.disconnectedDevices();
        return disconnected == 0 || c.affectedDevices() >= options.explainsDropShare() * disconnected;
    }

    private static Decision platform(List<CauseFamily> causes, Optional<CauseFamily> dominant, double topShare,
                                     boolean explains, PlatformBasis basis) {
        return new Decision(Verdict.PLATFORM_INCIDENT, causes, dominant, topShare, explains, Optional.of(basis));
    }

    /** The verdict a dominant family stands for; OTHER (and PLATFORM_CHANGE, handled earlier) have none. */
    static Optional<Verdict> familyVerdict(CauseFamily family) {
        return Optional.ofNullable(switch (family) {
            case AUTHENTICATION -> Verdict.AUTHENTICATION_FAILURES;
            case NETWORK_OR_KEEPALIVE -> Verdict.DEVICE_NETWORK_OR_KEEPALIVE;
            case DUPLICATE_CONNECTION -> Verdict.DUPLICATE_CONNECTIONS;
            case SERVICE_TRANSIENT -> Verdict.TRANSIENT_SERVICE_ERRORS;
            case THROTTLING_OR_QUOTA -> Verdict.THROTTLING_OR_QUOTA;
            case PLATFORM_CHANGE -> Verdict.PLATFORM_INCIDENT;
            case OTHER -> null;
        });
    }

    /** The family a family verdict is about. */
    static Optional<CauseFamily> familyOf(Verdict v) {
        for (CauseFamily f : CauseFamily.values()) {
            if (familyVerdict(f).orElse(null) == v && f != CauseFamily.PLATFORM_CHANGE) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
