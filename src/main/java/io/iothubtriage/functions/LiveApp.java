package io.iothubtriage.functions;

import com.azure.core.credential.TokenCredential;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import io.iothubtriage.alert.AlertParser;
import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.alert.WindowPolicy;
import io.iothubtriage.config.Settings;
import io.iothubtriage.config.SettingsException;
import io.iothubtriage.config.StorageSettings;
import io.iothubtriage.diagnosis.Triage;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.evidence.azure.AzureConnections;
import io.iothubtriage.evidence.azure.AzureEndpoints;
import io.iothubtriage.evidence.azure.CredentialKind;
import io.iothubtriage.evidence.azure.LiveOptions;
import io.iothubtriage.evidence.azure.LiveSources;
import io.iothubtriage.functions.flow.Outbox;
import io.iothubtriage.functions.flow.ReportFormats;
import io.iothubtriage.functions.flow.WebhookOutbox;
import io.iothubtriage.functions.ledger.TriageLedger;
import io.iothubtriage.notify.Destination;
import io.iothubtriage.notify.MarkdownRenderer;
import io.iothubtriage.notify.ReportJson;
import io.iothubtriage.notify.WebhookDelivery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Builds the {@link App} that runs in Azure: the real alert parser, the triage on the live sources (managed
 * identity in Azure, the developer credential elsewhere), the ledger on the app's own storage, and the webhooks
 * of the settings. Every setting is validated here, at start-up, before any function answers.
 */
final class LiveApp {
    /** Delivery policy sized so one delivery stays within {@link App#DELIVERY_WORST_CASE}: 3 × 15 s + 2 × 20 s. */
    static final int DELIVERY_ATTEMPTS = 3;
    static final Duration DELIVERY_REQUEST_TIMEOUT = Duration.ofSeconds(15);
    static final Duration DELIVERY_MAX_WAIT = Duration.ofSeconds(20);

    private LiveApp() {
    }

    static App build(Settings settings) {
        WindowPolicy policy = App.windowPolicy(settings);
        List<Destination> destinations = destinations(settings);
        App.allowedHubs(settings); // fail fast on a bad TRIAGE_HUBS
        LiveOptions options = liveOptions(settings);
        Clock clock = Clock.systemUTC();
        return new App(settings, json -> AlertParser.parse(json, policy), () -> engine(options, clock),
                () -> new TriageLedger(table(settings), clock), () -> outbox(destinations), formats(), clock);
    }

    static List<Destination> destinations(Settings settings) {
        try {
            return WebhookOutbox.parse(settings.teamsWebhooks(), settings.slackWebhooks(), settings.genericWebhooks());
        } catch (BadInputException e) {
            throw new SettingsException(e.where(), io.iothubtriage.functions.flow.AlertIntake.problemOf(e));
        }
    }

    static Outbox outbox(List<Destination> destinations) {
        return new WebhookOutbox(deliveryPolicy().build(), destinations);
    }

    /** The delivery policy of the app (attempts, timeouts, waits); tests shorten only the waits. */
    static WebhookDelivery.Builder deliveryPolicy() {
        return WebhookDelivery.builder()
                .maxAttempts(DELIVERY_ATTEMPTS)
                .requestTimeout(DELIVERY_REQUEST_TIMEOUT)
                .maxBackoff(DELIVERY_MAX_WAIT)
                .retryAfterCap(DELIVERY_MAX_WAIT);
    }

    /** The live sources' options; an endpoint they refuse fails start-up naming the setting. */
    static LiveOptions liveOptions(Settings settings) {
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

    /** The triage on the process's shared Azure clients (built on the first triage, not at start-up). */
    static io.iothubtriage.functions.flow.TriageEngine engine(LiveOptions options, Clock clock) {
        LiveSources sources = AzureConnections.forProcess(options).sources(options);
        Triage triage = Triage.builder()
                .connectionLogs(sources.connections()).connectionLogsTimeout(sources.connectionsTimeout())
                .hubHealth(sources.health()).hubHealthTimeout(sources.healthTimeout())
                .deviceCount(sources.deviceCount()).deviceCountTimeout(sources.deviceCountTimeout())
                .changes(sources.changes()).changesTimeout(sources.changesTimeout())
                .clock(clock)
                .cutFutureEnd(true)
                .build();
        return triage::runTimed;
    }

    static TableClient table(Settings settings) {
        TableClientBuilder b = new TableClientBuilder().tableName(TriageLedger.TABLE);
        if (settings.storage() instanceof StorageSettings.ConnectionString c) {
            return b.connectionString(c.value()).buildClient();
        }
        StorageSettings.Identity id = (StorageSettings.Identity) settings.storage();
        return b.endpoint(id.tableEndpoint().toString()).credential(credential(id.clientId().or(settings::clientId)))
                .buildClient();
    }

    private static TokenCredential credential(Optional<String> clientId) {
        if (CredentialKind.detect(System::getenv) == CredentialKind.MANAGED_IDENTITY) {
            ManagedIdentityCredentialBuilder b = new ManagedIdentityCredentialBuilder();
            clientId.ifPresent(b::clientId);
            return b.build();
        }
        return new DefaultAzureCredentialBuilder().build();
    }

    static ReportFormats formats() {
        MarkdownRenderer markdown = new MarkdownRenderer();
        return new ReportFormats() {
            @Override
            public String json(TriageReport report) {
                return ReportJson.toJson(report);
            }

            @Override
            public String markdown(TriageReport report) {
                return markdown.render(report);
            }
        };
    }
}
