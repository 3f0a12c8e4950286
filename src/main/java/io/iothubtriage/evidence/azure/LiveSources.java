package io.iothubtriage.evidence.azure;

import io.iothubtriage.evidence.ChangeEvidenceSource;
import io.iothubtriage.evidence.ConnectionLogSource;
import io.iothubtriage.evidence.DeviceCountSource;
import io.iothubtriage.evidence.HubHealthSource;

import java.time.Duration;
import java.util.Objects;

/**
 * The live sources of one configuration (connection logs, Resource Health, metrics, change history), with the timeout the triage runner should give each. Every
 * source also stops waiting on its own after its timeout, so a runner's deadline is a second line of defence.
 */
public record LiveSources(ConnectionLogSource connections, Duration connectionsTimeout,
                          HubHealthSource health, Duration healthTimeout,
                          DeviceCountSource deviceCount, Duration deviceCountTimeout,
                          ChangeEvidenceSource changes, Duration changesTimeout) {
    public LiveSources {
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(connectionsTimeout, "connectionsTimeout");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(healthTimeout, "healthTimeout");
        Objects.requireNonNull(deviceCount, "deviceCount");
        Objects.requireNonNull(deviceCountTimeout, "deviceCountTimeout");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(changesTimeout, "changesTimeout");
    }

    /** The sources of {@code options}, on this process's shared clients ({@link AzureConnections#forProcess}). */
    public static LiveSources create(LiveOptions options) {
        return AzureConnections.forProcess(options).sources(options);
    }
}
