package io.iothubtriage.dispatch;

import io.iothubtriage.alert.MonitorCondition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The idempotency key of one alert notification: the alert instance ({@code essentials.alertId}) and its
 * {@code monitorCondition}. Fired and Resolved of one alert are two notifications; action-group retries, a second
 * action group and queue redeliveries of either share its key.
 */
public record AlertKey(String alertId, MonitorCondition condition) {
    public AlertKey {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(condition, "condition");
        if (alertId.isBlank()) {
            throw new IllegalArgumentException("alertId is blank");
        }
    }

    /**
     * The table partition: a SHA-256 of the lower-cased alert id. Alert ids are ARM ids with '/', which table keys
     * may not hold, and their letter case varies between payloads.
     */
    public String partitionKey() {
        return sha256(alertId.toLowerCase(Locale.ROOT));
    }

    /** The row within the partition: {@code Fired} or {@code Resolved}. */
    public String rowKey() {
        return condition.wire();
    }

    /** A short form for logs and for the flapping history: 16 hex digits of the hash and the condition. */
    public String shortId() {
        return partitionKey().substring(0, 16) + "/" + condition.wire();
    }

    static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
