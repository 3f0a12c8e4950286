package io.iothubtriage.notify;

import io.iothubtriage.diagnosis.TriageReport;

import java.util.Objects;

/**
 * What is posted: a triage report, or the short message that an alert has resolved. {@link ChatPayloads} renders
 * either for each kind of destination; {@link Notifier} delivers it.
 */
public sealed interface Notification permits Notification.Triage, ResolvedMessage {

    static Notification of(TriageReport report) {
        return new Triage(report);
    }

    /** The hub's name, for log lines (never a secret). */
    String hubName();

    /** A triage report to post. */
    record Triage(TriageReport report) implements Notification {
        public Triage {
            Objects.requireNonNull(report, "report");
        }

        @Override
        public String hubName() {
            return report.hub().name();
        }
    }
}
