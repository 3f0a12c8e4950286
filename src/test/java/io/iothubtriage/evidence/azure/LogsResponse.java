package io.iothubtriage.evidence.azure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds Log Analytics query API responses in the wire format of the samples ({"tables":[{"name":"PrimaryResult",
 * "columns":[{"name","type"}],"rows":[[…]]}]}): here, the sectioned result of connections-summary.kql, whose union
 * has these columns (missing values are null, as Kusto sends them).
 */
final class LogsResponse {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> SUMMARY_COLUMNS = new LinkedHashMap<>();

    static {
        for (String c : new String[] {"section", "code", "description", "family", "dimension", "value", "deviceId"}) {
            SUMMARY_COLUMNS.put(c, "string");
        }
        for (String c : new String[] {"analysisRows", "baselineRows", "activeDevices", "disconnectedDevices",
                "sasRenewalDevices", "sasRenewalEvents", "edgeOfDataDevices", "edgeOfDataEvents",
                "sideEffectDuplicateDevices", "events", "devices", "noiseEvents", "onConnect", "baselineEvents",
                "baselineDevices", "stillOffline", "distinctValues", "rank"}) {
            SUMMARY_COLUMNS.put(c, "long");
        }
        for (String c : new String[] {"lastRowTime", "firstSeen", "lastSeen"}) {
            SUMMARY_COLUMNS.put(c, "datetime");
        }
    }

    private final Map<String, String> columns;
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private ObjectNode error;

    private LogsResponse(Map<String, String> columns) {
        this.columns = columns;
    }

    static LogsResponse summary() {
        return new LogsResponse(SUMMARY_COLUMNS);
    }

    static LogsResponse table(Map<String, String> columns) {
        return new LogsResponse(columns);
    }

    /** The columns connections-rows.kql projects, as the API types them. */
    static LogsResponse rows() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("TimeGenerated", "datetime");
        for (String name : new String[] {"Category", "OperationName", "Level", "ResultType", "ResultDescription",
                "properties_s", "_ResourceId"}) {
            c.put(name, "string");
        }
        return new LogsResponse(c);
    }

    static LogsResponse timeline() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("minute", "datetime");
        c.put("connects", "long");
        c.put("disconnects", "long");
        c.put("errors", "long");
        return new LogsResponse(c);
    }

    /** One row: column, value pairs. */
    LogsResponse row(Object... pairs) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (!columns.containsKey((String) pairs[i])) {
                throw new IllegalArgumentException("no column " + pairs[i]);
            }
            row.put((String) pairs[i], pairs[i + 1]);
        }
        rows.add(row);
        return this;
    }

    LogsResponse partialError(String message) {
        error = JSON.createObjectNode();
        error.put("code", "PartialError");
        error.put("message", message);
        ObjectNode detail = error.putArray("details").addObject();
        detail.put("code", "EngineError");
        detail.put("message", "Query result set has exceeded the internal limit");
        detail.putObject("innererror").put("code", "E_QUERY_RESULT_SET_TOO_LARGE");
        return this;
    }

    String json() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode table = root.putArray("tables").addObject();
        table.put("name", "PrimaryResult");
        ArrayNode cols = table.putArray("columns");
        columns.forEach((name, type) -> cols.addObject().put("name", name).put("type", type));
        ArrayNode out = table.putArray("rows");
        for (Map<String, Object> row : rows) {
            ArrayNode r = out.addArray();
            for (String name : columns.keySet()) {
                r.addPOJO(row.get(name));
            }
        }
        if (error != null) {
            root.set("error", error);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
