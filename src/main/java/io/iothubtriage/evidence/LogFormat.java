package io.iothubtriage.evidence;

/** The ways connection-log rows are exported, as {@link ConnectionLogReader} recognises them from content. */
public enum LogFormat {
    /** The Log Analytics query API response: {@code {"tables":[{"name","columns","rows"}]}}. */
    LOG_ANALYTICS_RESPONSE("Log Analytics query response"),
    /** {@code az monitor log-analytics query} output: a JSON array of row objects keyed by column name. */
    CLI_JSON_ARRAY("Azure CLI JSON array of rows"),
    /** The Azure portal's CSV export: a header row of column names, then one row per record. */
    PORTAL_CSV("portal CSV export"),
    /** Resource logs as archived to storage or Event Hubs: {@code {"records":[{time, operationName, ...}]}}. */
    RESOURCE_LOG_RECORDS("resource-log records"),
    /** Resource-log records (or row objects) one JSON object after another, typically one per line. */
    RESOURCE_LOG_LINES("resource-log records, one JSON object per line");

    private final String description;

    LogFormat(String description) {
        this.description = description;
    }

    /** Plain words for messages, e.g. "portal CSV export". */
    public String description() {
        return description;
    }
}
