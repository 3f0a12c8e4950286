// Log Analytics workspace (only when no existing one is given) and workspace-based Application Insights.
param location string
param tags object
param createWorkspace bool
param workspaceName string
@description('Resource id of the workspace App Insights writes to: the new one or the existing one.')
param workspaceResourceId string
param retentionInDays int
param appInsightsName string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = if (createWorkspace) {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      // Resource-context access: Reader on a hub lets the app query that hub's rows (and nothing else) here.
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: createWorkspace ? workspace.id : workspaceResourceId
    // Ingestion only with Entra ID: the app gets Monitoring Metrics Publisher (access.bicep) and
    // APPLICATIONINSIGHTS_AUTHENTICATION_STRING (app-settings.bicep).
    DisableLocalAuth: true
  }
}

output appInsightsName string = appInsights.name
output appInsightsId string = appInsights.id
output appInsightsConnectionString string = appInsights.properties.ConnectionString
output workspaceCustomerId string = createWorkspace ? workspace.properties.customerId : ''
