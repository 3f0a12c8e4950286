package io.iothubtriage.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What to triage: one hub, the analysis window, the baseline window before it, and the alert that asked for
 * it when there was one (a rerun or a CLI run without {@code --alert} has none).
 */
public record TriageRequest(HubId hub, TimeWindow window, TimeWindow baseline, Optional<AlertIdentity> alert) {
    public TriageRequest {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(baseline, "baseline");
        alert = alert == null ? Optional.empty() : alert;
        if (baseline.end().isAfter(window.start())) {
            throw new IllegalArgumentException("baseline window must end no later than the analysis window starts");
        }
    }

    /** For an alert: the windows around its fired time. */
    public static TriageRequest forAlert(HubId hub, AlertIdentity alert, WindowPolicy policy) {
        TimeWindow window = policy.analysisWindow(alert.firedAt());
        return new TriageRequest(hub, window, policy.baselineBefore(window), Optional.of(alert));
    }

    /**
     * Without an alert (CLI {@code --from/--to}, rerun): the given window and the policy's baseline before it.
     *
     * @throws IllegalArgumentException when the window is longer than {@link WindowPolicy#MAX_SPAN}
     */
    public static TriageRequest forWindow(HubId hub, TimeWindow window, WindowPolicy policy) {
        WindowPolicy.requireWithin("window", window.duration(), false, WindowPolicy.MAX_SPAN);
        return new TriageRequest(hub, window, policy.baselineBefore(window), Optional.empty());
    }

    /**
     * Without an alert (CLI or rerun {@code lookback}): [{@code now − lookback}, {@code now}) and the policy's
     * baseline before it.
     *
     * @throws IllegalArgumentException when the lookback is not positive or longer than {@link WindowPolicy#MAX_SPAN}
     */
    public static TriageRequest forLookback(HubId hub, Duration lookback, Instant now, WindowPolicy policy) {
        WindowPolicy.requireWithin("lookback", lookback, false, WindowPolicy.MAX_SPAN);
        return forWindow(hub, new TimeWindow(now.minus(lookback), now), policy);
    }
}
