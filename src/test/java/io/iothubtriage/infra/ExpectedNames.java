package io.iothubtriage.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names and ids the infrastructure must agree on with the code and with Azure, in one place.
 * Storage names and settings mirror SETTINGS.md; when the code's own constants exist, point these at them.
 */
final class ExpectedNames {
    private ExpectedNames() {}

    // --- storage names bound by the functions (SETTINGS.md) ---
    static final String REQUEST_QUEUE = "triage-requests";
    static final String POISON_QUEUE = REQUEST_QUEUE + "-poison";
    static final String LEDGER_TABLE = "triageledger";

    // --- azd ---
    static final String AZD_SERVICE = "triage";

    // --- the webhook: a key of the alerts function only, created by the postdeploy hook ---
    static final String ALERTS_FUNCTION = "alerts";
    static final String ALERTS_KEY_NAME = "action-group";
    static final String ACTION_GROUP_MODULE = "infra/app/action-group.bicep";

    /** App settings the code reads (SETTINGS.md). */
    static final List<String> CODE_SETTINGS = List.of(
            "TEAMS_WEBHOOK_URL", "SLACK_WEBHOOK_URL", "GENERIC_WEBHOOK_URL",
            "LOG_ANALYTICS_WORKSPACE_ID", "TRIAGE_HUBS", "NOTIFY_ON_RESOLVED", "SUPPRESS_REPEAT_MINUTES",
            "TRIAGE_WINDOW_BEFORE", "TRIAGE_WINDOW_AFTER", "TRIAGE_BASELINE",
            "LOGS_TIMEOUT", "HEALTH_TIMEOUT", "METRICS_TIMEOUT",
            "AZURE_CLOUD", "ARM_ENDPOINT", "LOG_ANALYTICS_ENDPOINT", "AZURE_AUTHORITY_HOST",
            "AZURE_CLIENT_ID", "APPLICATIONINSIGHTS_CONNECTION_STRING", "REPORT_LINKS", "REPORT_LINK_DAYS");

    /** Secrets: only ever Key Vault references, and only when the channel is configured. */
    static final Set<String> SECRET_SETTINGS = Set.of("TEAMS_WEBHOOK_URL", "SLACK_WEBHOOK_URL", "GENERIC_WEBHOOK_URL");

    /** Settings the code reads that the infrastructure deliberately leaves unset, and why. */
    static final Map<String, String> LEFT_TO_CODE_DEFAULT = new LinkedHashMap<>();

    static {
        LEFT_TO_CODE_DEFAULT.put("LOGS_TIMEOUT", "code default PT60S fits inside the 10-minute functionTimeout");
        LEFT_TO_CODE_DEFAULT.put("HEALTH_TIMEOUT", "code default PT15S; Resource Health answers in seconds");
        LEFT_TO_CODE_DEFAULT.put("METRICS_TIMEOUT", "code default PT15S; one metrics call per triage");
        LEFT_TO_CODE_DEFAULT.put("ARM_ENDPOINT", "derived from AZURE_CLOUD, which the infra sets from environment().name");
        LEFT_TO_CODE_DEFAULT.put("LOG_ANALYTICS_ENDPOINT", "derived from AZURE_CLOUD");
        LEFT_TO_CODE_DEFAULT.put("AZURE_AUTHORITY_HOST", "derived from AZURE_CLOUD");
        LEFT_TO_CODE_DEFAULT.put("AZURE_CLIENT_ID", "must stay unset: the app uses its system-assigned identity");
    }

    /** Settings that must never be set by the infrastructure. */
    static final Set<String> FORBIDDEN_SETTINGS = Set.of(
            "AZURE_CLIENT_ID",            // would switch the code to a user-assigned identity that doesn't exist
            "FUNCTIONS_WORKER_RUNTIME",   // Flex Consumption takes the runtime from functionAppConfig
            "FUNCTIONS_EXTENSION_VERSION",
            "AzureWebJobsStorage",        // a connection string needs shared keys, which are disabled
            "AzureWebJobsStorage__accountName", // assumes the public cloud's storage suffix; wrong in sovereign clouds
            "WEBSITE_RUN_FROM_PACKAGE");  // not used on Flex Consumption

    /**
     * Identity-based host storage that works in every cloud: the account's own endpoints (output of the storage
     * module, the account's primaryEndpoints) with the managed identity credential.
     */
    static final Map<String, String> STORAGE_URI_SETTINGS = Map.of(
            "AzureWebJobsStorage__blobServiceUri", "storage.outputs.blobEndpoint",
            "AzureWebJobsStorage__queueServiceUri", "storage.outputs.queueEndpoint",
            "AzureWebJobsStorage__tableServiceUri", "storage.outputs.tableEndpoint");

    /** Settings read by the Functions host or the App Insights agent rather than by our code. */
    static final Set<String> HOST_SETTINGS = Set.of(
            "AzureWebJobsStorage__credential", "AzureWebJobsStorage__blobServiceUri",
            "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri",
            "APPLICATIONINSIGHTS_AUTHENTICATION_STRING");

    /** Built-in role definition ids (identical in every tenant) with the resource type each may be assigned on. */
    record Role(String name, String guid, String scopeType) {}

    static final List<Role> ROLES = List.of(
            new Role("Log Analytics Reader", "73c42c96-874c-492b-b04d-ab87d138a893", "Microsoft.OperationalInsights/workspaces"),
            // Reader (*/read) covers Resource Health, metrics and resource-context log queries on the hub;
            // Monitoring Reader (43d0d8ad-...) would add Microsoft.Support/* and workspace search: not intended.
            new Role("Reader", "acdd72a7-3385-48ef-bd42-f606fba81ae7", "Microsoft.Devices/IotHubs"),
            new Role("Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Microsoft.Storage/storageAccounts"),
            new Role("Storage Queue Data Contributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Microsoft.Storage/storageAccounts"),
            new Role("Storage Table Data Contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Microsoft.Storage/storageAccounts"),
            new Role("Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6", "Microsoft.KeyVault/vaults"),
            new Role("Monitoring Metrics Publisher", "3913510d-42f4-4e42-8a64-420c390055eb", "Microsoft.Insights/components"));

    /**
     * API versions allowed per resource type: the versions this template uses or has used, all taken from Azure's
     * published resource types. A new version goes through a review of that type's schema before it is added here.
     */
    static final Map<String, Set<String>> API_VERSIONS = Map.ofEntries(
            Map.entry("Microsoft.Resources/resourceGroups", Set.of("2022-09-01", "2024-03-01")),
            Map.entry("Microsoft.OperationalInsights/workspaces", Set.of("2022-10-01", "2023-09-01")),
            Map.entry("Microsoft.Insights/components", Set.of("2020-02-02")),
            Map.entry("Microsoft.Storage/storageAccounts", Set.of("2023-01-01", "2023-05-01")),
            Map.entry("Microsoft.Storage/storageAccounts/blobServices", Set.of("2023-01-01", "2023-05-01")),
            Map.entry("Microsoft.Storage/storageAccounts/blobServices/containers", Set.of("2023-01-01", "2023-05-01")),
            Map.entry("Microsoft.Storage/storageAccounts/managementPolicies", Set.of("2023-05-01")),
            Map.entry("Microsoft.Storage/storageAccounts/queueServices", Set.of("2023-01-01", "2023-05-01")),
            Map.entry("Microsoft.Storage/storageAccounts/queueServices/queues", Set.of("2023-01-01", "2023-05-01")),
            Map.entry("Microsoft.Storage/storageAccounts/tableServices", Set.of("2023-01-01", "2023-05-01")),
            Map.entry("Microsoft.Storage/storageAccounts/tableServices/tables", Set.of("2023-01-01", "2023-05-01")),
            Map.entry("Microsoft.Web/serverfarms", Set.of("2023-12-01", "2024-04-01")),
            Map.entry("Microsoft.Web/sites", Set.of("2023-12-01", "2024-04-01")),
            Map.entry("Microsoft.Web/sites/config", Set.of("2023-12-01", "2024-04-01")),
            Map.entry("Microsoft.Web/sites/basicPublishingCredentialsPolicies", Set.of("2023-12-01", "2024-04-01")),
            Map.entry("Microsoft.KeyVault/vaults", Set.of("2023-07-01")),
            Map.entry("Microsoft.KeyVault/vaults/secrets", Set.of("2023-07-01")),
            Map.entry("Microsoft.Authorization/roleAssignments", Set.of("2022-04-01")),
            Map.entry("Microsoft.Insights/diagnosticSettings", Set.of("2021-05-01-preview")),
            Map.entry("Microsoft.Insights/metricAlerts", Set.of("2018-03-01")),
            Map.entry("Microsoft.Insights/actionGroups", Set.of("2023-01-01")),
            Map.entry("Microsoft.Insights/scheduledQueryRules", Set.of("2021-08-01", "2023-12-01")),
            Map.entry("Microsoft.Devices/IotHubs", Set.of("2023-06-30")));

    /**
     * main.bicep parameters without a default that azd asks for interactively on the first `azd up`. None: every
     * required parameter comes from an environment variable, so `azd up --no-prompt` works.
     */
    static final Map<String, String> PROMPTED_PARAMS = Map.of();

    /** The hooks in the order a first `azd up` (then `azd down`) runs them, with their scripts. */
    static final List<Map.Entry<String, String>> HOOKS = List.of(
            Map.entry("preprovision", "check-inputs"),
            Map.entry("postprovision", "wire-hub"),
            Map.entry("postdeploy", "attach-webhook"),
            Map.entry("predown", "unwire-hub"),
            Map.entry("postdown", "reset-state"));

    /** Environment variables the hooks keep as their own state, or read as optional knobs. */
    static final Set<String> HOOK_VARIABLES = Set.of(
            "ALERTS_WEBHOOK_ATTACHED", "IOTHUB_TRIAGE_WIRED_HUBS", "IOTHUB_TRIAGE_CREATE_DIAGNOSTIC_SETTING",
            "IOTHUB_TRIAGE_WAIT_ATTEMPTS", "IOTHUB_TRIAGE_WAIT_SECONDS",
            "IOTHUB_RESOURCE_ID"); // the old single-hub variable: only named, to tell its users what to set instead

    /** The app's own health alerts (infra/app/health-alerts.json) that must exist. */
    static final Set<String> HEALTH_ALERTS = Set.of(
            "giving-up", "misconfigured", "poison", "alerts-refused", "no-triage-finished");

    /** Tables the health queries may read: they exist once Application Insights is workspace-based. */
    static final Set<String> HEALTH_TABLES = Set.of("AppTraces", "AppRequests");

    /** ARM limits a deployment name to 64 characters. */
    static final int MAX_DEPLOYMENT_NAME = 64;

    /** Text that would mean a real secret was written into the repository. */
    static final List<String> SECRET_MARKERS = List.of(
            "sig=", "hooks.slack.com/services/", ".logic.azure.com", "api.powerplatform.com", "?code=", "&code=");
}
