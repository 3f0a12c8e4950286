package io.iothubtriage.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iothubtriage.alert.BadInputException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The message on the {@code triage-requests} queue: the alert's essentials (so the poison handler can speak of the
 * alert even if the payload cannot be read), when and under which request id it was accepted, and the validated
 * common-alert-schema payload itself (compacted, trimmed to fit a queue message), which the worker re-validates.
 *
 * <pre>{"version":1,"requestId":"…","receivedAt":"…","alertId":"…","condition":"Fired","hub":"/subscriptions/…",
 *  "firedAt":"…","rule":"…","severity":"Sev2","kind":"alert","attempt":0,"alert":{"schemaId":…,"data":{…}}}</pre>
 *
 * {@code kind} is {@code alert} (triage it) or {@code test-or-stale} (fired more than 24 h before it arrived, or
 * in the future: the portal's "test action group" sample; only a short message is posted). {@code attempt} counts
 * the worker's re-drives of this request; {@code reason} and {@code done} are set when the request is handed to
 * the failure path: why, and which destinations already have the alert's card (they get no failure notice).
 * {@code failingSince} is when the failure path took the request over: its retries count from then, not from the
 * alert's arrival (a request held for days while the settings were broken still gets the failure path's full span).
 * A message queued without it (before the field existed, or moved by the host after five failed deliveries) is
 * stamped on the failure path's first run.
 */
public record QueueMessage(int version, String requestId, Instant receivedAt, String alertId, String condition,
                           String hub, Optional<Instant> firedAt, String rule, String severity, String kind,
                           int attempt, String reason, List<String> done, Optional<Instant> failingSince,
                           JsonNode alert) {
    public static final int VERSION = 1;
    public static final String KIND_ALERT = "alert";
    public static final String KIND_TEST_OR_STALE = "test-or-stale";
    /** A common-schema alert for an IoT hub that the parser refused at the endpoint: straight to the notice. */
    public static final String KIND_UNREADABLE = "unreadable";
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
        kind = kind == null || kind.isBlank() ? KIND_ALERT : kind;
        reason = reason == null ? "" : reason;
        done = done == null ? List.of() : List.copyOf(done);
        failingSince = failingSince == null ? Optional.empty() : failingSince;
        Objects.requireNonNull(alert, "alert");
    }

    /** A fresh request as the alerts endpoint queues it. */
    public static QueueMessage accepted(String requestId, Instant receivedAt, String alertId, String condition,
                                        String hub, Optional<Instant> firedAt, String rule, String severity,
                                        String kind, JsonNode alert) {
        return new QueueMessage(VERSION, requestId, receivedAt, alertId, condition, hub, firedAt, rule, severity,
                kind, 0, "", List.of(), Optional.empty(), alert);
    }

    /** The same request queued once more by the worker (a re-drive). */
    public QueueMessage redriven(String why) {
        return new QueueMessage(version, requestId, receivedAt, alertId, condition, hub, firedAt, rule, severity,
                kind, attempt + 1, why, done, failingSince, alert);
    }

    /**
     * The request handed to (or re-driven by) the failure path: why, and the destinations that already have it.
     * {@code at} becomes {@link #failingSince()} unless the failure path already has the request.
     */
    public QueueMessage failed(String why, List<String> served, Instant at) {
        return new QueueMessage(version, requestId, receivedAt, alertId, condition, hub, firedAt, rule, severity,
                kind, attempt + 1, why, served, Optional.of(failingSince.orElse(at)), alert);
    }

    public boolean testOrStale() {
        return KIND_TEST_OR_STALE.equals(kind);
    }

    /**
     * Any text taken as a queue message: our envelope, a bare payload, or (for the failure path) anything else,
     * wrapped as {@code {"raw": text}} so that it can be re-driven and reported like the rest.
     */
    public static QueueMessage lenientDecode(String text, Instant now) {
        try {
            return decode(text, now);
        } catch (BadInputException e) {
            ObjectNode raw = JSON.createObjectNode();
            raw.put("raw", text == null ? "" : text);
            return accepted("", now, "", "", "", Optional.empty(), "", "", KIND_UNREADABLE, raw)
                    .failed("the queued message could not be read: " + e.getMessage(), List.of(), now);
        }
    }

    public String encode() {
        return tree().toString();
    }

    /** The message as JSON. */
    public ObjectNode tree() {
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
        o.put("kind", kind);
        o.put("attempt", attempt);
        if (!reason.isEmpty()) {
            o.put("reason", reason);
        }
        if (!done.isEmpty()) {
            done.forEach(o.putArray("done")::add);
        }
        failingSince.ifPresent(t -> o.put("failingSince", t.toString()));
        o.set("alert", alert);
        return o;
    }

    /**
     * Reads a queued message.
     *
     * @throws BadInputException naming the field at fault
     */
    public static QueueMessage decode(String text) throws BadInputException {
        return decode(tree(text), Instant.now());
    }

    /** Reads a queued message; a bare payload put on the queue by hand counts as received {@code now}. */
    public static QueueMessage decode(String text, Instant now) throws BadInputException {
        return decode(tree(text), now);
    }

    /** Reads a queued message already parsed as JSON. */
    public static QueueMessage decode(JsonNode root, Instant now) throws BadInputException {
        if (root == null || !root.isObject()) {
            throw new BadInputException("message", "is not a JSON object");
        }
        if (root.has("schemaId") && root.has("data") && !root.has("version")) {
            // A bare common-alert-schema payload put on the queue by hand (az storage message put): take it as is;
            // the worker validates it like any other.
            return accepted("", now, "", "", "", Optional.empty(), "", "", KIND_ALERT, root);
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
                instant(root, "firedAt"), root.path("rule").asText(""), root.path("severity").asText(""),
                root.path("kind").asText(KIND_ALERT), root.path("attempt").asInt(0), root.path("reason").asText(""),
                texts(root.path("done")), instant(root, "failingSince"), alert);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> {
            if (n.isTextual()) {
                out.add(n.asText());
            }
        });
        return out;
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
