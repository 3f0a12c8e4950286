// App settings of the function app. Names are the ones the code reads (SETTINGS.md); secrets appear only as
// Key Vault references. Flex Consumption takes the runtime from functionAppConfig, so there is no
// FUNCTIONS_WORKER_RUNTIME or FUNCTIONS_EXTENSION_VERSION here.
param functionAppName string
@description('The storage account\'s endpoints as the account reports them, so they are right in every cloud.')
param storageBlobUri string
param storageQueueUri string
param storageTableUri string
param appInsightsConnectionString string
@description('Log Analytics workspace customerId (GUID), not its resource id; empty = resource-context queries on each hub.')
param workspaceCustomerId string
@description('Hub resource ids, comma-separated: the only hubs the rerun endpoint accepts.')
param triageHubs string
@description('Vault URI with trailing slash, e.g. https://kv-x.vault.azure.net/')
param keyVaultUri string
@description('Secret names; empty = that channel is not configured and its setting is left out.')
param teamsSecretName string
param slackSecretName string
param genericSecretName string
param notifyOnResolved bool
param suppressRepeatMinutes int
param triageWindowBefore string
param triageWindowAfter string
param triageBaseline string
@description('REPORT_LINKS: store each report in triage-reports and put a read-only expiring link on the card.')
param reportLinks bool
@minValue(1)
@maxValue(7)
param reportLinkDays int

resource site 'Microsoft.Web/sites@2023-12-01' existing = {
  name: functionAppName
}

var baseSettings = {
  // Identity-based host storage with the account's own endpoints: __accountName would assume the public cloud's
  // storage suffix. System-assigned identity, so no __clientId.
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__blobServiceUri: storageBlobUri
  AzureWebJobsStorage__queueServiceUri: storageQueueUri
  AzureWebJobsStorage__tableServiceUri: storageTableUri
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
  // Blank = unset for the code: it then queries each hub resource-centric (docs/deploy.md, "Least privilege").
  LOG_ANALYTICS_WORKSPACE_ID: workspaceCustomerId
  TRIAGE_HUBS: triageHubs
  AZURE_CLOUD: environment().name
  NOTIFY_ON_RESOLVED: notifyOnResolved ? 'true' : 'false'
  SUPPRESS_REPEAT_MINUTES: string(suppressRepeatMinutes)
  TRIAGE_WINDOW_BEFORE: triageWindowBefore
  TRIAGE_WINDOW_AFTER: triageWindowAfter
  TRIAGE_BASELINE: triageBaseline
  // Always written, so that turning links off with `azd provision` really turns them off.
  REPORT_LINKS: reportLinks ? 'true' : 'false'
  REPORT_LINK_DAYS: string(reportLinkDays)
}

var teamsSetting = empty(teamsSecretName) ? {} : {
  TEAMS_WEBHOOK_URL: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${teamsSecretName}/)'
}
var slackSetting = empty(slackSecretName) ? {} : {
  SLACK_WEBHOOK_URL: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${slackSecretName}/)'
}
var genericSetting = empty(genericSecretName) ? {} : {
  GENERIC_WEBHOOK_URL: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${genericSecretName}/)'
}

resource appSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: site
  name: 'appsettings'
  properties: union(baseSettings, teamsSetting, slackSetting, genericSetting)
}
