package io.iothubtriage.notify;

import io.iothubtriage.alert.AlertIdentity;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.diagnosis.Verdict;

import java.util.Locale;
import java.util.Optional;

/**
 * The colour of a card's headline: the alert's severity when there is an alert, else the verdict. Teams shows it
 * as the container style, Slack (whose Block Kit has no colours) as the emoji in front of the header.
 */
public enum CardColour {
    /** Sev0/Sev1, or a platform incident without an alert. */
    ATTENTION("attention", ":red_circle:"),
    /** Sev2, or a cause that needs looking at without an alert. */
    WARNING("warning", ":large_orange_circle:"),
    /** Sev3/Sev4 or unknown severity: informational. */
    ACCENT("accent", ":large_blue_circle:"),
    /** Resolved alerts and clean disconnects without an alert. */
    GOOD("good", ":white_check_mark:");

    private final String teamsStyle;
    private final String slackEmoji;

    CardColour(String teamsStyle, String slackEmoji) {
        this.teamsStyle = teamsStyle;
        this.slackEmoji = slackEmoji;
    }

    /** The Adaptive Card container style (1.2+). */
    public String teamsStyle() {
        return teamsStyle;
    }

    /** The Slack emoji shortcode shown in front of the header and the fallback text. */
    public String slackEmoji() {
        return slackEmoji;
    }

    public static CardColour of(TriageReport report) {
        Optional<AlertIdentity> alert = report.alert();
        if (alert.isPresent() && !alert.get().severity().isEmpty()) {
            return ofSeverity(alert.get().severity());
        }
        return ofVerdict(report.verdict());
    }

    /** Sev0/Sev1 → attention, Sev2 → warning, Sev3/Sev4 and anything else → accent. */
    public static CardColour ofSeverity(String severity) {
        return switch (severity.trim().toLowerCase(Locale.ROOT)) {
            case "sev0", "sev1" -> ATTENTION;
            case "sev2" -> WARNING;
            default -> ACCENT;
        };
    }

    /** Without an alert: a platform incident is urgent, clean disconnects are good news, the rest needs a look. */
    public static CardColour ofVerdict(Verdict v) {
        return switch (v) {
            case PLATFORM_INCIDENT -> ATTENTION;
            case NO_CONNECTION_ERRORS -> GOOD;
            case NO_DIAGNOSTIC_LOGS, INSUFFICIENT_EVIDENCE, USER_INITIATED_HUB_CHANGE, AUTHENTICATION_FAILURES,
                    DEVICE_NETWORK_OR_KEEPALIVE, DUPLICATE_CONNECTIONS, TRANSIENT_SERVICE_ERRORS,
                    THROTTLING_OR_QUOTA, MIXED -> WARNING;
        };
    }
}
