package io.iothubtriage.functions;

import io.iothubtriage.config.Settings;
import io.iothubtriage.config.SettingsException;
import io.iothubtriage.diagnosis.Triage;
import io.iothubtriage.dispatch.TriageEngine;
import io.iothubtriage.evidence.azure.AzureConnections;
import io.iothubtriage.evidence.azure.AzureEndpoints;
import io.iothubtriage.evidence.azure.CredentialKind;
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

    /** The live sources' options; an endpoint they refuse fails naming the setting. */
    static LiveOptions options(Settings settings) {
        AzureEndpoints endpoints;
        try {
            endpoints = new AzureEndpoints(settings.armEndpoint(), settings.logAnalyticsEndpoint(),
                    settings.authorityHost());
        } catch (IllegalArgumentException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            String setting = m.startsWith("logAnalytics") ? Settings.LOG_ANALYTICS_ENDPOINT
                    : m.startsWith("authorityHost") ? Settings.AZURE_AUTHORITY_HOST : Settings.ARM_ENDPOINT;
            throw new SettingsException(setting, m);
        }
        return new LiveOptions(endpoints, settings.logAnalyticsWorkspace(), settings.logsTimeout(),
                settings.healthTimeout(), settings.metricsTimeout(), CredentialKind.detect(System::getenv),
                settings.clientId());
    }

    static TriageEngine build(LiveOptions options, Clock clock) {
        LiveSources sources = AzureConnections.forProcess(options).sources(options);
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
