package io.iothubtriage.dispatch;

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

    /** The full triage card. */
    record FullCard(TriageReport report, boolean possibleRepeat) implements Notice {
        public FullCard {
            Objects.requireNonNull(report, "report");
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

    /** Automatic triage gave up: the alert's essentials and where to look by hand. */
    record TriageFailed(FailedAlert alert, String reason, boolean possibleRepeat) implements Notice {
        public TriageFailed {
            Objects.requireNonNull(alert, "alert");
            reason = reason == null ? "" : reason;
        }
    }
}
