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
 * @param baselineRowCap   how many baseline errors and successful connects are kept (8 bytes each) to judge the
 *                         baseline's renewals by the same rule; past it the baseline's renewals are estimated from
 *                         the window's rate instead (docs/aggregation.md, "Baseline"). At least 0.
 * @param chronicHourShare a device whose errors of one cause family (SAS renewals set aside) fall in more than this
 *                         share of the baseline's hours was already failing that way before the window: when it
 *                         fails the same way in the window it is chronic noise, not part of the incident
 *                         (docs/diagnosis.md, "Chronic devices"). Default 0.5: most of the baseline's hours
 * @param chronicMinHours  and in at least this many of them, so that a short baseline never makes a device chronic
 *                         (default 6)
 */
public record NoiseRules(Duration renewalFollowUp, Duration renewalMinRepeat, Duration edgeOfData,
                         int deviceBufferCap, long baselineRowCap, double chronicHourShare, int chronicMinHours) {

    public static final Duration DEFAULT_RENEWAL_FOLLOW_UP = Duration.ofMinutes(2);
    public static final Duration DEFAULT_RENEWAL_MIN_REPEAT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_EDGE_OF_DATA = Duration.ofMinutes(2);
    public static final int DEFAULT_DEVICE_BUFFER_CAP = 64;
    /** 8,000,000 rows: 64 MB at most; a day of hourly renewals (an error and a reconnect) of about 160,000 devices. */
    public static final long DEFAULT_BASELINE_ROW_CAP = 8_000_000;
    public static final double DEFAULT_CHRONIC_HOUR_SHARE = 0.5;
    public static final int DEFAULT_CHRONIC_MIN_HOURS = 6;

    public NoiseRules {
        requireNotNegative(renewalFollowUp, "renewalFollowUp");
        requireNotNegative(renewalMinRepeat, "renewalMinRepeat");
        requireNotNegative(edgeOfData, "edgeOfData");
        if (deviceBufferCap < 8 || deviceBufferCap > 4096) {
            throw new IllegalArgumentException("deviceBufferCap must be between 8 and 4096, was " + deviceBufferCap);
        }
        if (baselineRowCap < 0) {
            throw new IllegalArgumentException("baselineRowCap must not be negative, was " + baselineRowCap);
        }
        if (!(chronicHourShare >= 0 && chronicHourShare <= 1)) {
            throw new IllegalArgumentException("chronicHourShare must be between 0 and 1, was " + chronicHourShare);
        }
        if (chronicMinHours < 1) {
            throw new IllegalArgumentException("chronicMinHours must be at least 1, was " + chronicMinHours);
        }
    }

    /** Thresholds with the default chronic-device rule. */
    public NoiseRules(Duration renewalFollowUp, Duration renewalMinRepeat, Duration edgeOfData, int deviceBufferCap,
                      long baselineRowCap) {
        this(renewalFollowUp, renewalMinRepeat, edgeOfData, deviceBufferCap, baselineRowCap,
                DEFAULT_CHRONIC_HOUR_SHARE, DEFAULT_CHRONIC_MIN_HOURS);
    }

    /** Thresholds with the default baseline row cap. */
    public NoiseRules(Duration renewalFollowUp, Duration renewalMinRepeat, Duration edgeOfData, int deviceBufferCap) {
        this(renewalFollowUp, renewalMinRepeat, edgeOfData, deviceBufferCap, DEFAULT_BASELINE_ROW_CAP);
    }

    /**
     * The contract's thresholds: follow-up 2 min, minimum repeat 10 min, edge 2 min; 64 timestamps per device;
     * 8,000,000 baseline rows judged.
     */
    public static NoiseRules defaults() {
        return new NoiseRules(DEFAULT_RENEWAL_FOLLOW_UP, DEFAULT_RENEWAL_MIN_REPEAT, DEFAULT_EDGE_OF_DATA,
                DEFAULT_DEVICE_BUFFER_CAP);
    }

    public NoiseRules withRenewalFollowUp(Duration d) {
        return new NoiseRules(d, renewalMinRepeat, edgeOfData, deviceBufferCap, baselineRowCap, chronicHourShare, chronicMinHours);
    }

    public NoiseRules withRenewalMinRepeat(Duration d) {
        return new NoiseRules(renewalFollowUp, d, edgeOfData, deviceBufferCap, baselineRowCap, chronicHourShare, chronicMinHours);
    }

    public NoiseRules withEdgeOfData(Duration d) {
        return new NoiseRules(renewalFollowUp, renewalMinRepeat, d, deviceBufferCap, baselineRowCap, chronicHourShare, chronicMinHours);
    }

    public NoiseRules withDeviceBufferCap(int cap) {
        return new NoiseRules(renewalFollowUp, renewalMinRepeat, edgeOfData, cap, baselineRowCap, chronicHourShare, chronicMinHours);
    }

    public NoiseRules withBaselineRowCap(long cap) {
        return new NoiseRules(renewalFollowUp, renewalMinRepeat, edgeOfData, deviceBufferCap, cap, chronicHourShare, chronicMinHours);
    }

    public NoiseRules withChronic(double hourShare, int minHours) {
        return new NoiseRules(renewalFollowUp, renewalMinRepeat, edgeOfData, deviceBufferCap, baselineRowCap,
                hourShare, minHours);
    }

    /**
     * How many of the baseline's hours a device's errors of one family must fall in for it to be chronic: more than
     * {@link #chronicHourShare} of them, and at least {@link #chronicMinHours}.
     */
    int chronicHours(Duration baseline) {
        long hours = Math.max(1, (baseline.toMillis() + 3_599_999) / 3_600_000);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(chronicMinHours, (long) Math.floor(chronicHourShare * hours) + 1));
    }

    private static void requireNotNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + d);
        }
    }
}
