package io.iothubtriage.simulation;

import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.diagnosis.Triage;
import io.iothubtriage.evidence.ChangeEvidence;
import io.iothubtriage.evidence.ChangeEvidenceSource;
import io.iothubtriage.evidence.ConnectionAggregator;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.ConnectionLogSource;
import io.iothubtriage.evidence.DeviceCountEvidence;
import io.iothubtriage.evidence.DeviceCountSource;
import io.iothubtriage.evidence.EvidenceException;
import io.iothubtriage.evidence.Fetched;
import io.iothubtriage.evidence.HubHealthEvidence;
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
        return new Logs(scenario, rules);
    }

    public static HubHealthSource hubHealth(FleetScenario scenario) {
        return new Health(Objects.requireNonNull(scenario, "scenario"));
    }

    public static DeviceCountSource deviceCount(FleetScenario scenario) {
        return new Metrics(Objects.requireNonNull(scenario, "scenario"));
    }

    /** The scenario's change history (empty when it scripts no change). */
    public static ChangeEvidenceSource changes(FleetScenario scenario) {
        return new Changes(Objects.requireNonNull(scenario, "scenario"));
    }

    // The sources are named classes, not lambdas: the demo runs them once in a cold JVM, where each lambda call site
    // costs a bootstrap on its first call.

    private record Logs(FleetScenario scenario, NoiseRules rules) implements ConnectionLogSource {
        @Override
        public Fetched<ConnectionEvidence> fetch(TriageRequest request) throws EvidenceException {
            if (scenario.logSourceFailure().isPresent()) {
                throw new EvidenceException(scenario.logSourceFailure().get(), true);
            }
            ConnectionAggregator aggregator = new ConnectionAggregator(request, rules);
            scenario.rowFields(aggregator);
            return Fetched.of(aggregator.finish());
        }
    }

    private record Health(FleetScenario scenario) implements HubHealthSource {
        @Override
        public Fetched<HubHealthEvidence> fetch(TriageRequest request) {
            return Fetched.of(scenario.health());
        }
    }

    private record Metrics(FleetScenario scenario) implements DeviceCountSource {
        @Override
        public Fetched<DeviceCountEvidence> fetch(TriageRequest request) {
            return Fetched.of(scenario.deviceCount());
        }
    }

    private record Changes(FleetScenario scenario) implements ChangeEvidenceSource {
        @Override
        public Fetched<ChangeEvidence> fetch(TriageRequest request) {
            return Fetched.of(scenario.changeHistory());
        }
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
