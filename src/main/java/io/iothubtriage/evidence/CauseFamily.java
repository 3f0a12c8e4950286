package io.iothubtriage.evidence;

/**
 * The cause families of the triage contract, decided from {@code ResultType} alone. It lives with the evidence
 * because attributing each device to one family is part of summarising the evidence (server-side in KQL, or in
 * the streaming aggregator); the diagnosis catalog adds names, causes and resolutions.
 */
public enum CauseFamily {
    AUTHENTICATION,
    NETWORK_OR_KEEPALIVE,
    DUPLICATE_CONNECTION,
    SERVICE_TRANSIENT,
    PLATFORM_CHANGE,
    THROTTLING_OR_QUOTA,
    OTHER;

    /** The family of a result code, per the contract's table. Unknown and empty codes are OTHER. */
    public static CauseFamily of(String code) {
        if (code == null || code.length() != 6) {
            return OTHER;
        }
        switch (code) {
            case "404104": return NETWORK_OR_KEEPALIVE;
            case "409002":
            case "400027": return DUPLICATE_CONNECTION;
            case "400029":
            case "400030":
            case "404012": return PLATFORM_CHANGE;
            case "403012": return AUTHENTICATION;
            case "403002": return THROTTLING_OR_QUOTA;
            default: break;
        }
        if (code.startsWith("401")) {
            return AUTHENTICATION;
        }
        if (code.startsWith("429")) {
            return THROTTLING_OR_QUOTA;
        }
        if (code.startsWith("500") || code.startsWith("503") || code.startsWith("504")) {
            return SERVICE_TRANSIENT;
        }
        return OTHER;
    }

    /** 409002 / 400027 only decide for devices that have nothing else (side-effect rule). */
    public boolean isSideEffectProne() {
        return this == DUPLICATE_CONNECTION;
    }
}
