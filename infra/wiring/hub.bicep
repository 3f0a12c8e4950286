// Deployed into one IoT hub's resource group: the Connections diagnostic setting and the identity's read role on
// the hub itself (not on its resource group).
param iotHubName string
param workspaceResourceId string
param principalId string
param createDiagnosticSetting bool
param diagnosticSettingName string

// Reader (*/read) covers all the app reads: Resource Health availability, the connectedDeviceCount metric and, in a
// workspace in resource-context access mode, the hub's own rows (Microsoft.Insights/logs/*/read on the hub).
// Monitoring Reader would add Microsoft.Support/* and workspace-wide search, which the app does not need.
var reader = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'

resource iotHub 'Microsoft.Devices/IotHubs@2023-06-30' existing = {
  name: iotHubName
}

// IoT hub writes Connections to AzureDiagnostics only (no resource-specific table), so no destination type.
resource connectionsToWorkspace 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (createDiagnosticSetting) {
  name: diagnosticSettingName
  scope: iotHub
  properties: {
    workspaceId: workspaceResourceId
    logs: [
      {
        category: 'Connections'
        enabled: true
      }
    ]
  }
}

resource hubReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(iotHub.id, principalId, reader)
  scope: iotHub
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', reader)
  }
}
