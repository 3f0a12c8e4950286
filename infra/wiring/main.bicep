// Hub-side wiring of iothub-triage, deployed by the azd postprovision hook (infra/scripts/wire-hub.*) as its own
// subscription deployment, so `azd down` never counts the hub's or the workspace's resource group as its own.
//  - the hub's diagnostic setting sending the Connections category to the workspace
//  - Reader and Monitoring Reader for the function app's identity on the hub
//  - Log Analytics Reader for the function app's identity on the workspace
targetScope = 'subscription'

@minLength(40)
@description('Resource id of the IoT hub (same value as the main deployment).')
param iotHubResourceId string

@minLength(40)
@description('Resource id of the Log Analytics workspace (output TRIAGE_WORKSPACE_RESOURCE_ID of the main deployment).')
param workspaceResourceId string

@minLength(36)
@description('Object id of the function app\'s system-assigned identity (output FUNCTION_PRINCIPAL_ID).')
param principalId string

@description('Create the hub diagnostic setting. Turn off when the hub already sends Connections to this workspace, to avoid paying for the same logs twice.')
param createDiagnosticSetting bool = true

@description('Name of the diagnostic setting on the hub.')
param diagnosticSettingName string = 'iothub-triage-connections'

var hubParts = split(iotHubResourceId, '/')
var workspaceParts = split(workspaceResourceId, '/')

module hub 'hub.bicep' = {
  name: 'iothub-triage-hub-wiring'
  scope: resourceGroup(hubParts[2], hubParts[4])
  params: {
    iotHubName: hubParts[8]
    workspaceResourceId: workspaceResourceId
    principalId: principalId
    createDiagnosticSetting: createDiagnosticSetting
    diagnosticSettingName: diagnosticSettingName
  }
}

module workspace 'workspace.bicep' = {
  name: 'iothub-triage-workspace-access'
  scope: resourceGroup(workspaceParts[2], workspaceParts[4])
  params: {
    workspaceName: workspaceParts[8]
    principalId: principalId
  }
}
