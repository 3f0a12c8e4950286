package io.iothubtriage.notify;

import io.iothubtriage.alert.HubId;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.diagnosis.Verdict;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything that is posted to a destination, by the CLI's {@code --post} and by the Functions app alike: the full
 * triage card, the "still ongoing" update, the resolved message, and the short notices (fallback, test or stale,
 * automatic triage failed). {@link ChatPayloads} renders each for a kind of destination; {@link Notifier} posts it.
 *
 * <p>Any of them may be marked as a possible repeat: an earlier post of the same notification may have arrived (a
 * webhook cannot say whether an interrupted post did), so the reader is told. The mark changes the payload, never
 * the {@link #idempotencyKey()}: a receiver that honours the key drops the repeat.
 */
public sealed interface Notification permits Notification.OfReport, ResolvedMessage, Notification.OfAlertFacts {

    /** The full card of a report, unmarked: what the CLI posts. */
    static Notification of(TriageReport report) {
        return new FullCard(report, false, false);
    }

    /** The hub's name, for log lines (never a secret). */
    String hubName();

    /**
     * The same for every post of the same news: sent as the {@code Idempotency-Key} header so a receiver that
     * supports it (ITSM, automation) can drop a duplicate after a retry that followed a lost answer. A hash of what
     * the news is and the alert it is about (or, without an alert, the hub and the report time); never a secret.
     * Empty when nothing tells the alert apart (an unreadable message): no key is better than one shared by
     * unrelated notices.
     */
    Optional<String> idempotencyKey();

    boolean possibleRepeat();

    /** This notification, marked as a possible repeat or not. */
    Notification possibleRepeat(boolean mark);

    /** SHA-256 of the parts, hex, first 32 characters. */
    static String key(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The key of a report's news: its alert and condition, or (a report without an alert) its hub and time. */
    private static String reportKey(String what, TriageReport report) {
        return report.alert()
                .map(a -> key(what, a.alertId(), a.condition().wire()))
                .orElseGet(() -> key(what, report.hub().resourceId(), report.generatedAt().toString()));
    }

    /** A notification that shows a triage report: the full card and the "still ongoing" update. */
    sealed interface OfReport extends Notification permits FullCard, RepeatUpdate {
        TriageReport report();

        /** What the news is ("triage", "still-ongoing"): part of the idempotency key. */
        String news();

        @Override
        default String hubName() {
            return report().hub().name();
        }

        @Override
        default Optional<String> idempotencyKey() {
            return Optional.of(reportKey(news(), report()));
        }
    }

    /** A short notice about an alert known by what could be read of it: fallback, test or stale, triage failed. */
    sealed interface OfAlertFacts extends Notification permits Fallback, TestOrStale, TriageFailed {
        AlertFacts alert();

        /** What the news is ("fallback", "test-or-stale", "triage-failed"): part of the idempotency key. */
        String news();

        @Override
        default String hubName() {
            return alert().hub().map(HubId::name).orElse("an unknown hub");
        }

        @Override
        default Optional<String> idempotencyKey() {
            return alert().identity().map(id -> key(news(), id, alert().condition()));
        }
    }

    /** The full triage card; {@code manualRerun} when a person asked for it on the rerun endpoint. */
    record FullCard(TriageReport report, boolean manualRerun, boolean possibleRepeat) implements OfReport {
        public FullCard {
            Objects.requireNonNull(report, "report");
        }

        @Override
        public String news() {
            return "triage";
        }

        @Override
        public FullCard possibleRepeat(boolean mark) {
            return new FullCard(report, manualRerun, mark);
        }
    }

    /** "Still ongoing, fired N times": same hub, same verdict within the suppression window. */
    record RepeatUpdate(TriageReport report, Verdict verdict, int firedCount, boolean possibleRepeat)
            implements OfReport {
        public RepeatUpdate {
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(verdict, "verdict");
        }

        @Override
        public String news() {
            return "still-ongoing";
        }

        @Override
        public RepeatUpdate possibleRepeat(boolean mark) {
            return new RepeatUpdate(report, verdict, firedCount, mark);
        }
    }

    /**
     * The card reached this destination but another one refused it for good (a deleted Workflow, a rejected card):
     * the people here are told, so the others can be fixed.
     */
    record Fallback(AlertFacts alert, String refusedKind, String reason, boolean possibleRepeat)
            implements OfAlertFacts {
        public Fallback {
            Objects.requireNonNull(alert, "alert");
            refusedKind = refusedKind == null ? "" : refusedKind;
            reason = reason == null ? "" : reason;
        }

        @Override
        public String news() {
            return "fallback";
        }

        @Override
        public Fallback possibleRepeat(boolean mark) {
            return new Fallback(alert, refusedKind, reason, mark);
        }
    }

    /**
     * A test or stale notification of a rule arrived (fired more than 24 h before it was received, or in the
     * future, as the portal's "test action group" sends it): not triaged as a live incident.
     */
    record TestOrStale(AlertFacts alert, boolean possibleRepeat) implements OfAlertFacts {
        public TestOrStale {
            Objects.requireNonNull(alert, "alert");
        }

        @Override
        public String news() {
            return "test-or-stale";
        }

        @Override
        public TestOrStale possibleRepeat(boolean mark) {
            return new TestOrStale(alert, mark);
        }
    }

    /** Automatic triage gave up: the alert's essentials and where to look by hand. */
    record TriageFailed(AlertFacts alert, String reason, boolean possibleRepeat) implements OfAlertFacts {
        public TriageFailed {
            Objects.requireNonNull(alert, "alert");
            reason = reason == null ? "" : reason;
        }

        @Override
        public String news() {
            return "triage-failed";
        }

        @Override
        public TriageFailed possibleRepeat(boolean mark) {
            return new TriageFailed(alert, reason, mark);
        }
    }
}
