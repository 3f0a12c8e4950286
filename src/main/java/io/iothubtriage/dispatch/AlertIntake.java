package io.iothubtriage.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iothubtriage.alert.AlertIdentity;
import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.alert.TriageRequest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The alerts endpoint's work, free of Functions types: check the content type and size, validate the
 * common-alert-schema payload, and build the queue message. Nothing here calls Azure, so the endpoint answers in
 * milliseconds; everything slow happens in the worker.
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
    private final Clock clock;
    private final Supplier<String> requestIds;

    public AlertIntake(AlertReader reader, Clock clock, Supplier<String> requestIds) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.requestIds = Objects.requireNonNull(requestIds, "requestIds");
    }

    /** The outcome: a message to queue, or a refusal with its HTTP status. */
    public sealed interface Result {
    }

    public record Accepted(String requestId, TriageRequest request, AlertIdentity alert, QueueMessage message)
            implements Result {
    }

    /**
     * @param status 400, 413 or 415: all final for an action group, which retries only 408, 429, 503 and 504
     * @param where  the header, field or JSON path at fault
     */
    public record Rejected(int status, String where, String problem) implements Result {
    }

    public Result accept(Optional<String> contentType, Optional<String> body) {
        if (contentType.isEmpty() || !isJson(contentType.get())) {
            return new Rejected(415, "Content-Type", "must be application/json, got "
                    + contentType.map(AlertIntake::shorten).orElse("none"));
        }
        String text = body.orElse("");
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
            request = reader.read(text);
        } catch (BadInputException e) {
            return new Rejected(400, e.where(), problemOf(e));
        } catch (RuntimeException e) {
            // The reader must answer bad input with BadInputException; anything else is still the payload's fault
            // as far as the caller can act on it, and a 500 would be neither retried nor explained.
            return new Rejected(400, "body", "could not be read as a common alert schema payload ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (request.alert().isEmpty()) {
            return new Rejected(400, "data.essentials", "the payload carries no alert identity");
        }
        AlertIdentity alert = request.alert().get();
        Optional<JsonNode> fitted = fit((ObjectNode) payload.deepCopy());
        if (fitted.isEmpty()) {
            return new Rejected(413, "body", "the alert's essentials and condition alone exceed the "
                    + MAX_MESSAGE_BYTES + " bytes a queue message can carry");
        }
        String requestId = requestIds.get();
        QueueMessage message = new QueueMessage(QueueMessage.VERSION, requestId, clock.instant(), alert.alertId(),
                alert.condition().wire(), request.hub().resourceId(), Optional.of(alert.firedAt()), alert.rule(),
                alert.severity(), fitted.get());
        if (message.encode().getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES + 2048) {
            return new Rejected(413, "body", "too large to queue");
        }
        if (!fitted.get().equals(payload) && !stillReadable(fitted.get())) {
            return new Rejected(413, "body", "too large to queue, and cannot be trimmed without losing what the "
                    + "triage needs");
        }
        return new Accepted(requestId, request, alert, message);
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
            reader.read(trimmed.toString());
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

    /** The problem part of a BadInputException (its message is "where: problem"). */
    public static String problemOf(BadInputException e) {
        String prefix = e.where() + ": ";
        String m = e.getMessage() == null ? "" : e.getMessage();
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
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
