package io.iothubtriage.diagnosis;

/** The one verdict of a triage, in the contract's order of precedence. Names are stable: the report JSON uses them. */
public enum Verdict {
    NO_DIAGNOSTIC_LOGS,
    PLATFORM_INCIDENT,
    USER_INITIATED_HUB_CHANGE,
    AUTHENTICATION_FAILURES,
    DEVICE_NETWORK_OR_KEEPALIVE,
    DUPLICATE_CONNECTIONS,
    TRANSIENT_SERVICE_ERRORS,
    THROTTLING_OR_QUOTA,
    NO_CONNECTION_ERRORS,
    MIXED,
    INSUFFICIENT_EVIDENCE
}
