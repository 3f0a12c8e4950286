package io.iothubtriage.alert;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads an Azure Monitor common-alert-schema payload (what an action group posts with "common alert schema" on)
 * into a {@link TriageRequest}: the IoT hub, the analysis and baseline windows around {@code firedDateTime}, and
 * the alert's identity and metric criterion.
 *
 * <p>Accepts metric alerts (static, dynamic, multi-resource), log alerts (Log Alerts V2, Simple Log Alert, legacy
 * Log Analytics / Application Insights), Resource Health and other activity-log alerts, Fired and Resolved,
 * whenever a target, dimension or scope names an IoT hub. Rejects, with one line naming the JSON path and the
 * problem, anything else: alerts about other resources, Service Health alerts (they name a service and regions,
 * not a hub), other schemas, malformed or oversized bodies. Messages never echo more than a few dozen characters
 * of the input.
 *
 * <p>Stateless and thread-safe.
 */
public final class AlertParser {

    /** Bodies above this are refused unread: the common alert schema caps payloads at 256 KB. */
    public static final int MAX_BODY_BYTES = JsonBody.MAX_BYTES;

    /** The only {@code schemaId} accepted. */
    public static final String COMMON_SCHEMA_ID = "azureMonitorCommonAlertSchema";

    private AlertParser() {
    }

    /** Parses a payload given as text. */
    public static TriageRequest parse(String json, WindowPolicy policy) throws BadInputException {
        if (json != null && json.length() > MAX_BODY_BYTES) {
            // each char is at least one UTF-8 byte: no need to encode megabytes to refuse them
            throw JsonBody.tooLarge("more than " + MAX_BODY_BYTES);
        }
        return parse(json == null ? null : json.getBytes(StandardCharsets.UTF_8), policy);
    }

    /** Parses a payload given as bytes (UTF-8, or UTF-16/32 with or without a byte-order mark). */
    public static TriageRequest parse(byte[] body, WindowPolicy policy) throws BadInputException {
        Objects.requireNonNull(policy, "policy");
        return parse(JsonBody.read(body), policy);
    }

    /**
     * Parses a payload that was already read as JSON (the alerts endpoint and the worker read their input once and
     * hand the tree on, without a round trip through text).
     */
    public static TriageRequest parse(JsonNode root, WindowPolicy policy) throws BadInputException {
        Objects.requireNonNull(policy, "policy");
        if (root == null || !root.isObject()) {
            throw new BadInputException("body", "expected a JSON object (the common alert schema envelope), found "
                    + (root == null ? "nothing" : Field.kind(root)));
        }
        Field doc = Field.root(root);
        checkSchema(doc.get("schemaId"));
        Field data = doc.get("data").requireObject();
        Essentials essentials = Essentials.read(data.get("essentials").requireObject());
        Optional<Field> context = data.get("alertContext").optionalObject();
        Shape shape = Shape.of(essentials.monitoringService(), context);
        ContextFacts facts = context.isEmpty() ? ContextFacts.none() : read(shape, context.get());
        HubId hub = HubLocator.locate(essentials, shape, facts);
        return TriageRequest.forAlert(hub, essentials.identity(facts.metric()), policy);
    }

    /** Parses a payload from a stream, reading at most {@link #MAX_BODY_BYTES} + 1 bytes. Does not close the stream. */
    public static TriageRequest parse(InputStream body, WindowPolicy policy) throws BadInputException {
        Objects.requireNonNull(body, "body");
        return parse(JsonBody.readCapped(body), policy);
    }

    private static ContextFacts read(Shape shape, Field context) throws BadInputException {
        return switch (shape) {
            case METRIC -> MetricContext.read(context);
            case LOG_QUERY -> LogQueryContext.read(context);
            case LOG_LEGACY -> LegacyLogContext.read(context);
            case ACTIVITY_LOG, RESOURCE_HEALTH, SERVICE_HEALTH -> ActivityLogContext.read(context, shape);
            case OTHER -> ContextFacts.none();
        };
    }

    private static void checkSchema(Field schemaId) throws BadInputException {
        if (schemaId.absent()) {
            throw new BadInputException(schemaId.where(), "missing; this is not a common alert schema payload"
                    + " (turn on \"Enable the common alert schema\" for this action in the action group)");
        }
        String id = schemaId.textOrEmpty();
        if (!id.equalsIgnoreCase(COMMON_SCHEMA_ID)) {
            throw new BadInputException(schemaId.where(), Snippet.quote(id) + " is not the common alert schema ("
                    + COMMON_SCHEMA_ID + "); turn on \"Enable the common alert schema\" for this action in the action group");
        }
    }
}
