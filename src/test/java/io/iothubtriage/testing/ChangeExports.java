package io.iothubtriage.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.evidence.ChangeEvent;
import io.iothubtriage.evidence.ChangeEvent.PropertyChange;
import io.iothubtriage.evidence.ChangeEvidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes change history the way people export it: {@code az monitor activity-log list} (an array of Activity Log
 * events, Started then Succeeded per operation) and {@code az graph query} over resourcechanges (the current
 * {@code {"count", "data"}} object or the older plain array).
 */
public final class ChangeExports {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangeExports() {
    }

    public static Path activityLog(Path file, HubId hub, ChangeEvidence history) throws IOException {
        ArrayNode events = JSON.createArrayNode();
        for (ChangeEvent e : history.changes()) {
            for (String status : new String[]{"Started", "Succeeded"}) {
                ObjectNode n = events.addObject();
                n.put("caller", e.caller());
                n.putObject("category").put("value", "Administrative").put("localizedValue", "Administrative");
                n.put("correlationId", e.correlationId().orElse(""));
                n.put("eventDataId", java.util.UUID.nameUUIDFromBytes((e.time() + status).getBytes()).toString());
                n.putObject("eventName").put("value", status.equals("Started") ? "BeginRequest" : "EndRequest");
                n.put("eventTimestamp", (status.equals("Started") ? e.time() : e.time().plusSeconds(2)).toString());
                n.put("level", "Informational");
                n.put("operationId", e.correlationId().orElse(""));
                n.putObject("operationName").put("value", e.operation()).put("localizedValue", "Create or update IotHub");
                n.put("resourceGroup", hub.resourceGroup());
                n.put("resourceId", e.resourceId());
                n.putObject("status").put("value", status).put("localizedValue", status);
                n.put("subscriptionId", hub.subscriptionId());
            }
        }
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(events));
        return file;
    }

    public static Path resourceGraph(Path file, HubId hub, ChangeEvidence history, boolean olderArrayForm)
            throws IOException {
        ArrayNode rows = JSON.createArrayNode();
        for (ChangeEvent e : history.changes()) {
            ObjectNode row = rows.addObject();
            row.put("id", e.resourceId() + "/providers/Microsoft.Resources/changes/" + e.correlationId().orElse("x"));
            row.put("name", e.correlationId().orElse("x"));
            row.put("type", "microsoft.resources/changes");
            row.put("resourceGroup", hub.resourceGroup());
            row.put("subscriptionId", hub.subscriptionId());
            ObjectNode p = row.putObject("properties");
            p.put("targetResourceId", e.resourceId());
            p.put("targetResourceType", "microsoft.devices/iothubs");
            p.put("changeType", e.changeType());
            ObjectNode a = p.putObject("changeAttributes");
            a.put("correlationId", e.correlationId().orElse(""));
            a.put("timestamp", e.time().plusSeconds(3).toString());
            a.put("changedBy", e.caller());
            a.put("changedByType", e.callerKind() == io.iothubtriage.evidence.CallerKind.USER ? "User" : "AppId");
            a.put("clientType", "Azure Portal");
            a.put("operation", e.operation());
            a.put("changesCount", e.properties().size() + 1);
            ObjectNode changes = p.putObject("changes");
            for (PropertyChange c : e.properties()) {
                ObjectNode v = changes.putObject(c.path());
                v.put("propertyChangeType", c.changeType());
                v.put("changeCategory", "User");
                v.put("previousValue", c.before().orElse("null"));
                v.put("newValue", c.after().orElse("null"));
            }
            changes.putObject("properties.provisioningState").put("propertyChangeType", "Update")
                    .put("changeCategory", "System").put("previousValue", "Updating").put("newValue", "Succeeded");
        }
        Object doc = rows;
        if (!olderArrayForm) {
            ObjectNode o = JSON.createObjectNode();
            o.put("count", rows.size());
            o.set("data", rows);
            o.putNull("skip_token");
            o.put("total_records", rows.size());
            doc = o;
        }
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        return file;
    }
}
