package io.iothubtriage.evidence;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The columns (or keys) a connection-log export may carry that the readers use. Every format maps its names onto
 * these: {@code TimeGenerated} (Log Analytics) and {@code time} (raw resource log) are both {@link #TIME};
 * {@code properties_s} and {@code properties} are both {@link #PROPERTIES}. Names compare case-insensitively, and
 * a portal header suffix such as {@code " [UTC]"} is ignored. The {@code properties_s} fields may also come as
 * columns of their own (a query that projected {@code DeviceId}, {@code Protocol}, {@code SDKVersion}).
 */
enum LogField {
    TIME("TimeGenerated", "timegenerated", "time"),
    OPERATION("OperationName", "operationname"),
    CATEGORY("Category", "category"),
    LEVEL("Level", "level"),
    RESULT_TYPE("ResultType", "resulttype"),
    RESULT_DESCRIPTION("ResultDescription", "resultdescription"),
    /** The row's resource: {@code _ResourceId} (Log Analytics), {@code ResourceId}, {@code resourceId} (records). */
    RESOURCE_ID("_ResourceId", "_resourceid", "resourceid"),
    SUBSCRIPTION_ID("SubscriptionId", "subscriptionid"),
    RESOURCE_GROUP("ResourceGroup", "resourcegroup"),
    RESOURCE("Resource", "resource"),
    PROPERTIES("properties_s", "properties_s", "properties"),
    DEVICE_ID("DeviceId", "deviceid"),
    PROTOCOL("Protocol", "protocol"),
    AUTH_TYPE("AuthType", "authtype"),
    MASKED_IP("MaskedIpAddress", "maskedipaddress"),
    SDK_VERSION("SdkVersion", "sdkversion"),
    STATUS_CODE("StatusCode", "statuscode"),
    ERROR_MESSAGE("ErrorMessage", "errormessage");

    static final int COUNT = values().length;
    private static final LogField[] VALUES = values();
    private static final Map<String, LogField> BY_LOWER_NAME = new HashMap<>();

    static {
        for (LogField f : VALUES) {
            for (String n : f.names) {
                BY_LOWER_NAME.put(n, f);
            }
        }
    }

    /** The name used in messages (the Log Analytics column name). */
    final String display;
    private final String[] names;

    LogField(String display, String... lowerNames) {
        this.display = display;
        this.names = lowerNames;
    }

    /** The field a column or key of this name holds, or null for a column the readers do not use. */
    static LogField forName(String name) {
        String n = baseName(name).toLowerCase(Locale.ROOT);
        return BY_LOWER_NAME.get(n);
    }

    /** The column name without a portal suffix: {@code "TimeGenerated [UTC]"} gives {@code "TimeGenerated"}. */
    static String baseName(String name) {
        String n = name.strip();
        int bracket = n.indexOf(" [");
        if (bracket > 0 && n.endsWith("]")) {
            n = n.substring(0, bracket).strip();
        }
        return n;
    }

    /** The text inside a portal suffix ({@code "UTC"} for {@code "TimeGenerated [UTC]"}), or "" when none. */
    static String suffix(String name) {
        String n = name.strip();
        int bracket = n.indexOf(" [");
        if (bracket > 0 && n.endsWith("]")) {
            return n.substring(bracket + 2, n.length() - 1).strip();
        }
        return "";
    }
}
