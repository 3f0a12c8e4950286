// iothub-triage: everything the function app needs in its own resource group.
//
// Deployed by `azd provision` at subscription scope. Nothing here writes into the IoT hub's resource group or into
// an existing workspace's resource group: `azd down` deletes every resource group a deployment touched (and with
// --force skips its ownership checks), so the hub-side wiring (diagnostic setting, role assignments on the hub and
// the workspace) lives in infra/wiring/ and is applied by the postprovision hook as a separate deployment.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; used in resource names and the azd-env-name tag.')
param environmentName string

@minLength(1)
@description('Region for the function app and its resources.')
param location string

@description('Resource group to create for the app. Empty = rg-<environmentName>.')
param resourceGroupName string = ''

@minLength(40)
@description('Resource id of the existing IoT hub to watch: /subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.Devices/IotHubs/<name>.')
param iotHubResourceId string

@description('Resource id of an existing Log Analytics workspace that receives (or will receive) the hub Connections logs. Empty = create one in the app resource group.')
param logAnalyticsWorkspaceResourceId string = ''

@minValue(30)
@maxValue(730)
@description('Retention in days of a workspace created by this template (ignored for an existing workspace).')
param logRetentionDays int = 30

@secure()
@description('Teams Workflows webhook URL(s), comma-separated. Stored in Key Vault; empty = no Teams posts.')
param teamsWebhookUrl string = ''

@secure()
@description('Slack incoming webhook URL(s), comma-separated. Stored in Key Vault; empty = no Slack posts.')
param slackWebhookUrl string = ''

@secure()
@description('Generic JSON webhook URL(s), comma-separated. Stored in Key Vault; empty = none.')
param genericWebhookUrl string = ''

@minValue(0)
@description('The alert fires when connectedDeviceCount (aggregated over the window) drops below this value. Pick it from the fleet size, e.g. 90% of the devices normally connected.')
param connectedDevicesThreshold int

@allowed([
  'Average'
  'Minimum'
  'Maximum'
])
@description('Aggregation of connectedDeviceCount over the window. Minimum reacts to short dips, Average to sustained ones.')
param connectedDevicesAggregation string = 'Minimum'

@allowed([
  'PT5M'
  'PT15M'
  'PT30M'
  'PT1H'
])
@description('Window the aggregation covers.')
param connectedDevicesWindow string = 'PT5M'

@allowed([
  'PT1M'
  'PT5M'
  'PT15M'
])
@description('How often the metric alert is evaluated; must not be longer than the window.')
param connectedDevicesEvaluationFrequency string = 'PT1M'

@minValue(0)
@maxValue(4)
@description('Severity of the metric alert (0 = critical ... 4 = verbose).')
param alertSeverity int = 2

@description('Also create a log alert on Connections errors (needs the hub diagnostic setting; costs one log alert rule).')
param enableConnectionErrorLogAlert bool = false

@minValue(1)
@description('Log alert: fire when more than this many Connections errors arrive within the log alert window.')
param connectionErrorThreshold int = 50

@minValue(0)
@maxValue(1)
@description('Always-ready instances for the HTTP functions (alerts, triage). 1 keeps /api/alerts answering within the action group timeout; 0 saves the baseline cost but risks cold starts.')
param alwaysReadyHttpInstances int = 1

@allowed([
  512
  2048
  4096
])
@description('Memory per Flex Consumption instance in MB.')
param instanceMemoryMB int = 2048

@minValue(1)
@maxValue(1000)
@description('Upper bound on scale-out of the function app.')
param maximumInstanceCount int = 40

@description('Post a short message when the alert resolves (NOTIFY_ON_RESOLVED).')
param notifyOnResolved bool = true

@minValue(0)
@description('Same hub and verdict within this many minutes: post a one-line "still ongoing" update instead of a full card (SUPPRESS_REPEAT_MINUTES).')
param suppressRepeatMinutes int = 30

@description('Analysis window starts this long before the alert fired (TRIAGE_WINDOW_BEFORE, ISO-8601 duration).')
param triageWindowBefore string = 'PT30M'

@description('Analysis window ends this long after the alert fired (TRIAGE_WINDOW_AFTER, ISO-8601 duration).')
param triageWindowAfter string = 'PT5M'

@description('Baseline window length before the analysis window (TRIAGE_BASELINE, ISO-8601 duration).')
param triageBaseline string = 'PT24H'

// ---------------------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------------------
var serviceName = 'triage'
var tags = {
  'azd-env-name': environmentName
  application: 'iothub-triage'
}
var token = toLower(uniqueString(subscription().id, environmentName, location))
var appResourceGroupName = empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
var functionAppName = 'func-triage-${token}'
var planName = 'plan-triage-${token}'
var storageAccountName = 'sttriage${take(token, 14)}'
var keyVaultName = 'kv-triage-${take(token, 12)}'
var appInsightsName = 'appi-triage-${token}'
var newWorkspaceName = 'log-triage-${token}'
var deploymentContainerName = 'deployment-package'

// The workspace id is parsed the same way whether it is new or existing, so later expressions have one shape.
var useExistingWorkspace = !empty(logAnalyticsWorkspaceResourceId)
var newWorkspaceResourceId = '/subscriptions/${subscription().subscriptionId}/resourceGroups/${appResourceGroupName}/providers/Microsoft.OperationalInsights/workspaces/${newWorkspaceName}'
var workspaceResourceId = useExistingWorkspace ? logAnalyticsWorkspaceResourceId : newWorkspaceResourceId
var workspaceIdParts = split(workspaceResourceId, '/')

// Key Vault secret names; the app settings reference them without a version so a rotated secret is picked up.
var teamsSecretName = 'teams-webhook-url'
var slackSecretName = 'slack-webhook-url'
var genericSecretName = 'generic-webhook-url'

// ---------------------------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------------------------
resource rg 'Microsoft.Resources/resourceGroups@2022-09-01' = {
  name: appResourceGroupName
  location: location
  tags: tags
}

// Read only (no deployment into its resource group): its customerId becomes LOG_ANALYTICS_WORKSPACE_ID.
resource existingWorkspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  scope: resourceGroup(workspaceIdParts[2], workspaceIdParts[4])
  name: workspaceIdParts[8]
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    location: location
    tags: tags
    createWorkspace: !useExistingWorkspace
    workspaceName: newWorkspaceName
    workspaceResourceId: workspaceResourceId
    retentionInDays: logRetentionDays
    appInsightsName: appInsightsName
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    location: location
    tags: tags
    storageAccountName: storageAccountName
    deploymentContainerName: deploymentContainerName
  }
}

module vault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    location: location
    tags: tags
    keyVaultName: keyVaultName
    teamsSecretName: teamsSecretName
    slackSecretName: slackSecretName
    genericSecretName: genericSecretName
    teamsWebhookUrl: teamsWebhookUrl
    slackWebhookUrl: slackWebhookUrl
    genericWebhookUrl: genericWebhookUrl
  }
}

module functionApp 'app/function.bicep' = {
  name: 'function'
  scope: rg
  params: {
    location: location
    tags: union(tags, {
      'azd-service-name': serviceName
    })
    functionAppName: functionAppName
    planName: planName
    deploymentContainerUrl: '${storage.outputs.blobEndpoint}${deploymentContainerName}'
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
  }
}

module access 'app/access.bicep' = {
  name: 'access'
  scope: rg
  params: {
    principalId: functionApp.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: vault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
  }
}

module settings 'app/app-settings.bicep' = {
  name: 'app-settings'
  scope: rg
  params: {
    functionAppName: functionApp.outputs.name
    storageAccountName: storage.outputs.name
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    // ARM evaluates only the taken branch of a condition, so the existing workspace is read only when one was given.
    workspaceCustomerId: useExistingWorkspace ? existingWorkspace.properties.customerId : monitoring.outputs.workspaceCustomerId
    iotHubResourceId: iotHubResourceId
    keyVaultUri: vault.outputs.uri
    teamsSecretName: empty(teamsWebhookUrl) ? '' : teamsSecretName
    slackSecretName: empty(slackWebhookUrl) ? '' : slackSecretName
    genericSecretName: empty(genericWebhookUrl) ? '' : genericSecretName
    notifyOnResolved: notifyOnResolved
    suppressRepeatMinutes: suppressRepeatMinutes
    triageWindowBefore: triageWindowBefore
    triageWindowAfter: triageWindowAfter
    triageBaseline: triageBaseline
  }
  // Settings go on after the roles so the first host start can reach storage and resolve the Key Vault references.
  dependsOn: [
    access
  ]
}

module alerts 'app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    location: location
    tags: tags
    functionAppName: functionApp.outputs.name
    iotHubResourceId: iotHubResourceId
    threshold: connectedDevicesThreshold
    timeAggregation: connectedDevicesAggregation
    windowSize: connectedDevicesWindow
    evaluationFrequency: connectedDevicesEvaluationFrequency
    severity: alertSeverity
    enableConnectionErrorLogAlert: enableConnectionErrorLogAlert
    connectionErrorThreshold: connectionErrorThreshold
  }
  // The webhook URL needs the host key, which exists once the host has started with its storage settings.
  dependsOn: [
    settings
  ]
}

// ---------------------------------------------------------------------------------------------------------------
// Outputs (azd stores them in the environment; the postprovision hook reads the wiring inputs from here)
// ---------------------------------------------------------------------------------------------------------------
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_TRIAGE_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output FUNCTION_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'
output ALERTS_ENDPOINT string = 'https://${functionApp.outputs.defaultHostName}/api/alerts'
output TRIAGE_ENDPOINT string = 'https://${functionApp.outputs.defaultHostName}/api/triage'
output FUNCTION_PRINCIPAL_ID string = functionApp.outputs.principalId
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
output KEY_VAULT_NAME string = vault.outputs.name
output APPLICATION_INSIGHTS_NAME string = monitoring.outputs.appInsightsName
output TRIAGE_WORKSPACE_RESOURCE_ID string = workspaceResourceId
output IOTHUB_RESOURCE_ID string = iotHubResourceId
output ACTION_GROUP_NAME string = alerts.outputs.actionGroupName
output METRIC_ALERT_NAME string = alerts.outputs.metricAlertName
