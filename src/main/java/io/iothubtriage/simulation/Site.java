package io.iothubtriage.simulation;

import java.util.Objects;

/**
 * A place where a share of the fleet sits behind one masked IP address (a factory, a building), as IoT Hub logs
 * it with the last octet masked, e.g. {@code 203.0.113.XXX}.
 */
public record Site(String maskedIp, double share) {
    public Site {
        Objects.requireNonNull(maskedIp, "maskedIp");
        if (!(share > 0 && share < 1)) {
            throw new IllegalArgumentException("site share must be in (0, 1), was " + share);
        }
    }
}
