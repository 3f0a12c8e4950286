package io.iothubtriage.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.evidence.ChangeEvent.ChangeOrigin;
import io.iothubtriage.evidence.ChangeEvent.PropertyChange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the two wire shapes of change history into {@link ChangeEvent}s, for the offline reader and the live
 * source alike, and merges them.
 *
 * <ul>
 *   <li><b>Activity Log</b> events ({@code eventtypes/management/values}, api-version 2015-04-01, and
 *       {@code az monitor activity-log list}): {@code eventTimestamp}, {@code operationName.value},
 *       {@code status.value}, {@code caller}, {@code resourceId}, {@code correlationId}, {@code category.value}.
 *       One operation logs several events (Started/Accepted, then Succeeded/Failed): they become one change, at the
 *       first event's time with the final status. Reads and {@code listKeys} actions are not changes; events of
 *       other categories than Administrative are not either. The claims and the request body are never read.</li>
 *   <li><b>Resource Graph</b> {@code resourcechanges} rows (and {@code Microsoft.Resources/changes} resources):
 *       {@code properties.targetResourceId}, {@code properties.changeType},
 *       {@code properties.changeAttributes.{timestamp, correlationId, changedBy, changedByType, operation}},
 *       {@code properties.changes} keyed by property path with {@code previousValue}, {@code newValue},
 *       {@code propertyChangeType}. Changes of category System alone (provisioning state) are dropped from the
 *       property list: they follow every write and say nothing about who changed what.</li>
 * </ul>
 * Every value goes through {@link SecretMask} here, before any other code sees it.
 */
public final class ChangeRecords {

    private ChangeRecords() {
    }

    /** True when the node looks like an Activity Log event. */
    public static boolean isActivityLogEvent(JsonNode n) {
        return n.isObject() && n.has("eventTimestamp") && (n.has("operationName") || n.has("resourceId"));
    }

    /** True when the node looks like a resourcechanges row, a change resource, or a change's properties. */
    public static boolean isResourceChange(JsonNode n) {
        return n.isObject() && changeProperties(n).has("changeAttributes");
    }

    /**
     * Activity Log events grouped into changes: empty for an event that is not a change (a read, a listKeys, not
     * Administrative).
     *
     * @throws IllegalArgumentException naming the field when an event's time is missing or malformed
     */
    public static List<ChangeEvent> fromActivityLog(List<JsonNode> events) {
        Map<String, List<JsonNode>> operations = new LinkedHashMap<>();
        int anonymous = 0;
        for (JsonNode e : events) {
            if (!isChange(e)) {
                continue;
            }
            String op = named(e, "operationName");
            String key = Optional.of(text(e, "operationId")).filter(s -> !s.isBlank())
                    .or(() -> Optional.of(text(e, "correlationId")).filter(s -> !s.isBlank()))
                    .map(id -> id + "|" + op.toLowerCase(Locale.ROOT) + "|" + text(e, "resourceId").toLowerCase(Locale.ROOT))
                    .orElse("#" + anonymous++);
            operations.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
        }
        List<ChangeEvent> out = new ArrayList<>();
        for (List<JsonNode> group : operations.values()) {
            out.add(operation(group));
        }
        return out;
    }

    /** One resourcechanges row (or change resource, or bare change properties) as a change. */
    public static ChangeEvent fromResourceChange(JsonNode row) {
        JsonNode p = changeProperties(row);
        JsonNode attrs = p.path("changeAttributes");
        Instant time = time(text(attrs, "timestamp"), "properties.changeAttributes.timestamp");
        String caller = text(attrs, "changedBy");
        List<PropertyChange> props = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = p.path("changes").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> c = it.next();
            JsonNode v = c.getValue();
            if (text(v, "changeCategory").equalsIgnoreCase("System")) {
                continue;
            }
            String type = text(v, "propertyChangeType");
            String path = c.getKey();
            Optional<String> before = value(v.get("previousValue"), type.equalsIgnoreCase("Insert"));
            Optional<String> after = value(v.get("newValue"), type.equalsIgnoreCase("Remove"));
            props.add(new PropertyChange(path, SecretMask.value(path, before), SecretMask.value(path, after), type));
        }
        props.sort(Comparator.comparing(PropertyChange::path));
        return new ChangeEvent(time, text(p, "targetResourceId"), text(attrs, "operation"), "Succeeded",
                text(p, "changeType"), caller, CallerKind.of(caller, text(attrs, "changedByType")),
                ChangeOrigin.RESOURCE_GRAPH, Optional.of(text(attrs, "correlationId")), props);
    }

    /**
     * One list from both sources: a Resource Graph change and the Activity Log operation with the same correlation
     * id and resource are one change (the Activity Log's caller and status, Resource Graph's properties, the
     * earlier time).
     */
    public static List<ChangeEvent> merge(List<ChangeEvent> activityLog, List<ChangeEvent> resourceGraph) {
        List<ChangeEvent> out = new ArrayList<>();
        List<ChangeEvent> graph = new ArrayList<>(resourceGraph);
        for (ChangeEvent a : activityLog) {
            Optional<ChangeEvent> twin = a.correlationId().flatMap(id -> graph.stream()
                    .filter(g -> g.correlationId().filter(id::equalsIgnoreCase).isPresent()
                            && g.resourceId().equalsIgnoreCase(a.resourceId()))
                    .findFirst());
            if (twin.isEmpty()) {
                out.add(a);
                continue;
            }
            ChangeEvent g = twin.get();
            graph.remove(g);
            boolean useGraphCaller = a.caller().isBlank();
            out.add(new ChangeEvent(a.time().isBefore(g.time()) ? a.time() : g.time(), a.resourceId(),
                    a.operation().isBlank() ? g.operation() : a.operation(), a.status(),
                    g.changeType().isBlank() ? a.changeType() : g.changeType(),
                    useGraphCaller ? g.caller() : a.caller(),
                    useGraphCaller || a.callerKind() == CallerKind.UNKNOWN ? g.callerKind() : a.callerKind(),
                    ChangeOrigin.BOTH, a.correlationId(), g.properties()));
        }
        out.addAll(graph);
        out.sort(Comparator.comparing(ChangeEvent::time));
        return out;
    }

    /** True when the change is of the hub itself or of one of its child resources (certificates, endpoints). */
    public static boolean concerns(ChangeEvent e, HubId hub) {
        String id = e.resourceId().toLowerCase(Locale.ROOT);
        String h = hub.resourceId().toLowerCase(Locale.ROOT);
        return id.equals(h) || id.startsWith(h + "/");
    }

    private static boolean isChange(JsonNode e) {
        String category = named(e, "category");
        if (!category.isEmpty() && !category.equalsIgnoreCase("Administrative")) {
            return false;
        }
        String op = named(e, "operationName").toLowerCase(Locale.ROOT);
        return !(op.endsWith("/read") || op.endsWith("/listkeys/action") || op.contains("/listkeys/")
                || op.endsWith("/listconnectionstrings/action"));
    }

    private static ChangeEvent operation(List<JsonNode> events) {
        Instant first = null;
        String status = "";
        String caller = "";
        JsonNode lead = events.get(0);
        for (JsonNode e : events) {
            Instant t = time(text(e, "eventTimestamp"), "eventTimestamp");
            if (first == null || t.isBefore(first)) {
                first = t;
            }
            String s = named(e, "status");
            if (status.isEmpty() || !isFinal(status) && isFinal(s)) {
                status = s;
            }
            if (caller.isBlank()) {
                caller = text(e, "caller");
            }
        }
        String op = named(lead, "operationName");
        return new ChangeEvent(first, text(lead, "resourceId"), op, status, changeType(op), caller,
                CallerKind.of(caller, ""), ChangeOrigin.ACTIVITY_LOG, Optional.of(text(lead, "correlationId")),
                List.of());
    }

    private static boolean isFinal(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "succeeded", "failed", "canceled", "cancelled" -> true;
            default -> false;
        };
    }

    private static String changeType(String operation) {
        String op = operation.toLowerCase(Locale.ROOT);
        if (op.endsWith("/delete")) {
            return "Delete";
        }
        if (op.endsWith("/action")) {
            return "Action";
        }
        return op.endsWith("/write") ? "Update" : "";
    }

    /** A row's change properties: {@code properties} of a row or change resource, or the node itself. */
    private static JsonNode changeProperties(JsonNode n) {
        JsonNode p = n.path("properties");
        return p.isObject() && p.has("changeAttributes") ? p : n;
    }

    /** A Resource Graph value as text; "null" (how an Insert's previous value reads) is no value. */
    private static Optional<String> value(JsonNode v, boolean nullTextIsAbsent) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return Optional.empty();
        }
        String s = v.isValueNode() ? v.asText() : v.toString();
        return nullTextIsAbsent && s.equals("null") ? Optional.empty() : Optional.of(s);
    }

    /** A {@code {"value": …, "localizedValue": …}} field's value, or a plain string field. */
    private static String named(JsonNode o, String field) {
        JsonNode v = o.path(field);
        return v.isObject() ? text(v, "value") : v.isValueNode() && !v.isNull() ? v.asText() : "";
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? "" : v.asText();
    }

    private static Instant time(String text, String field) {
        Instant t = text.isBlank() ? null : Timestamps.parse(text);
        if (t == null) {
            throw new IllegalArgumentException(field + (text.isBlank() ? " is missing" : " "
                    + RowAssembler.quote(text) + " is not a timestamp"));
        }
        return t;
    }
}
