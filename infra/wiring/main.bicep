// Hub-side wiring of iothub-triage, deployed by the azd postprovision hook (infra/scripts/wire-hub.*) as its own
// subscription deployment, so `azd down` never counts a hub's or the workspace's resource group as its own:
//  - per hub: the diagnostic setting sending the Connections category to the workspace, named per environment
//  - per hub: Reader for the function app's identity (Resource Health, metrics and, with resource-context queries,
//    the hub's own rows in the workspace)
//  - in workspace mode only: Log Analytics Reader for the identity on the workspace (every table in it)
// Hubs may sit in other resource groups and subscriptions of the same tenant; whoever runs the hook needs to be
// able to write diagnostic settings and role assignments on each hub.
targetScope = 'subscription'

@minLength(40)
@description('Resource ids of the IoT hubs, comma-separated (output TRIAGE_HUB_RESOURCE_IDS of the main deployment).')
param iotHubResourceIds string

@minLength(40)
@description('Resource id of the Log Analytics workspace (output TRIAGE_WORKSPACE_RESOURCE_ID of the main deployment).')
param workspaceResourceId string

@minLength(36)
@description('Object id of the function app\'s system-assigned identity (output FUNCTION_PRINCIPAL_ID).')
param principalId string

@description('Create the hubs\' diagnostic settings. Turn off when the hubs already send Connections to this workspace, to avoid paying for the same logs twice.')
param createDiagnosticSetting bool = true

@minLength(1)
@description('Name of the diagnostic setting on each hub (output DIAGNOSTIC_SETTING_NAME: one per environment).')
param diagnosticSettingName string

@allowed([
  'resource'
  'workspace'
])
@description('Output TRIAGE_LOG_QUERY_SCOPE: workspace adds Log Analytics Reader on the workspace.')
param logQueryScope string

var hubIds = filter(map(split(iotHubResourceIds, ','), id => trim(id)), id => !empty(id))
var workspaceParts = split(workspaceResourceId, '/')

module hub 'hub.bicep' = [for hubId in hubIds: {
  name: 'iothub-triage-hub-${uniqueString(hubId, principalId)}'
  scope: resourceGroup(split(hubId, '/')[2], split(hubId, '/')[4])
  params: {
    iotHubName: last(split(hubId, '/'))
    workspaceResourceId: workspaceResourceId
    principalId: principalId
    createDiagnosticSetting: createDiagnosticSetting
    diagnosticSettingName: diagnosticSettingName
  }
}]

module workspace 'workspace.bicep' = if (logQueryScope == 'workspace') {
  name: 'iothub-triage-workspace-${uniqueString(workspaceResourceId, principalId)}'
  scope: resourceGroup(workspaceParts[2], workspaceParts[4])
  params: {
    workspaceName: workspaceParts[8]
    principalId: principalId
  }
}
