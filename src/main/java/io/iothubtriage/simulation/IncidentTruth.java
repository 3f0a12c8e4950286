package io.iothubtriage.simulation;

import io.iothubtriage.evidence.CauseFamily;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the simulator actually did for one incident: the ground truth a triage of the scenario is checked against.
 *
 * @param incident       the incident
 * @param at             when it started
 * @param devices        how many devices it hit
 * @param family         the family a correct attribution gives those devices (empty: no errors, e.g. clean shutdown)
 * @param exampleDevices up to five of the hit device ids, in device order
 */
public record IncidentTruth(Incident incident, Instant at, int devices, Optional<CauseFamily> family,
                            List<String> exampleDevices) {
    public IncidentTruth {
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(at, "at");
        family = family == null ? Optional.empty() : family;
        exampleDevices = List.copyOf(exampleDevices);
    }
}
