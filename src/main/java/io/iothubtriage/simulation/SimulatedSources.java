package io.iothubtriage.simulation;

import io.iothubtriage.diagnosis.Triage;
import io.iothubtriage.evidence.ChangeEvidenceSource;
import io.iothubtriage.evidence.ConnectionAggregator;
import io.iothubtriage.evidence.ConnectionLogSource;
import io.iothubtriage.evidence.DeviceCountSource;
import io.iothubtriage.evidence.EvidenceException;
import io.iothubtriage.evidence.Fetched;
import io.iothubtriage.evidence.HubHealthSource;
import io.iothubtriage.evidence.NoiseRules;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The evidence sources of a simulated hub, for the demo and for end-to-end tests: the connection logs are streamed
 * through the {@link ConnectionAggregator} for the request's windows, exactly as exported files would be.
 */
public final class SimulatedSources {
    private SimulatedSources() {
    }

    /** Aggregates the scenario's rows; fails (retryable) when the scenario's log source is set to fail. */
    public static ConnectionLogSource connectionLogs(FleetScenario scenario) {
        return connectionLogs(scenario, NoiseRules.defaults());
    }

    public static ConnectionLogSource connectionLogs(FleetScenario scenario, NoiseRules rules) {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(rules, "rules");
        return request -> {
            if (scenario.logSourceFailure().isPresent()) {
                throw new EvidenceException(scenario.logSourceFailure().get(), true);
            }
            ConnectionAggregator aggregator = new ConnectionAggregator(request, rules);
            scenario.rows(aggregator);
            return Fetched.of(aggregator.finish());
        };
    }

    public static HubHealthSource hubHealth(FleetScenario scenario) {
        Objects.requireNonNull(scenario, "scenario");
        return request -> Fetched.of(scenario.health());
    }

    public static DeviceCountSource deviceCount(FleetScenario scenario) {
        Objects.requireNonNull(scenario, "scenario");
        return request -> Fetched.of(scenario.deviceCount());
    }

    /** The scenario's change history (empty when it scripts no change). */
    public static ChangeEvidenceSource changes(FleetScenario scenario) {
        Objects.requireNonNull(scenario, "scenario");
        return request -> Fetched.of(scenario.changeHistory());
    }

    /**
     * The triage runner over all the sources of the scenario, its clock at the end of the scenario's data, so a
     * report reads as if made when the data was fresh. Close it after use.
     */
    public static Triage triage(FleetScenario scenario) {
        return Triage.builder()
                .connectionLogs(connectionLogs(scenario))
                .hubHealth(hubHealth(scenario))
                .deviceCount(deviceCount(scenario))
                .changes(changes(scenario))
                .clock(Clock.fixed(scenario.dataEnd(), ZoneOffset.UTC))
                .build();
    }
}
