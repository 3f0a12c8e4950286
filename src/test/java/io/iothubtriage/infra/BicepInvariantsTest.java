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
    private static final String ALERTS = "infra/app/alerts.bicep";
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
        assertThat(infra.bicepFiles()).containsKeys(MAIN, InfraProject.WIRING, STORAGE, VAULT, FUNCTION, SETTINGS, ACCESS, ALERTS, HUB);
        assertThat(InfraInvariants.all(infra)).isEmpty();
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
            bites(InfraInvariants::appSettings, infra.replacing(SETTINGS, "  TRIAGE_HUBS: iotHubResourceId\n", ""),
                    "setting TRIAGE_HUBS is read by the code but neither set nor listed as left to its default");
        }

        @Test
        void misspelledSettingIsCaught() {
            bites(InfraInvariants::appSettings, infra.replacing(SETTINGS, "NOTIFY_ON_RESOLVED:", "NOTIFY_ON_RESOLVE:"),
                    "setting NOTIFY_ON_RESOLVE is neither read by the code nor a known host setting");
        }

        @Test
        void noWorkerRuntimeSettingOnFlex() {
            bites(InfraInvariants::appSettings, infra.replacing(SETTINGS, "  TRIAGE_HUBS: iotHubResourceId\n",
                            "  TRIAGE_HUBS: iotHubResourceId\n  FUNCTIONS_WORKER_RUNTIME: 'java'\n"),
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
            bites(InfraInvariants::appSettings, infra.replacing(SETTINGS, "  TRIAGE_HUBS: iotHubResourceId\n",
                            "  TRIAGE_HUBS: iotHubResourceId\n  TEAMS_WEBHOOK_URL: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/x/)'\n"),
                    "TEAMS_WEBHOOK_URL must only be added when its secret exists");
        }

        @Test
        void workspaceIdIsTheCustomerIdNotTheResourceId() {
            bites(InfraInvariants::appSettings, infra.replacing(MAIN,
                            "workspaceCustomerId: useExistingWorkspace ? existingWorkspace.properties.customerId : monitoring.outputs.workspaceCustomerId",
                            "workspaceCustomerId: workspaceResourceId"),
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
            bites(InfraInvariants::roles, infra.replacing(HUB, "name: guid(iotHub.id, principalId, monitoringReader)\n  scope: iotHub\n",
                            "name: guid(iotHub.id, principalId, monitoringReader)\n"),
                    "hubMonitoringReader: scope must name a resource declared in this file");
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
            bites(InfraInvariants::secrets, infra.with(ALERTS, infra.source(ALERTS)
                            + "output key string = listKeys(resourceId('Microsoft.Web/sites/host', site.name, 'default'), '2023-12-01').functionKeys.default\n"),
                    "output key calls listKeys(): keys must never be outputs");
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
            bites(InfraInvariants::actionGroup, infra.replacing(ALERTS, "useCommonAlertSchema: true", "useCommonAlertSchema: false"),
                    "useCommonAlertSchema: true");
        }

        @Test
        void webhookCallsTheAlertsRouteWithTheHostKey() {
            bites(InfraInvariants::actionGroup, infra.replacing(ALERTS, "/api/alerts?code=", "/api/triage?code="),
                    "serviceUri must be https://<host>/api/alerts?code=");
        }

        @Test
        void logAlertAutoMitigates() {
            bites(InfraInvariants::logAlert, infra.replacing(ALERTS, "    windowSize: 'PT15M'\n    autoMitigate: true", "    windowSize: 'PT15M'\n    autoMitigate: false"),
                    "autoMitigate must be true");
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
            bites(InfraInvariants::apiVersions, infra.replacing(ALERTS, "'default'), '2023-12-01')", "'default'), '2015-08-01')"),
                    "listKeys(...) API version '2015-08-01'");
        }

        @Test
        void mainDeploysOnlyIntoItsOwnResourceGroup() {
            bites(InfraInvariants::mainStaysInItsResourceGroup, infra.replacing(MAIN, "name: 'alerts'\n  scope: rg\n",
                            "name: 'alerts'\n  scope: resourceGroup('rg-iothub')\n"),
                    "module alerts must be deployed into the app's own resource group");
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
            bites(InfraInvariants::azd, infra.replacing(InfraProject.PARAMETERS, "\"iotHubResourceId\"", "\"iotHubId\""),
                    "parameter iotHubId is not declared in main.bicep");
        }

        @Test
        void wiringHookPassesEveryRequiredParameter() {
            bites(InfraInvariants::azd, infra.replacing("infra/scripts/wire-hub.sh", "    principalId=\"$FUNCTION_PRINCIPAL_ID\" \\\n", ""),
                    "does not pass required wiring parameter principalId");
        }

        @Test
        void hooksReadOnlyKnownVariables() {
            bites(InfraInvariants::azd, infra.replacing("infra/scripts/unwire-hub.ps1", "$env:FUNCTION_PRINCIPAL_ID", "$env:FUNCTION_PRINCIPAL"),
                    "reads FUNCTION_PRINCIPAL, which is neither an azd variable nor an output of main.bicep");
        }
    }
}
