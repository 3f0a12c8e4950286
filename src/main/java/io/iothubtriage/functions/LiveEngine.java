package io.iothubtriage.functions;

import io.iothubtriage.diagnosis.Triage;
import io.iothubtriage.dispatch.TriageEngine;
import io.iothubtriage.evidence.azure.AzureConnections;
import io.iothubtriage.evidence.azure.LiveOptions;
import io.iothubtriage.evidence.azure.LiveSources;

import java.time.Clock;

/**
 * The triage on the live sources (Log Analytics, Resource Health, Metrics) over the process's shared Azure
 * clients. Kept apart from {@link LiveApp} so that the alerts endpoint, which never triages, never loads it.
 */
final class LiveEngine {
    private LiveEngine() {
    }

    static TriageEngine build(LiveOptions options, Clock clock) {
        LiveSources sources = AzureConnections.forProcess(options).sources(options, clock);
        Triage triage = Triage.builder()
                .connectionLogs(sources.connections()).connectionLogsTimeout(sources.connectionsTimeout())
                .hubHealth(sources.health()).hubHealthTimeout(sources.healthTimeout())
                .deviceCount(sources.deviceCount()).deviceCountTimeout(sources.deviceCountTimeout())
                .changes(sources.changes()).changesTimeout(sources.changesTimeout())
                .clock(clock)
                .cutFutureEnd(true) // a rerun or an early run cannot read the future: cut at now, and say so
                .build();
        return triage::runTimed;
    }
}
