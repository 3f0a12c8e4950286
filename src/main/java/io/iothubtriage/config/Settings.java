package io.iothubtriage.config;

import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.WindowPolicy;
import io.iothubtriage.evidence.azure.AzureEndpoints;
import io.iothubtriage.evidence.azure.CredentialKind;
import io.iothubtriage.evidence.azure.LiveOptions;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Every setting the code reads, typed and validated once by {@link #from(Map, Profile)}, the one reader of the
 * app and the CLI. A missing or malformed setting fails with a {@link SettingsException} naming every bad setting;
 * nothing reads the environment later: the rest of the code is fed these values ({@link #liveOptions()} for the
 * live sources, {@link #windowPolicy()} for the parser). A setting the profile does not read holds its default.
 *
 * @param profile               who read these settings, and so which were read
 * @param teamsWebhooks         {@code TEAMS_WEBHOOK_URL}, comma-separated; secrets
 * @param slackWebhooks         {@code SLACK_WEBHOOK_URL}, comma-separated; secrets
 * @param genericWebhooks       {@code GENERIC_WEBHOOK_URL}, comma-separated; secrets
 * @param logAnalyticsWorkspace {@code LOG_ANALYTICS_WORKSPACE_ID}; empty = resource-centric queries on the hub
 * @param triageHubs            {@code TRIAGE_HUBS}: the hubs the app triages; empty = any hub
 * @param notifyOnResolved      {@code NOTIFY_ON_RESOLVED}
 * @param suppressRepeat        {@code SUPPRESS_REPEAT_MINUTES}; zero turns suppression off
 * @param windowBefore          {@code TRIAGE_WINDOW_BEFORE}
 * @param windowAfter           {@code TRIAGE_WINDOW_AFTER}
 * @param baseline              {@code TRIAGE_BASELINE}
 * @param logsTimeout           {@code LOGS_TIMEOUT}
 * @param healthTimeout         {@code HEALTH_TIMEOUT}
 * @param metricsTimeout        {@code METRICS_TIMEOUT}
 * @param cloud                 {@code AZURE_CLOUD}
 * @param endpoints             the cloud's endpoints with {@code ARM_ENDPOINT}, {@code LOG_ANALYTICS_ENDPOINT} and
 *                              {@code AZURE_AUTHORITY_HOST} applied
 * @param clientId              {@code AZURE_CLIENT_ID}: a user-assigned identity; empty = system-assigned
 * @param credentialKind        the managed identity when the process runs in Azure ({@code IDENTITY_ENDPOINT},
 *                              {@code MSI_ENDPOINT} or {@code WEBSITE_INSTANCE_ID} set), the developer chain elsewhere
 * @param storage               {@code AzureWebJobsStorage} (connection string) or its identity-based form; empty
 *                              for the CLI, which has no storage
 * @param ingestionAllowance    {@code TRIAGE_INGESTION_ALLOWANCE}: how long after the window's end the automatic
 *                              triage waits for resource logs to land, and how late the live logs may land and
 *                              still be expected
 * @param reportLinks           {@code REPORT_LINKS}, {@code REPORT_LINK_DAYS} and the blob endpoint reports go to
 * @param skipped               malformed settings this profile does not depend on, left at their defaults (a
 *                              window setting at the intake) or left out (one webhook entry on the failure path);
 *                              the reader of the profile names them in a {@code misconfigured} line
 */
public record Settings(Profile profile, List<String> teamsWebhooks, List<String> slackWebhooks,
                       List<String> genericWebhooks, Optional<String> logAnalyticsWorkspace, Set<HubId> triageHubs,
                       boolean notifyOnResolved, Duration suppressRepeat, Duration windowBefore, Duration windowAfter,
                       Duration baseline, Duration logsTimeout, Duration healthTimeout, Duration metricsTimeout,
                       AzureCloud cloud, AzureEndpoints endpoints, Optional<String> clientId,
                       CredentialKind credentialKind, Optional<StorageSettings> storage, Duration ingestionAllowance,
                       ReportLinkSettings reportLinks, List<SettingsException.Problem> skipped) {

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
    public static final String STORAGE_BLOB_SERVICE_URI = "AzureWebJobsStorage__blobServiceUri";
    public static final String REPORT_LINKS = "REPORT_LINKS";
    public static final String REPORT_LINK_DAYS = "REPORT_LINK_DAYS";
    /** Set by App Service / Functions in Azure; any of them means the managed identity is there. */
    public static final List<String> MANAGED_IDENTITY_MARKERS = List.of("IDENTITY_ENDPOINT", "MSI_ENDPOINT",
            "WEBSITE_INSTANCE_ID");

    public Settings {
        Objects.requireNonNull(profile, "profile");
        teamsWebhooks = List.copyOf(teamsWebhooks);
        slackWebhooks = List.copyOf(slackWebhooks);
        genericWebhooks = List.copyOf(genericWebhooks);
        logAnalyticsWorkspace = logAnalyticsWorkspace == null ? Optional.empty() : logAnalyticsWorkspace;
        triageHubs = Collections.unmodifiableSet(new LinkedHashSet<>(triageHubs)); // in the order given
        Objects.requireNonNull(suppressRepeat, "suppressRepeat");
        Objects.requireNonNull(windowBefore, "windowBefore");
        Objects.requireNonNull(windowAfter, "windowAfter");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(logsTimeout, "logsTimeout");
        Objects.requireNonNull(healthTimeout, "healthTimeout");
        Objects.requireNonNull(metricsTimeout, "metricsTimeout");
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(endpoints, "endpoints");
        clientId = clientId == null ? Optional.empty() : clientId;
        Objects.requireNonNull(credentialKind, "credentialKind");
        storage = storage == null ? Optional.empty() : storage;
        Objects.requireNonNull(ingestionAllowance, "ingestionAllowance");
        Objects.requireNonNull(reportLinks, "reportLinks");
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }

    /**
     * Reads and validates the settings {@code profile} needs from a map of setting name to value (app settings,
     * environment variables). Blank values count as unset.
     *
     * @throws SettingsException naming every missing or malformed setting, never a secret's value
     */
    public static Settings from(Map<String, String> env, Profile profile) {
        return new SettingsReader(env, profile).read();
    }

    /**
     * The process environment: app settings in Azure, {@code local.settings.json} locally. The app's only read of
     * it (the CLI's entry point passes its own); everything else is given {@link Settings}.
     */
    public static Map<String, String> processEnvironment() {
        return System.getenv();
    }

    /** The options of the live sources: endpoints, workspace, timeouts, credential and the ingestion allowance. */
    public LiveOptions liveOptions() {
        return new LiveOptions(endpoints, logAnalyticsWorkspace, logsTimeout, healthTimeout, metricsTimeout,
                credentialKind, clientId, ingestionAllowance);
    }

    /** The analysis and baseline windows the settings describe. */
    public WindowPolicy windowPolicy() {
        return new WindowPolicy(windowBefore, windowAfter, baseline, ingestionAllowance);
    }

    /** True when at least one chat or generic webhook is configured. */
    public boolean hasDestinations() {
        return !teamsWebhooks.isEmpty() || !slackWebhooks.isEmpty() || !genericWebhooks.isEmpty();
    }

    /** Never prints webhook URLs or the storage connection string. */
    @Override
    public String toString() {
        return "Settings[profile=" + profile + ", teamsWebhooks=" + teamsWebhooks.size() + ", slackWebhooks="
                + slackWebhooks.size() + ", genericWebhooks=" + genericWebhooks.size() + ", logAnalyticsWorkspace="
                + logAnalyticsWorkspace + ", triageHubs=" + triageHubs.size() + ", notifyOnResolved="
                + notifyOnResolved + ", suppressRepeat=" + suppressRepeat + ", windowBefore=" + windowBefore
                + ", windowAfter=" + windowAfter + ", baseline=" + baseline + ", logsTimeout=" + logsTimeout
                + ", healthTimeout=" + healthTimeout + ", metricsTimeout=" + metricsTimeout + ", cloud="
                + cloud.settingName() + ", endpoints=" + endpoints + ", clientId=" + clientId + ", credentialKind="
                + credentialKind + ", storage=" + storage + ", ingestionAllowance=" + ingestionAllowance
                + ", reportLinks=" + reportLinks + ", skipped=" + skipped + "]";
    }
}
