package io.iothubtriage.notify;

import io.iothubtriage.alert.AlertIdentity;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.diagnosis.Verdict;

import java.util.Objects;
import java.util.Optional;

/**
 * What is posted to a destination. Each kind may be marked as a possible repeat: an earlier post of the same
 * notification may have arrived (a webhook cannot say whether an interrupted post did), so the reader is told.
 */
public sealed interface Notice {

    boolean possibleRepeat();

    /** The full triage card; {@code manualRerun} when a person asked for it on the rerun endpoint. */
    record FullCard(TriageReport report, boolean manualRerun, boolean possibleRepeat) implements Notice {
        public FullCard {
            Objects.requireNonNull(report, "report");
        }

        public FullCard(TriageReport report, boolean possibleRepeat) {
            this(report, false, possibleRepeat);
        }
    }

    /** "Still ongoing, fired N times": same hub, same verdict within the suppression window. */
    record RepeatUpdate(TriageReport report, Verdict verdict, int firedCount, boolean possibleRepeat)
            implements Notice {
        public RepeatUpdate {
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(verdict, "verdict");
        }
    }

    /** The alert resolved; the verdict of its fired triage when the ledger knows it. */
    record Resolved(HubId hub, AlertIdentity alert, Optional<Verdict> firedVerdict, boolean possibleRepeat)
            implements Notice {
        public Resolved {
            Objects.requireNonNull(hub, "hub");
            Objects.requireNonNull(alert, "alert");
            firedVerdict = firedVerdict == null ? Optional.empty() : firedVerdict;
        }
    }

    /**
     * The card reached this destination but another one refused it for good (a deleted Workflow, a rejected card):
     * the people here are told, so the others can be fixed.
     */
    record Fallback(FailedAlert alert, String refusedKind, String reason, boolean possibleRepeat) implements Notice {
        public Fallback {
            Objects.requireNonNull(alert, "alert");
            refusedKind = refusedKind == null ? "" : refusedKind;
            reason = reason == null ? "" : reason;
        }
    }

    /**
     * A test or stale notification of a rule arrived (fired more than 24 h before it was received, or in the
     * future, as the portal's "test action group" sends it): not triaged as a live incident.
     */
    record TestOrStale(FailedAlert alert, boolean possibleRepeat) implements Notice {
        public TestOrStale {
            Objects.requireNonNull(alert, "alert");
        }
    }

    /** Automatic triage gave up: the alert's essentials and where to look by hand. */
    record TriageFailed(FailedAlert alert, String reason, boolean possibleRepeat) implements Notice {
        public TriageFailed {
            Objects.requireNonNull(alert, "alert");
            reason = reason == null ? "" : reason;
        }
    }
}
