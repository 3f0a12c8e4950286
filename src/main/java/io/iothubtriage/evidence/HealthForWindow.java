package io.iothubtriage.evidence;

import io.iothubtriage.alert.TimeWindow;

import java.util.List;
import java.util.Optional;

/**
 * Resource Health kept to what can speak about one window, for exported files and the live API alike: when none of
 * its statuses overlaps the window ({@link TimeCoverage}: a status holds from its occurred time to the next one's,
 * the newest until its last check), the statuses are not used and a gap says what they cover. A status of another
 * time says nothing about the hub during the window, nor "now" as of it. Service-health events are kept: they carry
 * their own times.
 */
public final class HealthForWindow {
    private HealthForWindow() {
    }

    /** The usable part (empty when nothing is left) and the gap, if any. */
    public static ExportedEvidence.Checked<HubHealthEvidence> check(HubHealthEvidence h, TimeWindow window) {
        Optional<String> outside = TimeCoverage.healthOutside(h, window);
        if (outside.isEmpty()) {
            return new ExportedEvidence.Checked<>(Optional.of(h), List.of());
        }
        List<Gap> gaps = List.of(Gap.ofAnotherTime(Gap.RESOURCE_HEALTH, outside.get()));
        if (h.events().isEmpty()) {
            return new ExportedEvidence.Checked<>(Optional.empty(), gaps);
        }
        return new ExportedEvidence.Checked<>(Optional.of(new HubHealthEvidence(Optional.empty(), List.of(), h.events())),
                gaps);
    }
}
