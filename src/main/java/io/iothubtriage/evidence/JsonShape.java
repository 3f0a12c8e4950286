package io.iothubtriage.evidence;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Says in plain words what a JSON document that a reader cannot use looks like, so that a file passed to the
 * wrong option gets a message such as "this is a Resource Health availability status (pass it with --health)".
 * It recognises the payloads this tool deals with; anything else is described by its top-level fields.
 */
final class JsonShape {

    private static final int MAX_FIELDS_NAMED = 10;

    private JsonShape() {
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isArray()) {
            return describeList(node, "a JSON array");
        }
        if (!node.isObject()) {
            return "a single JSON " + kind(node);
        }
        JsonNode body = node.path("responses").path("200").path("body");
        if (body.isObject()) {
            return describe(body) + ", inside a REST API example";
        }
        Known known = recognise(node);
        if (known != null) {
            return known.one() + known.hint();
        }
        JsonNode value = node.get("value");
        if (value != null && value.isArray()) {
            if (!value.isEmpty() && value.get(0).has("timeseries") || node.has("interval") || node.has("timespan")) {
                return "an Azure Monitor metrics response (pass it with --metrics)";
            }
            return describeList(value, "a \"value\" list");
        }
        return "a JSON object with fields " + fieldNames(node);
    }

    private static String describeList(JsonNode list, String what) {
        if (list.isEmpty()) {
            return what + " with no elements";
        }
        JsonNode first = list.get(0);
        if (!first.isObject()) {
            return what + " of " + kind(first) + "s";
        }
        Known known = recognise(first);
        return known != null ? "a list of " + known.many() + known.hint()
                : what + " of objects with fields " + fieldNames(first);
    }

    /** A payload kind this tool knows: how to name one, several, and where it belongs. */
    private record Known(String one, String many, String hint) {
    }

    private static Known recognise(JsonNode o) {
        String schemaId = o.path("schemaId").asText("");
        if (schemaId.equalsIgnoreCase("azureMonitorCommonAlertSchema") || o.path("data").has("essentials")) {
            return new Known("an Azure Monitor alert", "Azure Monitor alerts", " (pass it with --alert)");
        }
        JsonNode error = o.get("error");
        if (error != null && error.isObject() && !o.has("tables")) {
            return new Known("an error response (" + errorText(error) + ")", "error responses", "");
        }
        if (o.has("tables")) {
            return new Known("a Log Analytics query response", "Log Analytics query responses",
                    " (pass it with --logs)");
        }
        if (o.has("records")) {
            return new Known("a file of resource-log records", "resource-log record files", " (pass it with --logs)");
        }
        String type = o.path("type").asText("").toLowerCase(Locale.ROOT);
        JsonNode props = o.path("properties");
        if (type.contains("availabilitystatuses") || props.has("availabilityState")) {
            return new Known("a Resource Health availability status", "Resource Health availability statuses",
                    " (pass it with --health)");
        }
        if (type.endsWith("/events") || props.has("eventType") || props.has("impact")) {
            return new Known("a Resource Health event", "Resource Health events", " (pass it with --health)");
        }
        if (type.equals("microsoft.insights/metrics") || o.has("timeseries")) {
            return new Known("an Azure Monitor metric", "Azure Monitor metrics", " (pass the response with --metrics)");
        }
        if (hasAnyIgnoreCase(o, "TimeGenerated", "time") && hasAnyIgnoreCase(o, "OperationName")) {
            return new Known("a connection-log row", "connection-log rows", " (pass it with --logs)");
        }
        return null;
    }

    static String errorText(JsonNode error) {
        String code = error.path("code").asText("");
        String message = InputFiles.oneLine(error.path("message").asText(""));
        String inner = error.path("innererror").path("code").asText("");
        StringBuilder b = new StringBuilder(code.isEmpty() ? "no code" : code);
        if (!inner.isEmpty()) {
            b.append('/').append(inner);
        }
        if (!message.isEmpty()) {
            b.append(": ").append(message.length() > 160 ? message.substring(0, 160) + "..." : message);
        }
        return b.toString();
    }

    static String fieldNames(JsonNode o) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = o.fieldNames();
        int total = 0;
        while (it.hasNext()) {
            String n = it.next();
            if (names.size() < MAX_FIELDS_NAMED) {
                names.add(n);
            }
            total++;
        }
        if (names.isEmpty()) {
            return "(none)";
        }
        return String.join(", ", names) + (total > names.size() ? ", ... (" + total + " in all)" : "");
    }

    private static boolean hasAnyIgnoreCase(JsonNode o, String... names) {
        Iterator<String> it = o.fieldNames();
        while (it.hasNext()) {
            String n = it.next();
            for (String want : names) {
                if (n.equalsIgnoreCase(want)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case ARRAY -> "array";
            case OBJECT, POJO -> "object";
            case STRING, BINARY -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL, MISSING -> "null";
        };
    }
}
