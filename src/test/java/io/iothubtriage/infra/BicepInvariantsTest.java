package io.iothubtriage.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the deployment's invariants on the real infra/ files (no Bicep compiler needed), and proves each
 * check can fail by breaking a copy of those files in one place.
 */
class BicepInvariantsTest {
    private static final String MAIN = InfraProject.MAIN;
    private static final String STORAGE = "infra/app/storage.bicep";
    private static final String VAULT = "infra/app/keyvault.bicep";
    private static final String FUNCTION = "infra/app/function.bicep";
    private static final String SETTINGS = "infra/app/app-settings.bicep";
    private static final String ACCESS = "infra/app/access.bicep";
    private static final String ALERTS = "infra/app/hub-alerts.bicep";
    private static final String GROUP = "infra/app/action-group.bicep";
    private static final String HEALTH = "infra/app/health-alerts.bicep";
    private static final String HUB = "infra/wiring/hub.bicep";

    private static InfraProject infra;

    @BeforeAll
    static void load() {
        infra = InfraProject.load(Path.of("").toAbsolutePath());
    }

    /** Asserts that the check passes on the real files and reports {@code expected} once the mutation is applied. */
    private static void bites(Function<InfraProject, List<String>> check, InfraProject mutated, String expected) {
        assertThat(check.apply(infra)).as("check passes on the real files").isEmpty();
        assertThat(check.apply(mutated)).as("check reports the broken copy").anySatisfy(v -> assertThat(v).contains(expected));
    }

    @Test
    void realDeploymentHoldsEveryInvariant() {
        assertThat(infra.bicepFiles()).containsKeys(MAIN, InfraProject.WIRING, STORAGE, VAULT, FUNCTION, SETTINGS, ACCESS, ALERTS, GROUP,
                HEALTH, HUB);
        assertThat(InfraInvariants.all(infra)).isEmpty();
    }

    @Nested
    class ReportLinks {
        private void bitesLinks(InfraProject mutated, String expected) {
            bites(ReportLinkInvariants::check, mutated, expected);
        }

        @Test
        void theReportsContainerIsTheCodesAndPrivate() {
            bitesLinks(infra.replacing(STORAGE, "var reportsContainerName = 'triage-reports'", "var reportsContainerName = 'reports'"),
                    "expected one blob container named triage-reports");
            bitesLinks(infra.replacing(STORAGE, "name: reportsContainerName\n  properties: {\n    publicAccess: 'None'",
                    "name: reportsContainerName\n  properties: {\n    publicAccess: 'Blob'"), "triage-reports must be private");
        }

        @Test
        void theRuleDeletesOnlyStoredReports() {
            bitesLinks(infra.replacing(STORAGE, "'triage-reports/'", "''"), "must match only prefix 'triage-reports/'");
            bitesLinks(infra.replacing(STORAGE, "              prefixMatch: [\n                'triage-reports/'\n              ]\n", ""),
                    "(every blob in the account, host state and deployment package included)");
            bitesLinks(infra.replacing(STORAGE, "'blockBlob'", "'appendBlob'"), "blobTypes ['blockBlob']");
            bitesLinks(infra.replacing(STORAGE, "                delete: {", "                tierToCool: {"),
                    "must only delete base blobs");
        }

        @Test
        void theRuleIsOnAndAlwaysDeployed() {
            bitesLinks(infra.replacing(STORAGE, "          enabled: true\n          name: 'delete-old-triage-reports'",
                    "          enabled: false\n          name: 'delete-old-triage-reports'"), "must be enabled: true");
            bitesLinks(infra.replacing(STORAGE, "resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {",
                    "resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = if (reportRetentionDays > 7) {"),
                    "must be deployed whatever REPORT_LINKS says");
        }

        @Test
        void retentionNeverEndsBeforeTheLongestLink() {
            bitesLinks(infra.replacing(STORAGE, "daysAfterModificationGreaterThan: reportRetentionDays", "daysAfterModificationGreaterThan: 3"),
                    "must delete after the reportRetentionDays parameter");
            bitesLinks(infra.replacing(STORAGE, "@minValue(7)\n@description('Days a stored report", "@minValue(1)\n@description('Days a stored report"),
                    "param reportRetentionDays must have @minValue(7)");
            bitesLinks(infra.replacing(MAIN, "@minValue(7)\n@maxValue(3650)", "@minValue(1)\n@maxValue(3650)"),
                    "reportRetentionDays must come from a parameter with @minValue(7)");
            bitesLinks(infra.replacing(MAIN, "@minValue(1)\n@maxValue(7)\n@description('REPORT_LINK_DAYS", "@minValue(1)\n@maxValue(30)\n@description('REPORT_LINK_DAYS"),
                    "param reportLinkDays must have @maxValue at most 7");
        }

        @Test
        void linksAreOptInAndReachTheAppSettings() {
            bitesLinks(infra.replacing(MAIN, "param reportLinks bool = false", "param reportLinks bool = true"), "must default to false");
            bitesLinks(infra.replacing(InfraProject.PARAMETERS, "${REPORT_LINK_DAYS=7}", "7"), "reportLinkDays must be mapped as ${REPORT_LINK_DAYS=7}");
            bitesLinks(infra.replacing(MAIN, "    reportLinks: reportLinks\n", "    reportLinks: true\n"),
                    "reportLinks must be main's reportLinks parameter, was: true");
            bitesLinks(infra.replacing(SETTINGS, "REPORT_LINKS: reportLinks ? 'true' : 'false'", "REPORT_LINKS: 'true'"),
                    "REPORT_LINKS must always be set");
        }

        @Test
        void theIdentityCanSignLinks() {
            bitesLinks(infra.replacing(ACCESS, "roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)",
                    "roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributor)"),
                    "no role on the storage account lets the identity get a user delegation key");
        }
    }

    @Nested
    class Storage {
        @Test
        void sharedKeysStayOff() {
            bites(InfraInvariants::storage, infra.replacing(STORAGE, "allowSharedKeyAccess: false", "allowSharedKeyAccess: true"),
                    "allowSharedKeyAccess must be false");
        }

        @Test
        void tls12IsTheMinimum() {
            bites(InfraInvariants::storage, infra.replacing(STORAGE, "'TLS1_2'", "'TLS1_0'"), "minimumTlsVersion must be TLS1_2");
        }

        @Test
        void queueNamesMatchTheCode() {
            bites(InfraInvariants::storage, infra.replacing(STORAGE, "= 'triage-requests'", "= 'triage-request'"),
                    "names [triage-request, triage-requests-poison] must be [triage-requests, triage-requests-poison]");
        }

        @Test
        void ledgerTableNameMatchesTheCode() {
            bites(InfraInvariants::storage, infra.replacing(STORAGE, "'triageledger'", "'ledger'"), "must be [triageledger]");
        }
    }

    @Nested
    class KeyVault {
        @Test
        void rbacModeOnly() {
            bites(InfraInvariants::keyVault, infra.replacing(VAULT, "enableRbacAuthorization: true", "enableRbacAuthorization: false"),
                    "enableRbacAuthorization must be true");
        }

        @Test
        void secretsExistOnlyWhenGiven() {
            bites(InfraInvariants::keyVault, infra.replacing(VAULT, "= if (!empty(slackWebhookUrl)) {", "= {"),
                    "secret slackSecret must be created only when its URL was given");
        }
    }

    @Nested
    class FunctionApp {
        @Test
        void runsJava17() {
            bites(InfraInvariants::functionApp, infra.replacing(FUNCTION, "version: '17'", "version: '21'"),
                    "functionAppConfig.runtime.version must be 17");
        }

        @Test
        void oneAlwaysReadyHttpInstanceByDefault() {
            bites(InfraInvariants::functionApp, infra.replacing(MAIN, "param alwaysReadyHttpInstances int = 1", "param alwaysReadyHttpInstances int = 0"),
                    "alwaysReady must hold {name: 'http', instanceCount: 1}");
        }

        @Test
        void systemAssignedIdentity() {
            bites(InfraInvariants::functionApp, infra.replacing(FUNCTION, "type: 'SystemAssigned'", "type: 'None'"),
                    "identity.type must be SystemAssigned");
        }

        @Test
        void flexConsumptionPlan() {
            bites(InfraInvariants::functionApp, infra.replacing(FUNCTION, "name: 'FC1'", "name: 'Y1'"), "sku.name must be FC1");
        }

        @Test
        void azdServiceTag() {
            bites(InfraInvariants::functionApp, infra.replacing(MAIN, "var serviceName = 'triage'", "var serviceName = 'api'"),
                    "must be tagged azd-service-name: 'triage'");
        }
    }

    @Nested
    class AppSettings {
        @Test
        void everySettingTheCodeReadsIsSetOrDeliberatelyLeftOut() {
            bites(InfraInvariants::appSettings, infra.replacing(SETTINGS, "  TRIAGE_HUBS: triageHubs\n", ""),
                    "setting TRIAGE_HUBS is read by the code but neither set nor listed as left to its default");
        }

        @Test
        void misspelledSettingIsCaught() {
            bites(InfraInvariants::appSettings, infra.replacing(SETTINGS, "NOTIFY_ON_RESOLVED:", "NOTIFY_ON_RESOLVE:"),
                    "setting NOTIFY_ON_RESOLVE is neither read by the code nor a known host setting");
        }

        @Test
        void noWorkerRuntimeSettingOnFlex() {
            bites(InfraInvariants::appSettings, infra.replacing(SETTINGS, "  TRIAGE_HUBS: triageHubs\n",
                            "  TRIAGE_HUBS: triageHubs\n  FUNCTIONS_WORKER_RUNTIME: 'java'\n"),
                    "setting FUNCTIONS_WORKER_RUNTIME must not be set");
        }

        @Test
        void webhookUrlsAreKeyVaultReferences() {
            bites(InfraInvariants::appSettings, infra.replacing(SETTINGS,
                            "SLACK_WEBHOOK_URL: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${slackSecretName}/)'",
                            "SLACK_WEBHOOK_URL: '${keyVaultUri}secrets/${slackSecretName}'"),
                    "SLACK_WEBHOOK_URL must be a versionless Key Vault reference");
        }

        @Test
        void webhookReferenceOnlyWhenTheSecretExists() {
            bites(InfraInvariants::appSettings, infra.replacing(SETTINGS, "  TRIAGE_HUBS: triageHubs\n",
                            "  TRIAGE_HUBS: triageHubs\n  TEAMS_WEBHOOK_URL: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/x/)'\n"),
                    "TEAMS_WEBHOOK_URL must only be added when its secret exists");
        }

        @Test
        void workspaceIdIsTheCustomerIdNotTheResourceId() {
            bites(InfraInvariants::appSettings, infra.replacing(MAIN,
                            "workspaceCustomerId: !queriesTheWorkspace ? '' : useExistingWorkspace ? existingWorkspace.properties.customerId : monitoring.outputs.workspaceCustomerId",
                            "workspaceCustomerId: !queriesTheWorkspace ? '' : workspaceResourceId"),
                    "LOG_ANALYTICS_WORKSPACE_ID must be filled from customerId");
        }
    }

    @Nested
    class Roles {
        @Test
        void onlyTheIntendedBuiltInRoles() {
            bites(InfraInvariants::roles, infra.replacing(HUB, "var reader = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'",
                            "var reader = 'b24988ac-6180-42d9-a3fd-3a3b4ae4ff3a'"),
                    "role b24988ac-6180-42d9-a3fd-3a3b4ae4ff3a is not one of the intended least-privilege roles");
        }

        @Test
        void eachRoleAtItsIntendedScope() {
            bites(InfraInvariants::roles, infra.replacing(ACCESS, "guid(vault.id, principalId, keyVaultSecretsUser)\n  scope: vault",
                            "guid(vault.id, principalId, keyVaultSecretsUser)\n  scope: storage"),
                    "Key Vault Secrets User must be assigned on Microsoft.KeyVault/vaults, not on Microsoft.Storage/storageAccounts");
        }

        @Test
        void neverAtResourceGroupScope() {
            bites(InfraInvariants::roles, infra.replacing(HUB, "name: guid(iotHub.id, principalId, reader)\n  scope: iotHub\n",
                            "name: guid(iotHub.id, principalId, reader)\n"),
                    "hubReader: scope must name a resource declared in this file");
        }

        @Test
        void everyIntendedRoleIsAssigned() {
            bites(InfraInvariants::roles, infra.replacing(ACCESS, "storageTableDataContributor)\n  scope: storage\n  properties: {\n    principalId: principalId\n    principalType: 'ServicePrincipal'\n    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)",
                            "storageTableDataContributor)\n  scope: storage\n  properties: {\n    principalId: principalId\n    principalType: 'ServicePrincipal'\n    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributor)"),
                    "role Storage Table Data Contributor (0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3) is never assigned");
        }

        @Test
        void principalIsTheFunctionIdentity() {
            bites(InfraInvariants::roles, infra.replacing(MAIN, "principalId: functionApp.outputs.principalId",
                            "principalId: '00000000-0000-0000-0000-000000000000'"),
                    "module access gets principalId '00000000-0000-0000-0000-000000000000'");
        }
    }

    @Nested
    class Secrets {
        @Test
        void secureParamNeverAnOutput() {
            bites(InfraInvariants::secrets, infra.with(VAULT, infra.source(VAULT) + "output hook string = teamsWebhookUrl\n"),
                    "output hook exposes a @secure() value");
        }

        @Test
        void secureParamLaunderedThroughAVarIsStillCaught() {
            bites(InfraInvariants::secrets, infra.with(VAULT, infra.source(VAULT)
                            + "var host = split(slackWebhookUrl, '/')[2]\noutput slackHost string = host\n"),
                    "output slackHost exposes a @secure() value");
        }

        @Test
        void secureParamNeverAPlainAppSetting() {
            bites(InfraInvariants::secrets, infra.replacing(MAIN, "teamsSecretName: empty(teamsWebhookUrl) ? '' : teamsSecretName",
                            "teamsSecretName: teamsWebhookUrl"),
                    "module settings: @secure() value passed to non-secure parameter teamsSecretName");
        }

        @Test
        void secureValueOnlyInTheSecretValue() {
            bites(InfraInvariants::secrets, infra.replacing(VAULT, "contentType: 'text/uri-list'\n  }\n}\n\nresource slackSecret",
                            "contentType: teamsWebhookUrl\n  }\n}\n\nresource slackSecret"),
                    "teamsSecret.properties.contentType holds a @secure() value");
        }

        @Test
        void keysNeverOutputs() {
            bites(InfraInvariants::secrets, infra.with(GROUP, infra.source(GROUP)
                            + "output key string = listKeys(resourceId('Microsoft.Web/sites/host', site.name, 'default'), '2023-12-01').functionKeys.default\n"),
                    "output key calls listKeys(): keys must never be outputs");
        }

        @Test
        void theFunctionKeyOnlyInTheWebhookUrl() {
            bites(InfraInvariants::secrets, infra.replacing(GROUP, "name: 'iothub-triage'\n", "name: alertsFunctionKey\n"),
                    "actionGroup.properties.webhookReceivers holds a @secure() value");
        }

        @Test
        void noLiteralWebhookUrlInTheTemplates() {
            bites(InfraInvariants::noLiteralSecrets, infra.replacing(MAIN, "param teamsWebhookUrl string = ''",
                            "param teamsWebhookUrl string = 'https://prod-12.westeurope.logic.azure.com/workflows/1?sig=abc'"),
                    "a literal secret or key");
        }

        @Test
        void noLiteralWebhookUrlInTheParameters() {
            bites(InfraInvariants::noLiteralSecrets, infra.replacing(InfraProject.PARAMETERS, "${SLACK_WEBHOOK_URL=}",
                            "https://hooks.slack.com/services/T000/B000/XXXX"),
                    "infra/main.parameters.json");
        }
    }

    @Nested
    class HubAndAlerts {
        @Test
        void connectionsCategory() {
            bites(InfraInvariants::hubDiagnostics, infra.replacing(HUB, "category: 'Connections'", "category: 'DeviceTelemetry'"),
                    "logs must include {category: 'Connections', enabled: true}");
        }

        @Test
        void connectedDeviceCountMetric() {
            bites(InfraInvariants::metricAlert, infra.replacing(ALERTS, "metricName: 'connectedDeviceCount'", "metricName: 'totalDeviceCount'"),
                    "metricName must be 'connectedDeviceCount'");
        }

        @Test
        void metricAlertAutoMitigates() {
            bites(InfraInvariants::metricAlert, infra.replacing(ALERTS, "    // Stateful: a Resolved notification follows when the count recovers, so the chat thread gets closed.\n    autoMitigate: true",
                            "    autoMitigate: false"),
                    "autoMitigate must be true");
        }

        @Test
        void thresholdIsAParameter() {
            bites(InfraInvariants::metricAlert, infra.replacing(ALERTS, "threshold: threshold\n", "threshold: 100\n"),
                    "threshold must be a parameter");
        }

        @Test
        void commonAlertSchema() {
            bites(InfraInvariants::actionGroup, infra.replacing(GROUP, "useCommonAlertSchema: true", "useCommonAlertSchema: false"),
                    "useCommonAlertSchema: true");
        }

        @Test
        void webhookCallsTheAlertsRouteWithAKeyOfTheAlertsFunction() {
            bites(InfraInvariants::actionGroup, infra.replacing(GROUP, "/api/alerts?code=", "/api/triage?code="),
                    "serviceUri must be https://${site.properties.defaultHostName}/api/alerts?code=${uriComponent(alertsFunctionKey)}");
        }

        @Test
        void noReceiverBeforeTheKeyExists() {
            bites(InfraInvariants::actionGroup, infra.replacing(GROUP, "webhookReceivers: empty(alertsFunctionKey) ? [] : [", "webhookReceivers: ["),
                    "webhookReceivers must be empty(alertsFunctionKey) ? [] : [...]");
        }

        @Test
        void theAppIsWatchedByPeopleNotByItself() {
            bites(InfraInvariants::actionGroup, infra.replacing(HEALTH, "    emailReceivers: [\n      {\n        name: 'ops-email'\n        emailAddress: opsAlertEmail\n",
                            "    emailReceivers: [\n      {\n        name: 'ops-email'\n"),
                    "the watch group needs an e-mail receiver");
        }

        @Test
        void logAlertAutoMitigates() {
            bites(InfraInvariants::logAlert, infra.replacing(ALERTS, "    windowSize: 'PT15M'\n    autoMitigate: true", "    windowSize: 'PT15M'\n    autoMitigate: false"),
                    "autoMitigate must be true");
        }

        @Test
        void logAlertOnATableThatMayNotExistSkipsValidation() {
            bites(InfraInvariants::logAlert, infra.replacing(ALERTS, "    skipQueryValidation: true\n", ""),
                    "skipQueryValidation must be true");
        }

        @Test
        void everyAllowedWindowAndFrequencyPairIsOneAzureAccepts() {
            bites(InfraInvariants::metricAlert, infra.replacing(MAIN, "  'PT1M'\n  'PT5M'\n])\n@description('How often",
                            "  'PT1M'\n  'PT5M'\n  'PT15M'\n])\n@description('How often"),
                    "window PT5M with frequency PT15M is allowed by the parameters but rejected by Azure");
        }

        @Test
        void diagnosticSettingNamedPerEnvironment() {
            bites(InfraInvariants::hubDiagnostics, infra.replacing(InfraProject.WIRING, "param diagnosticSettingName string\n",
                            "param diagnosticSettingName string = 'iothub-triage-connections'\n"),
                    "must exist without a default");
        }

        @Test
        void healthQueriesNameStagesTheCodeWrites() {
            bites(InfraInvariants::healthAlerts, infra.replacing(InfraProject.HEALTH_QUERIES, "stage=giving-up", "stage=givingup"),
                    "looks for stage=givingup, which the code never writes");
        }

        @Test
        void healthQueriesOnlyThisApp() {
            bites(InfraInvariants::healthAlerts, infra.replacing(InfraProject.HEALTH_QUERIES,
                            "AppRequests | where _ResourceId =~ '{appInsightsId}' | where Name == \\\"triage-poison\\\"",
                            "AppRequests | where Name == \\\"triage-poison\\\""),
                    "must filter _ResourceId =~ '{appInsightsId}'");
        }

        @Test
        void traceSamplingKeepsStageLines() {
            bites(InfraInvariants::traceSampling, infra.replacing(InfraProject.HOST_JSON, "Request;Exception;Trace", "Request;Exception"),
                    "must include Trace");
        }
    }

    @Nested
    class Boundaries {
        @Test
        void noRegistryModules() {
            bites(InfraInvariants::modulesAreLocal, infra.replacing(MAIN, "module monitoring 'app/monitoring.bicep'",
                            "module monitoring 'br/public:avm/res/insights/component:0.4.0'"),
                    "uses registry reference 'br/public:avm/res/insights/component:0.4.0'");
        }

        @Test
        void apiVersionsFromTheAllowList() {
            bites(InfraInvariants::apiVersions, infra.replacing(ALERTS, "Microsoft.Insights/metricAlerts@2018-03-01", "Microsoft.Insights/metricAlerts@2017-09-01-preview"),
                    "Microsoft.Insights/metricAlerts@2017-09-01-preview is not an allowed API version");
        }

        @Test
        void listKeysApiVersionFromTheAllowList() {
            bites(InfraInvariants::apiVersions, infra.replacing(GROUP, "name: 'iothub-triage'\n",
                            "name: listKeys(resourceId('Microsoft.Web/sites/host', site.name, 'default'), '2015-08-01').x\n"),
                    "listKeys(...) API version '2015-08-01'");
        }

        @Test
        void mainDeploysOnlyIntoItsOwnResourceGroup() {
            bites(InfraInvariants::mainStaysInItsResourceGroup, infra.replacing(MAIN, "name: 'health-alerts'\n  scope: rg\n",
                            "name: 'health-alerts'\n  scope: resourceGroup('rg-iothub')\n"),
                    "module healthAlerts must be deployed into the app's own resource group");
        }

        @Test
        void deploymentNamesFitArmsLimit() {
            bites(InfraInvariants::deploymentNames, infra.replacing(MAIN, "${take(environmentName, 28)}", "${environmentName}"),
                    "output WIRING_DEPLOYMENT_NAME may exceed 64 characters");
        }

        @Test
        void oneAlertModulePerHub() {
            bites(InfraInvariants::manyHubs, infra.replacing(MAIN, "[for hubId in hubIds: {\n  name: 'hub-alerts", "[for hubId in take(hubIds, 1): {\n  name: 'hub-alerts"),
                    "must deploy infra/app/hub-alerts.bicep once per hub");
        }

        @Test
        void workspaceRoleOnlyAsTheFallback() {
            bites(InfraInvariants::roles, infra.replacing(InfraProject.WIRING, "module workspace 'workspace.bicep' = if (logQueryScope == 'workspace') {",
                            "module workspace 'workspace.bicep' = {"),
                    "must be deployed only if (logQueryScope == 'workspace')");
        }

        @Test
        void noFtpsStateOnFlex() {
            bites(InfraInvariants::functionApp, infra.replacing(FUNCTION, "      minTlsVersion: '1.2'\n", "      minTlsVersion: '1.2'\n      ftpsState: 'Disabled'\n"),
                    "siteConfig.ftpsState must not be set");
        }

        @Test
        void publishingPoliciesCarryALocation() {
            bites(InfraInvariants::functionApp, infra.replacing(FUNCTION, "  name: 'ftp'\n  location: location\n", "  name: 'ftp'\n"),
                    "ftpBasicAuth: basicPublishingCredentialsPolicies needs location");
        }

        @Test
        void storageByEndpointsNotAccountName() {
            bites(InfraInvariants::appSettings, infra.replacing(SETTINGS, "  AzureWebJobsStorage__queueServiceUri: storageQueueUri\n",
                            "  AzureWebJobsStorage__accountName: 'x'\n"),
                    "setting AzureWebJobsStorage__accountName must not be set");
        }
    }

    @Nested
    class Azd {
        @Test
        void functionHostAndJava() {
            bites(InfraInvariants::azd, infra.replacing(InfraProject.AZURE_YAML, "host: function", "host: appservice"),
                    "services.triage.host must be 'function'");
        }

        @Test
        void distIsTheMavenPluginStagingFolder() {
            bites(InfraInvariants::azd, infra.replacing(InfraProject.AZURE_YAML, "dist: target/azure-functions/iothub-triage", "dist: target"),
                    "services.triage.dist must be 'target/azure-functions/iothub-triage'");
        }

        @Test
        void parametersFileMatchesMainBicep() {
            bites(InfraInvariants::azd, infra.replacing(InfraProject.PARAMETERS, "\"iotHubResourceIds\"", "\"iotHubId\""),
                    "parameter iotHubId is not declared in main.bicep");
        }

        @Test
        void everyRequiredParameterIsMappedSoNoPromptWorks() {
            bites(InfraInvariants::azd, infra.replacing(InfraProject.PARAMETERS,
                            "    \"connectedDevicesThreshold\": {\n      \"value\": \"${CONNECTED_DEVICES_THRESHOLD}\"\n    },\n", ""),
                    "required parameter connectedDevicesThreshold is neither in main.parameters.json");
        }

        @Test
        void wiringHookPassesEveryRequiredParameter() {
            bites(InfraInvariants::azd, infra.replacing("infra/scripts/wire-hub.sh", "    principalId=\"$FUNCTION_PRINCIPAL_ID\" \\\n", ""),
                    "does not pass required wiring parameter principalId");
        }

        @Test
        void hooksReadOnlyKnownVariables() {
            bites(InfraInvariants::azd, infra.replacing("infra/scripts/unwire-hub.ps1", "-not $env:FUNCTION_PRINCIPAL_ID", "-not $env:FUNCTION_PRINCIPAL"),
                    "reads FUNCTION_PRINCIPAL, which is neither an azd variable");
        }

        @Test
        void everyHookInBothShells() {
            bites(InfraInvariants::azd, infra.replacing(InfraProject.AZURE_YAML, "run: ./infra/scripts/attach-webhook.ps1", "run: ./infra/scripts/wire-hub.ps1"),
                    "hooks.postdeploy.windows.run must be ./infra/scripts/attach-webhook.ps1");
        }
    }

    @Nested
    class FirstDeployOrder {
        @Test
        void provisioningNeverReadsKeys() {
            bites(DeployOrder::check, infra.with(GROUP, infra.source(GROUP)
                            + "var hostKey = listKeys(resourceId('Microsoft.Web/sites/host', site.name, 'default'), '2023-12-01').functionKeys.default\n"),
                    "listKeys() reads keys while provisioning");
        }

        @Test
        void provisionLeavesTheAttachedGroupAlone() {
            bites(DeployOrder::check, infra.replacing(MAIN, "module actionGroup 'app/action-group.bicep' = if (!alertsWebhookAttached) {",
                            "module actionGroup 'app/action-group.bicep' = {"),
                    "must be deployed only if (!alertsWebhookAttached)");
        }

        @Test
        void alertsWaitForTheGroup() {
            bites(DeployOrder::check, infra.replacing(MAIN, "  dependsOn: [\n    actionGroup\n  ]\n", ""),
                    "module hubAlerts must dependsOn actionGroup");
        }

        @Test
        void keyBeforeGroupBeforeRecord() {
            String sh = "infra/scripts/attach-webhook.sh";
            String text = infra.source(sh);
            String record = "azd env set ALERTS_WEBHOOK_ATTACHED true\n";
            String moved = text.replace(record, "").replace("umask 077\n", record + "umask 077\n");
            bites(DeployOrder::check, infra.with(sh, moved), "step 'azd env set ALERTS_WEBHOOK_ATTACHED true' comes before");
        }

        @Test
        void waitsWithBoundedBackoff() {
            bites(DeployOrder::check, infra.replacing("infra/scripts/attach-webhook.ps1", "$listed = With-Backoff \"the host", "$listed = Invoke-Once \"the host"),
                    "must wait for the host and for the key with With-Backoff");
        }

        @Test
        void aKeyOfAlertsNotTheHostKey() {
            bites(DeployOrder::check, infra.replacing("infra/scripts/attach-webhook.sh", "az functionapp function keys list", "az functionapp keys list"),
                    "uses a host key (functionapp keys)");
        }

        @Test
        void downResetsTheRecord() {
            bites(DeployOrder::check, infra.replacing("infra/scripts/reset-state.sh", "azd env set ALERTS_WEBHOOK_ATTACHED false\n", ""),
                    "after `azd down` the next provision must create the group again");
        }
    }
}
