package io.iothubtriage.evidence;

import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.TriageRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Small builders of Connections rows for aggregator tests: times are "HH:mm:ss" on 2026-01-15 (UTC). */
final class Rows {
    static final HubId HUB = HubId.parse(
            "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/hub-a");

    private Rows() {
    }

    static Instant at(String hhmmss) {
        return Instant.parse("2026-01-15T" + hhmmss + "Z");
    }

    /** Analysis window [from, to), baseline the 24 h before. */
    static TriageRequest request(String from, String to) {
        TimeWindow w = new TimeWindow(at(from), at(to));
        return new TriageRequest(HUB, w, w.before(Duration.ofHours(24)), Optional.empty());
    }

    static ConnectionLogRow connect(String device, Instant t) {
        return new ConnectionLogRow(t, "deviceConnect", "Information", "", "", device, "Mqtt", "device/sas",
                "203.0.113.XXX", ".NET/1.42.3 (.NET 6.0.25; Linux; X64)", "", "");
    }

    static ConnectionLogRow connect(String device, String t) {
        return connect(device, at(t));
    }

    static ConnectionLogRow cleanDisconnect(String device, String t) {
        return new ConnectionLogRow(at(t), "deviceDisconnect", "Information", "", "", device, "Mqtt", "device/sas",
                "203.0.113.XXX", "", "", "");
    }

    /** An error on deviceDisconnect: the code closed the connection. */
    static ConnectionLogRow closed(String device, String t, String code) {
        return error(device, at(t), code, false);
    }

    /** An error on deviceConnect: the code refused a (re)connection. */
    static ConnectionLogRow refused(String device, String t, String code) {
        return error(device, at(t), code, true);
    }

    static ConnectionLogRow error(String device, Instant t, String code, boolean onConnect) {
        return new ConnectionLogRow(t, onConnect ? "deviceConnect" : "deviceDisconnect", "Error", code,
                description(code), device, "Mqtt", "device/sas", "203.0.113.XXX",
                onConnect ? ".NET/1.42.3 (.NET 6.0.25; Linux; X64)" : "", code.substring(0, 3), "");
    }

    static ConnectionLogRow withIp(ConnectionLogRow r, String ip) {
        return new ConnectionLogRow(r.time(), r.operationName(), r.level(), r.resultType(), r.resultDescription(),
                r.deviceId(), r.protocol(), r.authType(), ip, r.sdkVersion(), r.statusCode(), r.errorMessage());
    }

    static ConnectionLogRow withSdk(ConnectionLogRow r, String sdk) {
        return new ConnectionLogRow(r.time(), r.operationName(), r.level(), r.resultType(), r.resultDescription(),
                r.deviceId(), r.protocol(), r.authType(), r.maskedIpAddress(), sdk, r.statusCode(), r.errorMessage());
    }

    static String description(String code) {
        return switch (code) {
            case "404104" -> "DeviceConnectionClosedRemotely";
            case "401003" -> "IoTHubUnauthorized";
            case "409002" -> "LinkCreationConflict";
            case "400027" -> "ConnectionForcefullyClosedOnNewConnection";
            case "500008" -> "GenericTimeout";
            case "500001" -> "ServerError";
            case "429001" -> "ThrottlingException";
            case "400029" -> "ConnectionForcefullyClosedOnFaultInjection";
            default -> "";
        };
    }
}
