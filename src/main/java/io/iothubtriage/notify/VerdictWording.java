package io.iothubtriage.notify;

import io.iothubtriage.diagnosis.Confidence;
import io.iothubtriage.diagnosis.Verdict;

/** The verdict in words an on-call engineer reads at a glance, and the confidence in words. */
public final class VerdictWording {

    private VerdictWording() {
    }

    /** A short title for the verdict, at most about 50 characters (fits a phone's headline and Slack's header). */
    public static String title(Verdict v) {
        return switch (v) {
            case NO_DIAGNOSTIC_LOGS -> "No connection logs: diagnostics probably off";
            case PLATFORM_INCIDENT -> "Azure platform incident";
            case USER_INITIATED_HUB_CHANGE -> "Hub change made by a user";
            case AUTHENTICATION_FAILURES -> "Devices failing authentication";
            case DEVICE_NETWORK_OR_KEEPALIVE -> "Devices lost network or keep-alive";
            case DUPLICATE_CONNECTIONS -> "Duplicate device connections";
            case TRANSIENT_SERVICE_ERRORS -> "Transient IoT Hub service errors";
            case THROTTLING_OR_QUOTA -> "Hub throttling or quota exhausted";
            case NO_CONNECTION_ERRORS -> "Devices disconnected cleanly";
            case MIXED -> "Mixed causes, none dominates";
            case INSUFFICIENT_EVIDENCE -> "Not enough evidence to decide";
        };
    }

    /** "high confidence", "medium confidence", "low confidence". */
    public static String confidence(Confidence c) {
        return switch (c) {
            case HIGH -> "high confidence";
            case MEDIUM -> "medium confidence";
            case LOW -> "low confidence";
        };
    }
}
