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

    /**
     * The same for every post of the same news: sent as the {@code Idempotency-Key} header so a receiver that
     * supports it (ITSM, automation) can drop a duplicate after a retry that followed a lost answer. A hash of
     * the alert id and condition (or, without an alert, the hub and the report time); never a secret.
     */
    String idempotencyKey();

    /** SHA-256 of the parts, hex, first 32 characters. */
    static String key(String... parts) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(String.join("\n", parts).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A triage report to post. */
    record Triage(TriageReport report) implements Notification {
        public Triage {
            Objects.requireNonNull(report, "report");
        }

        @Override
        public String hubName() {
            return report.hub().name();
        }

        @Override
        public String idempotencyKey() {
            return report.alert()
                    .map(a -> Notification.key("triage", a.alertId(), a.condition().wire()))
                    .orElseGet(() -> Notification.key("triage", report.hub().resourceId(),
                            report.generatedAt().toString()));
        }
    }
}
