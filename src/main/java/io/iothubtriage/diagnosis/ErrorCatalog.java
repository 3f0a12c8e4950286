package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.CauseFamily;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The IoT Hub result codes the triage knows: name, cause family, cause and resolution in plain words, and a
 * documentation link. Unknown codes are never dropped: {@link #describe(String, String)} names them from the
 * logged {@code ResultDescription}.
 *
 * <p>Links point at Microsoft Learn's "Troubleshoot Azure IoT Hub error codes" page. Codes with a section of their
 * own there link to it ({@code #404001-devicenotfound-error}); codes listed only in a family table link to the
 * table's section ({@code #429xxx-throttling-exception-errors}). 404104 uses the short link the hub writes into its
 * own log rows.
 */
public final class ErrorCatalog {

    /** The Microsoft Learn page every code links into. */
    public static final String ERROR_CODES_PAGE = "https://learn.microsoft.com/azure/iot-hub/troubleshoot-error-codes";
    /** Microsoft's guide to monitoring and troubleshooting device connectivity. */
    public static final String CONNECTIVITY_GUIDE =
            "https://learn.microsoft.com/azure/iot-hub/iot-hub-troubleshoot-connectivity";
    /** How to check the hub with Resource Health. */
    public static final String RESOURCE_HEALTH_GUIDE =
            "https://learn.microsoft.com/azure/iot-hub/iot-hub-azure-service-health-integration";
    /** How to route the Connections category to Log Analytics. */
    public static final String MONITORING_GUIDE = "https://learn.microsoft.com/azure/iot-hub/monitor-iot-hub";

    /** A named comparator rather than a lambda: the catalog is built in every cold CLI run.
     * Declared before CODES, whose initialiser uses it. */
    private static final Comparator<ErrorCode> BY_CODE = new Comparator<>() {
        @Override
        public int compare(ErrorCode a, ErrorCode b) {
            return a.code().compareTo(b.code());
        }
    };

    private static final Map<String, ErrorCode> CODES = build();

    private ErrorCatalog() {
    }

    /** The name of a code the catalog does not know and whose rows logged no name. */
    static final String NO_NAME = "(no name logged)";

    /** The catalog entry of a code, if the catalog knows it. */
    public static Optional<ErrorCode> lookup(String code) {
        return Optional.ofNullable(code == null ? null : CODES.get(code.trim()));
    }

    /**
     * The entry of a code, or for an unknown code an entry named after the logged description (or "(no name
     * logged)" when the rows had none: a made-up name such as "Unknown error" would read as the hub's own words), with the family {@link CauseFamily#of(String)} gives it (OTHER outside the contract's
     * code ranges), no cause or resolution, and a link to the error-code page.
     */
    public static ErrorCode describe(String code, String loggedDescription) {
        String c = code == null ? "" : code.trim();
        ErrorCode known = CODES.get(c);
        if (known != null) {
            return known;
        }
        String name = loggedDescription == null || loggedDescription.isBlank() ? NO_NAME : loggedDescription.trim();
        return new ErrorCode(c, name, CauseFamily.of(c), "", "", ERROR_CODES_PAGE, false, false);
    }

    /** Every entry, in code order. */
    public static List<ErrorCode> all() {
        return List.copyOf(CODES.values());
    }

    private static Map<String, ErrorCode> build() {
        List<ErrorCode> list = new ArrayList<>();
        // 400xxx: connection replaced, platform upgrades
        add(list, "400027", "ConnectionForcefullyClosedOnNewConnection", true,
                "A second client connected with the same device identity, so the hub closed the older connection. "
                        + "Two processes, two devices sharing a connection string, or a reconnect loop can cause it.",
                "Give every client its own device identity and open a new connection only after the old one is gone.",
                section("400xxx-bad-request-errors"));
        add(list, "400029", "ConnectionForcefullyClosedOnFaultInjection", true,
                "The hub closed existing connections while its service or platform was being upgraded.",
                "Nothing to fix on the device: reconnecting with the SDK's retry policy succeeds right away.",
                section("400xxx-bad-request-errors"));
        add(list, "400030", "ConnectionRejectedOnFaultInjection", true,
                "The hub refused new connections and immediate retries during a service or platform upgrade.",
                "Let the SDK retry with back-off; connections are accepted again once the upgrade step finishes.",
                section("400xxx-bad-request-errors"));
        // 401xxx: authentication
        add(list, "401001", "IotHubNotFound", true,
                "The client addressed a hub that does not exist: a wrong host name, or a deleted or renamed hub.",
                "Check the host name in the device connection string or provisioning result against the hub's name.",
                section("401xxx-unauthorized-errors"));
        add(list, "401002", "IotHubUnauthorizedAccess", true,
                "The hub rejected the credentials of a request: an expired SAS token, or a key or policy that does "
                        + "not grant the operation.",
                "Check the shared access policy or device key used and that its token is current.",
                section("401xxx-unauthorized-errors"));
        add(list, "401003", "IoTHubUnauthorized", true,
                "The hub could not validate the device's credentials: an expired SAS token (normal once per token "
                        + "lifetime when the SDK renews by reconnecting), a wrong key, an expired or unregistered X.509 "
                        + "certificate, a missing role, or a device clock more than 5 minutes off.",
                "If it repeats on reconnect: check the device key or certificate (expiry, registered thumbprint, CA "
                        + "chain) and the device clock (NTP); a single 401003 followed by a reconnect needs nothing.",
                section("401003-iothubunauthorized-error"));
        // 403xxx: forbidden, quota, disabled
        add(list, "403001", "IotHubSuspended", true,
                "The hub is suspended, for example because its subscription is disabled or over a spending limit.",
                "Check the subscription's state and billing, then the hub's status in the portal.",
                section("403xxx-forbidden-errors"));
        add(list, "403002", "IoTHubQuotaExceeded", true,
                "The hub used up its daily message quota (or the registry is at its device limit).",
                "Add units or move to a bigger tier, or wait for the quota to reset at 00:00 UTC; watch the "
                        + "'Total number of messages used' metric.",
                section("403002-iothubquotaexceeded-error"));
        add(list, "403004", "DeviceMaximumQueueDepthExceeded", false,
                "Too many cloud-to-device messages are waiting for one device, typically one that polls over HTTPS.",
                "Have the device complete or reject messages promptly, receive over MQTT or AMQP, or purge the queue.",
                section("403004-devicemaximumqueuedepthexceeded-error"));
        add(list, "403006", "DeviceMaximumActiveFileUploadLimitExceeded", false,
                "The device has too many file uploads open, usually because it never reports them as complete.",
                "Notify the hub when each upload completes and shorten the upload SAS lifetime.",
                section("403006-devicemaximumactivefileuploadlimitexceeded-error"));
        add(list, "403012", "DeviceDisabled", true,
                "The device identity is disabled in the hub's registry, so its connections are refused.",
                "Check the device's status in the registry and enable it if it should be online.",
                section("403xxx-forbidden-errors"));
        // 404xxx: not found, failover, closed remotely
        add(list, "404001", "DeviceNotFound", false,
                "An operation named a device the registry does not have (never registered, deleted, or disabled).",
                "Register the device id, or fix the id the caller uses.",
                section("404001-devicenotfound-error"));
        add(list, "404012", "IotHubFailingOver", true,
                "The hub is failing over to its paired region; connections are refused until it completes.",
                "Check the hub's status and activity log; devices reconnect on their own once the failover completes.",
                section("404xxx-notfound-errors"));
        add(list, "404102", "DeviceNotOnline", false,
                "A direct method was sent to a device that is not connected or has not registered a method handler.",
                "Register the direct-method callback on the device, and call methods only on connected devices.",
                section("404103-devicenotonline-error"));
        add(list, "404103", "DeviceNotOnline", false,
                "A direct method was sent to a device that is not connected or has not registered a method handler.",
                "Register the direct-method callback on the device, and call methods only on connected devices.",
                section("404103-devicenotonline-error"));
        add(list, "404104", "DeviceConnectionClosedRemotely", true,
                "The device's connection ended without a clean disconnect: the network dropped for longer than the "
                        + "keep-alive, the socket was reset, the device app crashed, or the hub closed an expired "
                        + "SAS token; many devices at once can also mean a transient hub fault.",
                "Check the devices' network path and keep-alive setting, use a current SDK, and compare with 401003 "
                        + "(token expiry) and 500xxx (hub faults) in the same minutes.",
                "https://aka.ms/iothub404104");
        // 409xxx / 412xxx / 413xxx
        add(list, "409001", "DeviceAlreadyExists", false,
                "A registration asked for a device id that already exists in the registry.",
                "Use a different device id, or update the existing identity instead of creating it.",
                section("409001-devicealreadyexists-error"));
        add(list, "409002", "LinkCreationConflict", true,
                "The hub saw a new connection for a device it still considered connected and closed the old one; "
                        + "usually a side effect of a drop followed by an immediate reconnect.",
                "Fix the error that dropped the first connection; otherwise make sure the device opens only one "
                        + "connection at a time.",
                section("409002-linkcreationconflict-error"));
        add(list, "412002", "DeviceMessageLockLost", false,
                "The device completed a cloud-to-device message after its one-minute lock had expired.",
                "Complete, reject or abandon each message within a minute of receiving it.",
                section("412002-devicemessagelocklost-error"));
        add(list, "413001", "MessageTooLarge", false,
                "A message was larger than the hub accepts.",
                "Make the message smaller, or upload large payloads as files.",
                section("413xxx-request-entity-too-large-errors"));
        // 429xxx: throttling
        String throttling = section("429xxx-throttling-exception-errors");
        add(list, "429000", "GenericTooManyRequests", true,
                "The hub throttled requests because they came faster than the tier allows.",
                "Slow the request rate (retries with back-off and jitter) or add units.", throttling);
        add(list, "429001", "ThrottlingException", true,
                "A throttle was exceeded for long enough that the hub started rejecting requests instead of slowing "
                        + "them down.",
                "Compare 'Telemetry message send attempts' and 'Number of throttling errors' with the tier's limits; "
                        + "spread reconnects and sends, or scale the hub up.", throttling);
        add(list, "429002", "ThrottleBacklogLimitExceeded", true,
                "Too many requests piled up in the hub's throttling backlog.",
                "Send fewer requests at once and add back-off with jitter to reconnects.", throttling);
        add(list, "429003", "ThrottlingBacklogTimeout", true,
                "Requests waited in the throttling backlog until they timed out.",
                "Send fewer requests at once; scale the hub if the load is normal for it.", throttling);
        add(list, "429004", "ThrottlingMaxActiveJobCountExceeded", true,
                "Too many jobs are running on the hub at once.",
                "Wait for running jobs to finish or cancel some before starting new ones.", throttling);
        add(list, "429005", "DeviceThrottlingLimitExceeded", true,
                "One device sent more requests than the per-device limit allows.",
                "Reduce that device's request rate and check it is not stuck in a tight reconnect loop.", throttling);
        // 500xxx / 503xxx / 504xxx: service side
        String internal = section("500xxx-internal-server-errors");
        add(list, "500001", "ServerError", true,
                "A transient fault on some of the hub's nodes.",
                "Let the SDK retry; if it persists, check Resource Health and Azure status, consider a manual "
                        + "failover, then open a support case.", internal);
        add(list, "500008", "GenericTimeout", true,
                "The hub could not finish a connection request in time.",
                "Let the SDK retry; if it persists, check Resource Health and Azure status, then open a support case.",
                internal);
        String unavailable = section("503xxx-service-unavailable-related-errors");
        add(list, "503001", "ServiceUnavailable", true,
                "The hub service was briefly unavailable.",
                "Retry with back-off; check Resource Health if it lasts more than a few minutes.", unavailable);
        add(list, "503003", "PartitionNotFound", true,
                "An internal partition of the hub could not be reached; treated as transient.",
                "Retry with back-off; check Resource Health if it lasts.", unavailable);
        add(list, "503005", "ServerBusy", true,
                "The hub was too busy to take the request.",
                "Retry with back-off; check Resource Health if it lasts.", unavailable);
        add(list, "503006", "IotHubRestoring", true,
                "The hub is being restored and is not serving requests yet.",
                "Wait for the restore to finish, then let devices reconnect.", unavailable);
        add(list, "503008", "ReceiveLinkOpensThrottled", true,
                "The hub throttled the opening of receive links.",
                "Retry with back-off and jitter so devices do not open links all at once.", unavailable);
        String deviceUnavailable = section("5031xx-device-model-unavailable-errors");
        add(list, "503101", "ConnectionUnavailable", true,
                "The hub could not serve the device's connection at that moment.",
                "Retry with back-off; check Resource Health if many devices see it.", deviceUnavailable);
        add(list, "503102", "DeviceUnavailable", true,
                "The device's state in the hub was not available at that moment.",
                "Retry with back-off; check Resource Health if many devices see it.", deviceUnavailable);
        add(list, "504101", "GatewayTimeout", true,
                "The hub could not confirm an operation before timing out; with .NET SDKs older than 1.19.0 an AMQP "
                        + "link could also drop silently.",
                "Retry; upgrade old .NET device SDKs.", section("504101-gatewaytimeout-error"));

        Map<String, ErrorCode> map = new LinkedHashMap<>();
        List<ErrorCode> byCode = new ArrayList<>(list);
        byCode.sort(BY_CODE);
        for (ErrorCode e : byCode) {
            map.put(e.code(), e);
        }
        return Collections.unmodifiableMap(map);
    }

    private static void add(List<ErrorCode> list, String code, String name, boolean connectivity, String cause,
                            String resolution, String docs) {
        list.add(new ErrorCode(code, name, CauseFamily.of(code), cause, resolution, docs, connectivity, true));
    }

    private static String section(String anchor) {
        return ERROR_CODES_PAGE + "#" + anchor;
    }
}
