package io.iothubtriage.evidence;

/** The device properties along which scope is judged: does the trouble sit on one value that the fleet does not share? */
public enum Dimension {
    MASKED_IP_ADDRESS("maskedIpAddress"),
    PROTOCOL("protocol"),
    AUTH_TYPE("authType"),
    SDK_VERSION("sdkVersion");

    private final String wire;

    Dimension(String wire) {
        this.wire = wire;
    }

    /** The name used in the report JSON ({@code scope.dimension}) and in {@code properties_s}. */
    public String wire() {
        return wire;
    }
}
