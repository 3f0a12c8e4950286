package io.iothubtriage.evidence;

import java.util.List;
import java.util.Optional;

/** All the evidence gathered for one triage. A missing part is empty and explained by a {@link Gap}. */
public record Evidence(Optional<ConnectionEvidence> connections, Optional<HubHealthEvidence> health,
                       Optional<DeviceCountEvidence> deviceCount, Optional<ChangeEvidence> changes, List<Gap> gaps) {
    public Evidence {
        connections = connections == null ? Optional.empty() : connections;
        health = health == null ? Optional.empty() : health;
        deviceCount = deviceCount == null ? Optional.empty() : deviceCount;
        changes = changes == null ? Optional.empty() : changes;
        gaps = List.copyOf(gaps);
    }

    /** Evidence without change history (no change source was asked). */
    public Evidence(Optional<ConnectionEvidence> connections, Optional<HubHealthEvidence> health,
                    Optional<DeviceCountEvidence> deviceCount, List<Gap> gaps) {
        this(connections, health, deviceCount, Optional.empty(), gaps);
    }
}
