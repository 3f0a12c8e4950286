package io.iothubtriage.evidence;

import java.time.Instant;
import java.util.Objects;

/**
 * One {@code AzureDiagnostics} row of category {@code Connections}, with the fields of {@code properties_s}
 * lifted out. Absent text fields are the empty string, never null.
 *
 * @param time              TimeGenerated
 * @param operationName     deviceConnect or deviceDisconnect
 * @param level             Information or Error
 * @param resultType        the six-digit error code, empty on informational events
 * @param resultDescription the error name, e.g. DeviceConnectionClosedRemotely
 * @param deviceId          properties_s.deviceId
 * @param protocol          properties_s.protocol (Mqtt, Amqp, ...)
 * @param authType          properties_s.authType reduced to "scope/type" (e.g. "device/sas"), or empty when null
 * @param maskedIpAddress   properties_s.maskedIpAddress, e.g. 203.0.113.XXX
 * @param sdkVersion        properties_s.sdkVersion
 * @param statusCode        properties_s.statusCode as text
 * @param errorMessage      properties_s.errorMessage
 */
public record ConnectionLogRow(Instant time, String operationName, String level, String resultType,
                               String resultDescription, String deviceId, String protocol, String authType,
                               String maskedIpAddress, String sdkVersion, String statusCode, String errorMessage) {

    public static final String CONNECT = "deviceConnect";
    public static final String DISCONNECT = "deviceDisconnect";

    public ConnectionLogRow {
        Objects.requireNonNull(time, "time");
        operationName = orEmpty(operationName);
        level = orEmpty(level);
        resultType = orEmpty(resultType);
        resultDescription = orEmpty(resultDescription);
        deviceId = orEmpty(deviceId);
        protocol = orEmpty(protocol);
        authType = orEmpty(authType);
        maskedIpAddress = orEmpty(maskedIpAddress);
        sdkVersion = orEmpty(sdkVersion);
        statusCode = orEmpty(statusCode);
        errorMessage = orEmpty(errorMessage);
    }

    /** True for a row that reports an error: a result code, or Level Error. */
    public boolean isError() {
        return isError(resultType, level);
    }

    /** True for a successful connection: deviceConnect without an error. */
    public boolean isSuccessfulConnect() {
        return isConnect() && !isError();
    }

    public boolean isConnect() {
        return isConnect(operationName);
    }

    public boolean isDisconnect() {
        return isDisconnect(operationName);
    }

    /** The rules above on the fields themselves, for the rows the readers hand over field by field (RowFields). */
    static boolean isError(String resultType, String level) {
        return !resultType.isEmpty() || "Error".equalsIgnoreCase(level);
    }

    static boolean isConnect(String operationName) {
        return CONNECT.equalsIgnoreCase(operationName);
    }

    static boolean isDisconnect(String operationName) {
        return DISCONNECT.equalsIgnoreCase(operationName);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
