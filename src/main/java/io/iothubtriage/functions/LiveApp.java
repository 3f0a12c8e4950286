package io.iothubtriage.functions;

import com.azure.core.credential.TokenCredential;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.storage.queue.QueueClientBuilder;
import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.config.Profile;
import io.iothubtriage.config.Settings;
import io.iothubtriage.config.SettingsException;
import io.iothubtriage.config.StorageSettings;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.dispatch.Outbox;
import io.iothubtriage.dispatch.ReportFormats;
import io.iothubtriage.dispatch.RequestQueue;
import io.iothubtriage.dispatch.StorageRequestQueue;
import io.iothubtriage.dispatch.TriageEngine;
import io.iothubtriage.dispatch.TriageLedger;
import io.iothubtriage.dispatch.WebhookOutbox;
import io.iothubtriage.evidence.azure.CredentialKind;
import io.iothubtriage.notify.Destination;
import io.iothubtriage.notify.MarkdownRenderer;
import io.iothubtriage.notify.ReportJson;
import io.iothubtriage.notify.WebhookDelivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@link App.Wiring} that runs in Azure: the real alert parser, the queues and the ledger on the app's own
 * storage account (managed identity in Azure, a connection string locally), the triage on the live sources, and
 * the webhooks of the settings. The triage engine lives in {@link LiveEngine}, which only the worker and the rerun
 * endpoint load.
 */
final class LiveApp implements App.Wiring {
    /** Delivery policy sized so one delivery stays within {@link App#DELIVERY_WORST_CASE}: 3 × 15 s + 2 × 20 s. */
    static final int DELIVERY_ATTEMPTS = 3;
    static final Duration DELIVERY_REQUEST_TIMEOUT = Duration.ofSeconds(15);
    static final Duration DELIVERY_MAX_WAIT = Duration.ofSeconds(20);

    private final Map<String, String> env;
    private final Clock clock = Clock.systemUTC();

    LiveApp(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public Settings intakeSettings() {
        return Settings.from(env, Profile.INTAKE);
    }

    /** Every setting, with the destinations' kinds checked too (a webhook of no known kind fails start-up). */
    @Override
    public Settings settings() {
        Settings s = Settings.from(env, Profile.APP);
        destinations(s);
        return s;
    }

    @Override
    public Settings failureSettings() {
        return Settings.from(env, Profile.FAILURE);
    }

    @Override
    public Outbox failureOutbox(Settings failure, Consumer<SettingsException.Problem> skip) {
        return outbox(failureDestinations(failure, skip));
    }

    /**
     * The failure path's destinations: each webhook entry parsed on its own, so one of no known kind is given to
     * {@code skip} and the others are kept.
     */
    static List<Destination> failureDestinations(Settings failure, Consumer<SettingsException.Problem> skip) {
        List<Destination> kept = new ArrayList<>();
        each(failure.teamsWebhooks(), u -> WebhookOutbox.parse(List.of(u), List.of(), List.of()), kept, skip);
        each(failure.slackWebhooks(), u -> WebhookOutbox.parse(List.of(), List.of(u), List.of()), kept, skip);
        each(failure.genericWebhooks(), u -> WebhookOutbox.parse(List.of(), List.of(), List.of(u)), kept, skip);
        return kept;
    }

    private interface Parse {
        List<Destination> apply(String url) throws BadInputException;
    }

    private static void each(List<String> urls, Parse parse, List<Destination> kept,
                             Consumer<SettingsException.Problem> skip) {
        for (String url : urls) {
            try {
                kept.addAll(parse.apply(url));
            } catch (BadInputException e) {
                // parsed alone, the entry's index would read [1]: name the setting, not a wrong position
                String setting = e.where().replaceFirst("\\[\\d+]$", "");
                skip.accept(new SettingsException.Problem(setting, "an entry is a URL of the wrong kind: "
                        + e.problem()));
            }
        }
    }

    @Override
    public RequestQueue queue(Settings intake, String name) {
        QueueClientBuilder b = StorageRequestQueue.builder(name);
        StorageSettings storage = intake.storage().orElseThrow();
        if (storage instanceof StorageSettings.ConnectionString c) {
            b.connectionString(c.value());
        } else {
            StorageSettings.Identity id = (StorageSettings.Identity) storage;
            b.endpoint(id.queueEndpoint().toString()).credential(credential(intake, id));
        }
        return new StorageRequestQueue(b.buildClient());
    }

    @Override
    public TriageEngine engine(Settings settings) {
        return StoredReports.wrap(LiveEngine.build(settings.liveOptions(), clock), settings.reportLinks(),
                settings.storage().orElseThrow(), storageCredential(settings), clock);
    }

    @Override
    public TriageLedger ledger(Settings settings) {
        return new TriageLedger(table(settings), clock);
    }

    @Override
    public Outbox outbox(Settings settings) {
        return outbox(destinations(settings));
    }

    @Override
    public ReportFormats formats() {
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

    @Override
    public Clock clock() {
        return clock;
    }

    static List<Destination> destinations(Settings settings) {
        try {
            return WebhookOutbox.parse(settings.teamsWebhooks(), settings.slackWebhooks(), settings.genericWebhooks());
        } catch (BadInputException e) {
            throw new SettingsException(e.where(), e.problem());
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

    static TableClient table(Settings settings) {
        TableClientBuilder b = new TableClientBuilder().tableName(TriageLedger.TABLE);
        StorageSettings storage = settings.storage().orElseThrow();
        if (storage instanceof StorageSettings.ConnectionString c) {
            return b.connectionString(c.value()).buildClient();
        }
        StorageSettings.Identity id = (StorageSettings.Identity) storage;
        return b.endpoint(id.tableEndpoint().toString()).credential(credential(settings, id)).buildClient();
    }

    /** The identity that reaches the app's storage (identity-based AzureWebJobsStorage); none with a connection string. */
    static TokenCredential storageCredential(Settings settings) {
        return settings.storage().orElseThrow() instanceof StorageSettings.Identity id
                ? credential(settings, id) : null;
    }

    /** The storage's own identity (AzureWebJobsStorage__clientId), else AZURE_CLIENT_ID, else system-assigned. */
    private static TokenCredential credential(Settings settings, StorageSettings.Identity storage) {
        Optional<String> clientId = storage.clientId().or(settings::clientId);
        if (settings.credentialKind() == CredentialKind.MANAGED_IDENTITY) {
            ManagedIdentityCredentialBuilder b = new ManagedIdentityCredentialBuilder();
            clientId.ifPresent(b::clientId);
            return b.build();
        }
        return new DefaultAzureCredentialBuilder().build();
    }
}
