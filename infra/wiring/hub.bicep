// Deployed into the IoT hub's resource group: the Connections diagnostic setting and the identity's read roles
// on the hub itself (not on its resource group).
param iotHubName string
param workspaceResourceId string
param principalId string
param createDiagnosticSetting bool
param diagnosticSettingName string

// Reader: Resource Health availability of the hub. Monitoring Reader: the connectedDeviceCount metric.
var reader = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
var monitoringReader = '43d0d8ad-25c7-4714-9337-8ba259a9fe05'

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

resource hubMonitoringReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(iotHub.id, principalId, monitoringReader)
  scope: iotHub
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringReader)
  }
}
