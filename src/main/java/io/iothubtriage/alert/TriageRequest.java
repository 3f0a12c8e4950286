package io.iothubtriage.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * What to triage: one hub, the analysis window, the baseline window before it, and the alert that asked for
 * it when there was one (a rerun or a CLI run without {@code --alert} has none).
 *
 * @param requestedEnd the end the caller asked for, when the window was cut at the time of the triage because it
 *                     ended in the future ({@link #cutAt}); empty otherwise
 */
public record TriageRequest(HubId hub, TimeWindow window, TimeWindow baseline, Optional<AlertIdentity> alert,
                            Optional<Instant> requestedEnd) {
    public TriageRequest {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(baseline, "baseline");
        alert = alert == null ? Optional.empty() : alert;
        requestedEnd = requestedEnd == null ? Optional.empty() : requestedEnd;
        if (baseline.end().isAfter(window.start())) {
            throw new IllegalArgumentException("baseline window must end no later than the analysis window starts");
        }
    }

    /** A request whose window is as asked. */
    public TriageRequest(HubId hub, TimeWindow window, TimeWindow baseline, Optional<AlertIdentity> alert) {
        this(hub, window, baseline, alert, Optional.empty());
    }

    /**
     * This request with its window ending at {@code now} when it ends later (logs of the future cannot be read, and
     * an empty end would read as "no errors"), remembering the end that was asked for. A window that starts at or
     * after {@code now} is left as it is: there is nothing to cut it to.
     */
    public TriageRequest cutAt(Instant now) {
        Objects.requireNonNull(now, "now");
        Instant cut = now.truncatedTo(ChronoUnit.SECONDS); // a window's ends are whole seconds, in reports and queries
        if (!window.end().isAfter(cut) || !window.start().isBefore(cut)) {
            return this;
        }
        return new TriageRequest(hub, new TimeWindow(window.start(), cut), baseline, alert,
                Optional.of(requestedEnd.orElse(window.end())));
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
        // whole seconds, as the cut at now makes them: an end a fraction of a second later read as "cut at now"
        Instant end = now.truncatedTo(ChronoUnit.SECONDS);
        return forWindow(hub, new TimeWindow(end.minus(lookback), end), policy);
    }
}
