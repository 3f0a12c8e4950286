package io.iothubtriage.evidence;

import java.util.ArrayList;
import java.util.List;

/**
 * A table's columns mapped to the fields a connection-log row is read from, for the JSON readers and the CSV reader
 * alike. A class of its own, without Jackson: the CSV reader maps its header here, and reaching it through the JSON
 * reader initialised Jackson's ObjectMapper (about 370 classes, 40 ms of a cold JVM) on the reading thread before the
 * first row of a CSV export that never uses it.
 */
final class LogColumns {

    private LogColumns() {
    }

    /**
     * Maps columns to fields; a field named twice is taken from its first column. With a resource id column, the
     * SubscriptionId, ResourceGroup and Resource columns are not read (the id says it all, and they would cost three
     * more cells per row).
     */
    static LogField[] fieldsOf(List<String> columns) {
        LogField[] fields = new LogField[columns.size()];
        boolean[] seen = new boolean[LogField.COUNT];
        for (int i = 0; i < fields.length; i++) {
            LogField f = LogField.forName(columns.get(i));
            if (f != null && !seen[f.ordinal()]) {
                fields[i] = f;
                seen[f.ordinal()] = true;
            }
        }
        if (seen[LogField.RESOURCE_ID.ordinal()]) {
            for (int i = 0; i < fields.length; i++) {
                if (fields[i] == LogField.SUBSCRIPTION_ID || fields[i] == LogField.RESOURCE_GROUP
                        || fields[i] == LogField.RESOURCE) {
                    fields[i] = null;
                }
            }
        }
        return fields;
    }

    /** The columns a connection-log table must have, by the names a user would look for. */
    static List<String> missingColumns(LogField[] fields) {
        boolean time = false;
        boolean op = false;
        boolean device = false;
        for (LogField f : fields) {
            time |= f == LogField.TIME;
            op |= f == LogField.OPERATION;
            device |= f == LogField.PROPERTIES || f == LogField.DEVICE_ID;
        }
        List<String> missing = new ArrayList<>();
        if (!time) {
            missing.add("TimeGenerated");
        }
        if (!op) {
            missing.add("OperationName");
        }
        if (!device) {
            missing.add("properties_s (or DeviceId)");
        }
        return missing;
    }

    static String listed(List<String> columns) {
        int max = 12;
        String shown = String.join(", ", columns.subList(0, Math.min(max, columns.size())));
        return columns.size() > max ? shown + ", ... (" + columns.size() + " columns)" : shown;
    }
}
