package io.iothubtriage.config;

import io.iothubtriage.evidence.azure.AzureCloud;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every app setting the code reads, typed and validated once at start-up ({@link #from(Map)}). A missing or
 * malformed setting fails with a {@link SettingsException} naming it; nothing reads the environment later.
 *
 * @param teamsWebhooks         {@code TEAMS_WEBHOOK_URL}, comma-separated; secrets
 * @param slackWebhooks         {@code SLACK_WEBHOOK_URL}, comma-separated; secrets
 * @param genericWebhooks       {@code GENERIC_WEBHOOK_URL}, comma-separated; secrets
 * @param logAnalyticsWorkspace {@code LOG_ANALYTICS_WORKSPACE_ID}; empty = resource-centric queries on the hub
 * @param triageHubs            {@code TRIAGE_HUBS}: hub resource ids the rerun endpoint accepts (as written;
 *                              the functions layer parses them); empty = any hub
 * @param notifyOnResolved      {@code NOTIFY_ON_RESOLVED}
 * @param suppressRepeat        {@code SUPPRESS_REPEAT_MINUTES}; zero turns suppression off
 * @param windowBefore          {@code TRIAGE_WINDOW_BEFORE}
 * @param windowAfter           {@code TRIAGE_WINDOW_AFTER}
 * @param baseline              {@code TRIAGE_BASELINE}
 * @param logsTimeout           {@code LOGS_TIMEOUT}
 * @param healthTimeout         {@code HEALTH_TIMEOUT}
 * @param metricsTimeout        {@code METRICS_TIMEOUT}
 * @param cloud                 {@code AZURE_CLOUD}
 * @param armEndpoint           {@code ARM_ENDPOINT}, default per cloud
 * @param logAnalyticsEndpoint  {@code LOG_ANALYTICS_ENDPOINT}, default per cloud, ends with {@code /v1}
 * @param authorityHost         {@code AZURE_AUTHORITY_HOST}, default per cloud
 * @param clientId              {@code AZURE_CLIENT_ID}: a user-assigned identity; empty = system-assigned
 * @param storage               {@code AzureWebJobsStorage} (connection string) or its identity-based form
 * @param ingestionAllowance    {@code TRIAGE_INGESTION_ALLOWANCE}: how long after the window's end the automatic
 *                              triage waits for resource logs to land in Log Analytics
 */
public record Settings(List<String> teamsWebhooks, List<String> slackWebhooks, List<String> genericWebhooks,
                       Optional<String> logAnalyticsWorkspace, List<String> triageHubs, boolean notifyOnResolved,
                       Duration suppressRepeat, Duration windowBefore, Duration windowAfter, Duration baseline,
                       Duration logsTimeout, Duration healthTimeout, Duration metricsTimeout, AzureCloud cloud,
                       URI armEndpoint, URI logAnalyticsEndpoint, URI authorityHost, Optional<String> clientId,
                       StorageSettings storage, Duration ingestionAllowance) {

    public static final String TEAMS_WEBHOOK_URL = "TEAMS_WEBHOOK_URL";
    public static final String SLACK_WEBHOOK_URL = "SLACK_WEBHOOK_URL";
    public static final String GENERIC_WEBHOOK_URL = "GENERIC_WEBHOOK_URL";
    public static final String LOG_ANALYTICS_WORKSPACE_ID = "LOG_ANALYTICS_WORKSPACE_ID";
    public static final String TRIAGE_HUBS = "TRIAGE_HUBS";
    public static final String NOTIFY_ON_RESOLVED = "NOTIFY_ON_RESOLVED";
    public static final String SUPPRESS_REPEAT_MINUTES = "SUPPRESS_REPEAT_MINUTES";
    public static final String TRIAGE_WINDOW_BEFORE = "TRIAGE_WINDOW_BEFORE";
    public static final String TRIAGE_WINDOW_AFTER = "TRIAGE_WINDOW_AFTER";
    public static final String TRIAGE_BASELINE = "TRIAGE_BASELINE";
    public static final String LOGS_TIMEOUT = "LOGS_TIMEOUT";
    public static final String HEALTH_TIMEOUT = "HEALTH_TIMEOUT";
    public static final String METRICS_TIMEOUT = "METRICS_TIMEOUT";
    public static final String AZURE_CLOUD = "AZURE_CLOUD";
    public static final String ARM_ENDPOINT = "ARM_ENDPOINT";
    public static final String LOG_ANALYTICS_ENDPOINT = "LOG_ANALYTICS_ENDPOINT";
    public static final String AZURE_AUTHORITY_HOST = "AZURE_AUTHORITY_HOST";
    public static final String AZURE_CLIENT_ID = "AZURE_CLIENT_ID";
    public static final String TRIAGE_INGESTION_ALLOWANCE = "TRIAGE_INGESTION_ALLOWANCE";
    public static final String STORAGE = "AzureWebJobsStorage";
    public static final String STORAGE_ACCOUNT_NAME = "AzureWebJobsStorage__accountName";
    public static final String STORAGE_TABLE_SERVICE_URI = "AzureWebJobsStorage__tableServiceUri";
    public static final String STORAGE_CLIENT_ID = "AzureWebJobsStorage__clientId";

    public Settings {
        teamsWebhooks = List.copyOf(teamsWebhooks);
        slackWebhooks = List.copyOf(slackWebhooks);
        genericWebhooks = List.copyOf(genericWebhooks);
        logAnalyticsWorkspace = logAnalyticsWorkspace == null ? Optional.empty() : logAnalyticsWorkspace;
        triageHubs = List.copyOf(triageHubs);
        Objects.requireNonNull(suppressRepeat, "suppressRepeat");
        Objects.requireNonNull(windowBefore, "windowBefore");
        Objects.requireNonNull(windowAfter, "windowAfter");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(logsTimeout, "logsTimeout");
        Objects.requireNonNull(healthTimeout, "healthTimeout");
        Objects.requireNonNull(metricsTimeout, "metricsTimeout");
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(armEndpoint, "armEndpoint");
        Objects.requireNonNull(logAnalyticsEndpoint, "logAnalyticsEndpoint");
        Objects.requireNonNull(authorityHost, "authorityHost");
        clientId = clientId == null ? Optional.empty() : clientId;
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(ingestionAllowance, "ingestionAllowance");
    }

    /**
     * The settings the alerts endpoint needs (its storage queue, the analysis window, TRIAGE_HUBS): the worker's
     * own settings (webhooks, sources, timeouts) are left out, so a mistake in one of them never turns an alert
     * away at the door.
     */
    public static Map<String, String> intakeOnly(Map<String, String> env) {
        Map<String, String> out = new java.util.HashMap<>();
        env.forEach((k, v) -> {
            if (k != null && v != null && (k.startsWith(STORAGE) || k.equals(TRIAGE_WINDOW_BEFORE)
                    || k.equals(TRIAGE_WINDOW_AFTER) || k.equals(TRIAGE_BASELINE) || k.equals(TRIAGE_HUBS)
                    || k.equals(TRIAGE_INGESTION_ALLOWANCE) || k.equals(AZURE_CLOUD) || k.equals(AZURE_CLIENT_ID))) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Reads and validates the process environment (app settings in Azure, local.settings.json locally). */
    public static Settings fromEnvironment() {
        return from(System.getenv());
    }

    /**
     * Reads and validates settings from a map of setting name to value. Blank values count as unset.
     *
     * @throws SettingsException naming every missing or malformed setting
     */
    public static Settings from(Map<String, String> env) {
        return new SettingsReader(env).read();
    }

    /** True when at least one chat or generic webhook is configured. */
    public boolean hasDestinations() {
        return !teamsWebhooks.isEmpty() || !slackWebhooks.isEmpty() || !genericWebhooks.isEmpty();
    }

    /** Never prints webhook URLs or the storage connection string. */
    @Override
    public String toString() {
        return "Settings[teamsWebhooks=" + teamsWebhooks.size() + ", slackWebhooks=" + slackWebhooks.size()
                + ", genericWebhooks=" + genericWebhooks.size() + ", logAnalyticsWorkspace=" + logAnalyticsWorkspace
                + ", triageHubs=" + triageHubs.size() + ", notifyOnResolved=" + notifyOnResolved
                + ", suppressRepeat=" + suppressRepeat + ", windowBefore=" + windowBefore + ", windowAfter="
                + windowAfter + ", baseline=" + baseline + ", logsTimeout=" + logsTimeout + ", healthTimeout="
                + healthTimeout + ", metricsTimeout=" + metricsTimeout + ", cloud=" + cloud.settingName()
                + ", armEndpoint=" + armEndpoint + ", logAnalyticsEndpoint=" + logAnalyticsEndpoint
                + ", authorityHost=" + authorityHost + ", clientId=" + clientId + ", storage=" + storage
                + ", ingestionAllowance=" + ingestionAllowance + "]";
    }
}
