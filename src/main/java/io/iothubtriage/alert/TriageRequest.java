package io.iothubtriage.alert;

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
}
