// iothub-triage: everything the function app needs in its own resource group.
//
// Deployed by `azd provision` at subscription scope. Nothing here writes into a hub's resource group or into an
// existing workspace's resource group: `azd down` deletes every resource group a deployment touched (and with
// --force skips its ownership checks), so the hub-side wiring (diagnostic settings, role assignments on the hubs and,
// in workspace mode, on the workspace) lives in infra/wiring/ and is applied by the postprovision hook as a separate
// deployment. The action group's webhook receiver needs a function key of `alerts`, which exists only once the code
// is deployed: the postdeploy hook (infra/scripts/attach-webhook.*) adds it. Order and reasons: docs/deploy.md.
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
@description('Resource ids of the IoT hubs to watch, comma-separated: /subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.Devices/IotHubs/<name>. Hubs may sit in other resource groups and subscriptions of the same tenant.')
param iotHubResourceIds string

@description('Resource id of an existing Log Analytics workspace that receives (or will receive) the hubs\' Connections logs. Empty = create one in the app resource group.')
param logAnalyticsWorkspaceResourceId string = ''

@allowed([
  'resource'
  'workspace'
])
@description('How the app queries the Connections logs. resource = resource-context queries on each hub (LOG_ANALYTICS_WORKSPACE_ID left empty; Reader on the hub suffices). workspace = queries on the workspace (LOG_ANALYTICS_WORKSPACE_ID = its customerId; adds Log Analytics Reader on the whole workspace), for workspaces that require workspace permissions.')
param logQueryScope string = 'resource'

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
@description('Default threshold: a hub\'s alert fires when its connectedDeviceCount (aggregated over the window) drops below this value. Pick it from the fleet size, e.g. 90% of the devices normally connected.')
param connectedDevicesThreshold int

@description('Per-hub thresholds overriding the default, comma-separated <hub name>=<count>, e.g. \'contoso-eu=900,contoso-us=120\'. Checked by the preprovision hook.')
param connectedDevicesThresholdOverrides string = ''

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

// Every allowed frequency is at most the shortest allowed window, so no combination Azure rejects (frequency longer
// than the window) can be expressed. BicepInvariantsTest checks this.
@allowed([
  'PT1M'
  'PT5M'
])
@description('How often the metric alert is evaluated (at most the window).')
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

@minLength(3)
@description('E-mail address told when the app itself is unwell (giving up, misconfigured, poison messages, /api/alerts refusing, no triage finishing). This path does not go through the app.')
param opsAlertEmail string

@description('Optional SMS receiver for the same health alerts: country code, e.g. \'49\' (empty = no SMS).')
param opsAlertSmsCountryCode string = ''

@description('Optional SMS receiver: phone number without the country code (empty = no SMS).')
param opsAlertSmsNumber string = ''

@description('Set to true by the postdeploy hook once it has attached the webhook receiver (azd env ALERTS_WEBHOOK_ATTACHED). While true, provisioning leaves the action group to that hook, so a rerun never detaches the webhook; while false, provisioning creates the group without a receiver.')
param alertsWebhookAttached bool = false

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

@description('REPORT_LINKS: store every report in the app\'s storage (container triage-reports) and put an "Open the full report" link on the card: read-only, expiring, readable by anyone who has it (docs/report-links.md). Off by default.')
param reportLinks bool = false

@minValue(1)
@maxValue(7)
@description('REPORT_LINK_DAYS: how long a report link works, 1-7 days (a user-delegation SAS lives at most 7 days).')
param reportLinkDays int = 7

@minValue(7)
@maxValue(3650)
@description('Days a stored report is kept before the storage lifecycle rule deletes it (then its link answers 404). At least 7, the longest a link can live, so a report is never deleted while its link still works.')
param reportRetentionDays int = 30

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
var actionGroupName = 'ag-triage-${token}'
var watchActionGroupName = 'ag-triage-watch-${token}'
// Per environment, so two environments on one hub each own (and on `azd down` delete) only their own setting.
var diagnosticSettingName = 'iothub-triage-${environmentName}'
// ARM deployment names are at most 64 characters: 21 + 28 + 1 + 13 = 63 whatever the environment name's length.
var wiringDeploymentName = 'iothub-triage-wiring-${take(environmentName, 28)}-${uniqueString(subscription().id, environmentName)}'

// The hubs, blanks and spaces dropped; names are the last segment of each id (IoT hub names are globally unique).
var hubIds = filter(map(split(iotHubResourceIds, ','), id => trim(id)), id => !empty(id))
var thresholdOverrides = toObject(
  map(filter(map(split(connectedDevicesThresholdOverrides, ','), e => trim(e)), e => !empty(e)), e => split(e, '=')),
  kv => toLower(trim(kv[0])),
  kv => int(trim(kv[1])))

// The workspace id is parsed the same way whether it is new or existing, so later expressions have one shape.
var useExistingWorkspace = !empty(logAnalyticsWorkspaceResourceId)
var newWorkspaceResourceId = '/subscriptions/${subscription().subscriptionId}/resourceGroups/${appResourceGroupName}/providers/Microsoft.OperationalInsights/workspaces/${newWorkspaceName}'
var workspaceResourceId = useExistingWorkspace ? logAnalyticsWorkspaceResourceId : newWorkspaceResourceId
var workspaceIdParts = split(workspaceResourceId, '/')
var queriesTheWorkspace = logQueryScope == 'workspace'

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

// Read only (no deployment into its resource group): in workspace mode its customerId becomes LOG_ANALYTICS_WORKSPACE_ID.
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
    reportRetentionDays: reportRetentionDays
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
    storageBlobUri: storage.outputs.blobEndpoint
    storageQueueUri: storage.outputs.queueEndpoint
    storageTableUri: storage.outputs.tableEndpoint
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    // Empty in resource mode: the code then queries each hub resource-centric. ARM evaluates only the taken branch
    // of a condition, so the existing workspace is read only in workspace mode with a workspace given.
    workspaceCustomerId: !queriesTheWorkspace ? '' : useExistingWorkspace ? existingWorkspace.properties.customerId : monitoring.outputs.workspaceCustomerId
    triageHubs: join(hubIds, ',')
    keyVaultUri: vault.outputs.uri
    teamsSecretName: empty(teamsWebhookUrl) ? '' : teamsSecretName
    slackSecretName: empty(slackWebhookUrl) ? '' : slackSecretName
    genericSecretName: empty(genericWebhookUrl) ? '' : genericSecretName
    notifyOnResolved: notifyOnResolved
    suppressRepeatMinutes: suppressRepeatMinutes
    triageWindowBefore: triageWindowBefore
    triageWindowAfter: triageWindowAfter
    triageBaseline: triageBaseline
    reportLinks: reportLinks
    reportLinkDays: reportLinkDays
  }
  // Settings go on after the roles so the first host start can reach storage and resolve the Key Vault references.
  dependsOn: [
    access
  ]
}

// Created without a webhook receiver on the first provision; the postdeploy hook deploys the same file again with
// the `alerts` function key once the code runs. Skipped while the hook owns it, so a rerun keeps the receiver.
module actionGroup 'app/action-group.bicep' = if (!alertsWebhookAttached) {
  name: 'action-group'
  scope: rg
  params: {
    actionGroupName: actionGroupName
    environmentName: environmentName
    functionAppName: functionApp.outputs.name
    alertsFunctionKey: ''
  }
}

// One metric alert (and optionally one log alert) per hub, all on the one action group.
module hubAlerts 'app/hub-alerts.bicep' = [for hubId in hubIds: {
  name: 'hub-alerts-${uniqueString(hubId)}'
  scope: rg
  params: {
    location: location
    tags: tags
    iotHubResourceId: hubId
    threshold: contains(thresholdOverrides, toLower(last(split(hubId, '/')))) ? thresholdOverrides[toLower(last(split(hubId, '/')))] : connectedDevicesThreshold
    timeAggregation: connectedDevicesAggregation
    windowSize: connectedDevicesWindow
    evaluationFrequency: connectedDevicesEvaluationFrequency
    severity: alertSeverity
    enableConnectionErrorLogAlert: enableConnectionErrorLogAlert
    connectionErrorThreshold: connectionErrorThreshold
    actionGroupId: '${rg.id}/providers/Microsoft.Insights/actionGroups/${actionGroupName}'
  }
  dependsOn: [
    actionGroup
  ]
}]

// The app watching itself: log alerts on its own lines, to people, through a second action group.
module healthAlerts 'app/health-alerts.bicep' = {
  name: 'health-alerts'
  scope: rg
  params: {
    location: location
    tags: tags
    watchActionGroupName: watchActionGroupName
    workspaceResourceId: workspaceResourceId
    appInsightsResourceId: monitoring.outputs.appInsightsId
    opsAlertEmail: opsAlertEmail
    opsAlertSmsCountryCode: opsAlertSmsCountryCode
    opsAlertSmsNumber: opsAlertSmsNumber
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Outputs (azd stores them in the environment; the hooks read their inputs from here)
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
output TRIAGE_LOG_QUERY_SCOPE string = logQueryScope
output TRIAGE_HUB_RESOURCE_IDS string = join(hubIds, ',')
output ACTION_GROUP_NAME string = actionGroupName
output WATCH_ACTION_GROUP_NAME string = watchActionGroupName
output DIAGNOSTIC_SETTING_NAME string = diagnosticSettingName
output WIRING_DEPLOYMENT_NAME string = wiringDeploymentName
