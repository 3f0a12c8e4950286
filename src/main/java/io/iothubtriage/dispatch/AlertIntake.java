package io.iothubtriage.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iothubtriage.alert.AlertIdentity;
import io.iothubtriage.alert.AlertParser;
import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.TriageRequest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The alerts endpoint's work, free of Functions types: check the content type and size, read the payload once,
 * queue it, and say how it went. It depends on the parser and the queue only: no setting that only the worker
 * needs, no table, no Azure source, so a worker-side problem never turns an alert away; the queue holds it.
 * <ul>
 *   <li>{@link Accepted} (202) only once the queue service has stored the message;</li>
 *   <li>{@link Rejected} (4xx, never retried by action groups) only for input that is provably not an alert of
 *       ours: not JSON, not the common alert schema, no IoT hub among the targets, a hub outside
 *       {@code TRIAGE_HUBS}, or too large;</li>
 *   <li>{@link Failed} (503, retried) when the queue cannot store it or this code fails on its own bug; the raw
 *       payload travels with it so the endpoint can log it for a replay.</li>
 * </ul>
 * A common-schema payload for an IoT hub that the parser refuses is still queued: the worker then posts the
 * "automatic triage failed" notice with what can be read of it, so the alert ends visibly.
 */
public final class AlertIntake {
    /** The common alert schema's own limit; anything larger is not an action-group call. */
    public static final int MAX_BODY_BYTES = 256 * 1024;
    /**
     * A queue message holds 64 KiB once base64-encoded (4 bytes per 3): the JSON may use 48 KiB, less a margin for
     * the envelope's own fields.
     */
    public static final int MAX_MESSAGE_BYTES = 47 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // Deeply nested JSON is an attack, not an alert.
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
        // "{…}}" or two objects back to back are not one payload.
        JSON.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private final AlertReader reader;
    private final RequestQueue queue;
    private final TriageSchedule schedule;
    private final Set<HubId> allowedHubs;
    private final Clock clock;
    private final Supplier<String> requestIds;

    /** @param allowedHubs {@code TRIAGE_HUBS}; empty = any hub */
    public AlertIntake(AlertReader reader, RequestQueue queue, TriageSchedule schedule, Set<HubId> allowedHubs,
                       Clock clock, Supplier<String> requestIds) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.allowedHubs = Set.copyOf(allowedHubs);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.requestIds = Objects.requireNonNull(requestIds, "requestIds");
    }

    /** The outcome: queued, refused for good, or not queued this time. */
    public sealed interface Result {
    }

    /**
     * @param alert the alert's identity; empty for a payload the parser refused (queued for the failure notice)
     * @param delay how long the message stays invisible (the window's end plus the ingestion allowance)
     */
    public record Accepted(String requestId, Optional<HubId> hub, Optional<AlertIdentity> alert,
                           QueueMessage message, Duration delay) implements Result {
    }

    /**
     * @param status 400, 403, 413 or 415: all final for an action group, which retries only 408, 429, 503 and 504
     * @param where  the header, field or JSON path at fault
     */
    public record Rejected(int status, String where, String problem) implements Result {
    }

    /**
     * Not queued; answer 503 so the action group retries.
     *
     * @param problemClass {@code queue} (the queue did not store it) or {@code internal} (a bug of this code)
     * @param detail       for the log: the failure's class and status, never a setting's value
     * @param payload      the raw body, for the error log (so the alert can be replayed by hand)
     */
    public record Failed(String problemClass, String detail, String payload) implements Result {
    }

    public Result accept(Optional<String> contentType, Optional<String> body) {
        String text = body.orElse("");
        try {
            return acceptChecked(contentType, text);
        } catch (RequestQueue.QueueUnavailableException e) {
            return new Failed("queue", e.getMessage(), text);
        } catch (RuntimeException e) {
            return new Failed("internal", e.getClass().getName() + at(e), text);
        }
    }

    private Result acceptChecked(Optional<String> contentType, String text) {
        if (contentType.isEmpty() || !isJson(contentType.get())) {
            return new Rejected(415, "Content-Type", "must be application/json, got "
                    + contentType.map(AlertIntake::shorten).orElse("none"));
        }
        if (text.isBlank()) {
            return new Rejected(400, "body", "is empty; expected a common alert schema payload");
        }
        // A char is at least one UTF-8 byte: a cheap upper bound first, the exact count only when it matters.
        if (text.length() > MAX_BODY_BYTES || text.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            return new Rejected(413, "body", "is larger than " + MAX_BODY_BYTES
                    + " bytes, the common alert schema's limit");
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return new Rejected(400, "body", "is not valid JSON: " + jsonProblem(e));
        }
        if (payload == null || !payload.isObject()) {
            return new Rejected(400, "body", "is not a JSON object");
        }
        TriageRequest request;
        try {
            request = reader.read(payload);
        } catch (BadInputException e) {
            Optional<HubId> hub = ourHub(payload);
            if (hub.isEmpty()) {
                return new Rejected(400, e.where(), e.problem());
            }
            // A common-schema alert for an IoT hub that the parser refuses: maybe the parser's fault. Queue it so
            // the worker posts the failure notice instead of the alert vanishing behind a 400.
            return unreadable(hub.get(), (ObjectNode) payload, e);
        }
        if (request.alert().isEmpty()) {
            return new Rejected(400, "data.essentials", "the payload carries no alert identity");
        }
        if (!allowedHubs.isEmpty() && !allowedHubs.contains(request.hub())) {
            return new Rejected(403, "hub", "the alert's hub is not one of TRIAGE_HUBS");
        }
        AlertIdentity alert = request.alert().get();
        Optional<JsonNode> fitted = fit((ObjectNode) payload.deepCopy());
        if (fitted.isEmpty()) {
            return new Rejected(413, "body", "the alert's essentials and condition alone exceed the "
                    + MAX_MESSAGE_BYTES + " bytes a queue message can carry");
        }
        if (!fitted.get().equals(payload) && !stillReadable(fitted.get())) {
            return new Rejected(413, "body", "too large to queue, and cannot be trimmed without losing what the "
                    + "triage needs");
        }
        Instant now = clock.instant();
        String requestId = requestIds.get();
        String kind = TriageSchedule.testOrStale(alert, now) ? QueueMessage.KIND_TEST_OR_STALE
                : QueueMessage.KIND_ALERT;
        QueueMessage message = QueueMessage.accepted(requestId, now, alert.alertId(), alert.condition().wire(),
                request.hub().resourceId(), Optional.of(alert.firedAt()), alert.rule(), alert.severity(), kind,
                fitted.get());
        String encoded = message.encode();
        if (encoded.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES + 2048) {
            return new Rejected(413, "body", "too large to queue");
        }
        Duration delay = schedule.delay(alert, now);
        queue.send(encoded, delay);
        return new Accepted(requestId, Optional.of(request.hub()), Optional.of(alert), message, delay);
    }

    private Result unreadable(HubId hub, ObjectNode payload, BadInputException e) {
        if (!allowedHubs.isEmpty() && !allowedHubs.contains(hub)) {
            return new Rejected(403, "hub", "the alert's hub is not one of TRIAGE_HUBS");
        }
        Optional<JsonNode> fitted = fit(payload.deepCopy());
        if (fitted.isEmpty()) {
            return new Rejected(413, "body", "too large to queue");
        }
        JsonNode essentials = payload.path("data").path("essentials");
        String requestId = requestIds.get();
        Instant now = clock.instant();
        QueueMessage message = QueueMessage.accepted(requestId, now,
                essentials.path("alertId").asText(""), essentials.path("monitorCondition").asText(""),
                hub.resourceId(), Optional.empty(), essentials.path("alertRule").asText(""),
                essentials.path("severity").asText(""), QueueMessage.KIND_UNREADABLE, fitted.get())
                .failed("the alert could not be read: " + e.getMessage(), java.util.List.of(), now);
        queue.send(message.encode(), Duration.ZERO);
        return new Accepted(requestId, Optional.of(hub), Optional.empty(), message, Duration.ZERO);
    }

    /**
     * The IoT hub a common-alert-schema payload targets, read leniently; empty when the payload is not the common
     * schema or targets no IoT hub (then it is provably not an alert of ours).
     */
    static Optional<HubId> ourHub(JsonNode payload) {
        if (!AlertParser.COMMON_SCHEMA_ID.equalsIgnoreCase(payload.path("schemaId").asText(""))) {
            return Optional.empty();
        }
        for (JsonNode t : payload.path("data").path("essentials").path("alertTargetIDs")) {
            if (t.isTextual() && HubId.isHubId(t.asText())) {
                try {
                    return Optional.of(HubId.parse(t.asText()));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The payload as compact as it can be while keeping what the triage reads: whole when it fits; else without
     * customProperties; else only the essentials and the alert condition.
     */
    static Optional<JsonNode> fit(ObjectNode payload) {
        if (size(payload) <= MAX_MESSAGE_BYTES) {
            return Optional.of(payload);
        }
        JsonNode data = payload.get("data");
        if (data instanceof ObjectNode d) {
            d.remove("customProperties");
            if (size(payload) <= MAX_MESSAGE_BYTES) {
                return Optional.of(payload);
            }
            JsonNode context = d.get("alertContext");
            if (context instanceof ObjectNode c) {
                ObjectNode slim = JSON.createObjectNode();
                for (String keep : new String[]{"conditionType", "condition"}) {
                    if (c.has(keep)) {
                        slim.set(keep, c.get(keep));
                    }
                }
                d.set("alertContext", slim);
                if (size(payload) <= MAX_MESSAGE_BYTES) {
                    return Optional.of(payload);
                }
            }
        }
        return Optional.empty();
    }

    private boolean stillReadable(JsonNode trimmed) {
        try {
            reader.read(trimmed);
            return true;
        } catch (BadInputException | RuntimeException e) {
            return false;
        }
    }

    private static int size(JsonNode n) {
        return n.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    static boolean isJson(String contentType) {
        String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return media.equals("application/json") || (media.startsWith("application/") && media.endsWith("+json"));
    }

    /** Where a bug surfaced, for the log line: the top frame of this project's code. */
    private static String at(RuntimeException e) {
        for (StackTraceElement f : e.getStackTrace()) {
            if (f.getClassName().startsWith("io.iothubtriage.")) {
                return " at " + f.getClassName() + "." + f.getMethodName() + ":" + f.getLineNumber();
            }
        }
        return "";
    }

    /** Jackson's problem without its source excerpt and location noise, on one line. */
    private static String jsonProblem(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage();
        for (String cut : new String[]{" (for root", " (for Object", " (for Array", "\n at [Source", " at [Source"}) {
            int i = m.indexOf(cut);
            if (i > 0) {
                m = m.substring(0, i);
            }
        }
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return shorten(m) + where;
    }

    private static String shorten(String s) {
        if (s == null) {
            return "";
        }
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "…" : oneLine;
    }
}
