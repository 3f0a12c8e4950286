package io.iothubtriage.evidence;

import java.time.Duration;
import java.util.Objects;

/**
 * The thresholds of the contract's noise rules, as the {@link ConnectionAggregator} applies them. The defaults
 * are the contract's; every one is configurable.
 *
 * @param renewalFollowUp  a SAS renewal is an error (401003 and/or 404104) followed by a successful deviceConnect of
 *                         the same device within this long (contract: 2 minutes, inclusive)
 * @param renewalMinRepeat a renewal must not repeat more often than this: another error of the same device closer
 *                         than this to the renewal's errors breaks the pattern (contract: 10 minutes)
 * @param edgeOfData       errors later than this before the newest row cannot have their follow-up seen yet
 *                         (contract: 2 minutes)
 * @param deviceBufferCap  per device, how many error and successful-connect timestamps of the analysis window are
 *                         kept to judge renewals on unordered input; a device with more is judged without the
 *                         renewal rule (it is not a renewer: see docs/aggregation.md). Between 8 and 4096.
 */
public record NoiseRules(Duration renewalFollowUp, Duration renewalMinRepeat, Duration edgeOfData,
                         int deviceBufferCap) {

    public static final Duration DEFAULT_RENEWAL_FOLLOW_UP = Duration.ofMinutes(2);
    public static final Duration DEFAULT_RENEWAL_MIN_REPEAT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_EDGE_OF_DATA = Duration.ofMinutes(2);
    public static final int DEFAULT_DEVICE_BUFFER_CAP = 64;

    public NoiseRules {
        requireNotNegative(renewalFollowUp, "renewalFollowUp");
        requireNotNegative(renewalMinRepeat, "renewalMinRepeat");
        requireNotNegative(edgeOfData, "edgeOfData");
        if (deviceBufferCap < 8 || deviceBufferCap > 4096) {
            throw new IllegalArgumentException("deviceBufferCap must be between 8 and 4096, was " + deviceBufferCap);
        }
    }

    /** The contract's thresholds: follow-up 2 min, minimum repeat 10 min, edge 2 min; 64 timestamps per device. */
    public static NoiseRules defaults() {
        return new NoiseRules(DEFAULT_RENEWAL_FOLLOW_UP, DEFAULT_RENEWAL_MIN_REPEAT, DEFAULT_EDGE_OF_DATA,
                DEFAULT_DEVICE_BUFFER_CAP);
    }

    public NoiseRules withRenewalFollowUp(Duration d) {
        return new NoiseRules(d, renewalMinRepeat, edgeOfData, deviceBufferCap);
    }

    public NoiseRules withRenewalMinRepeat(Duration d) {
        return new NoiseRules(renewalFollowUp, d, edgeOfData, deviceBufferCap);
    }

    public NoiseRules withEdgeOfData(Duration d) {
        return new NoiseRules(renewalFollowUp, renewalMinRepeat, d, deviceBufferCap);
    }

    public NoiseRules withDeviceBufferCap(int cap) {
        return new NoiseRules(renewalFollowUp, renewalMinRepeat, edgeOfData, cap);
    }

    private static void requireNotNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + d);
        }
    }
}
