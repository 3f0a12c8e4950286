package io.iothubtriage.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iothubtriage.alert.BadInputException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * The message on the {@code triage-requests} queue: the alert's essentials (so the poison handler can speak of the
 * alert even if the payload cannot be read), when and under which request id it was accepted, and the validated
 * common-alert-schema payload itself (compacted, trimmed to fit a queue message), which the worker re-validates.
 *
 * <pre>{"version":1,"requestId":"…","receivedAt":"…","alertId":"…","condition":"Fired","hub":"/subscriptions/…",
 *  "firedAt":"…","rule":"…","severity":"Sev2","alert":{"schemaId":"azureMonitorCommonAlertSchema","data":{…}}}</pre>
 */
public record QueueMessage(int version, String requestId, Instant receivedAt, String alertId, String condition,
                           String hub, Optional<Instant> firedAt, String rule, String severity, JsonNode alert) {
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    public QueueMessage {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        alertId = alertId == null ? "" : alertId;
        condition = condition == null ? "" : condition;
        hub = hub == null ? "" : hub;
        firedAt = firedAt == null ? Optional.empty() : firedAt;
        rule = rule == null ? "" : rule;
        severity = severity == null ? "" : severity;
        Objects.requireNonNull(alert, "alert");
    }

    /** The alert payload as JSON text, for the alert reader. */
    public String alertJson() {
        return alert.toString();
    }

    public String encode() {
        ObjectNode o = JSON.createObjectNode();
        o.put("version", version);
        o.put("requestId", requestId);
        o.put("receivedAt", receivedAt.toString());
        o.put("alertId", alertId);
        o.put("condition", condition);
        o.put("hub", hub);
        firedAt.ifPresent(t -> o.put("firedAt", t.toString()));
        o.put("rule", rule);
        o.put("severity", severity);
        o.set("alert", alert);
        return o.toString();
    }

    /**
     * Reads a queued message.
     *
     * @throws BadInputException naming the field at fault
     */
    public static QueueMessage decode(String text) throws BadInputException {
        JsonNode root = tree(text);
        if (!root.isObject()) {
            throw new BadInputException("message", "is not a JSON object");
        }
        if (root.has("schemaId") && root.has("data") && !root.has("version")) {
            // A bare common-alert-schema payload put on the queue by hand (az storage message put): take it as is;
            // the worker validates it like any other.
            return new QueueMessage(VERSION, "", Instant.now(), "", "", "", Optional.empty(), "", "", root);
        }
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw new BadInputException("message.version", "expected " + VERSION + ", got " + root.path("version"));
        }
        JsonNode alert = root.get("alert");
        if (alert == null || !alert.isObject()) {
            throw new BadInputException("message.alert", "missing or not an object");
        }
        return new QueueMessage(version, root.path("requestId").asText(""), instant(root, "receivedAt")
                .orElseThrow(() -> new BadInputException("message.receivedAt", "missing or not an ISO-8601 time")),
                root.path("alertId").asText(""), root.path("condition").asText(""), root.path("hub").asText(""),
                instant(root, "firedAt"), root.path("rule").asText(""), root.path("severity").asText(""), alert);
    }

    /** Parses JSON leniently for the poison handler: any object, or empty when the text is not JSON at all. */
    public static Optional<JsonNode> lenient(String text) {
        try {
            return Optional.of(tree(text));
        } catch (BadInputException e) {
            return Optional.empty();
        }
    }

    static JsonNode tree(String text) throws BadInputException {
        try {
            JsonNode n = JSON.readTree(text == null ? "" : text);
            if (n == null || n.isMissingNode()) {
                throw new BadInputException("message", "is empty");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new BadInputException("message", "is not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    static Optional<Instant> instant(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(n.asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
