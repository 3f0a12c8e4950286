// The action group that calls POST /api/alerts (common alert schema) and the alerts that use it: a stateful
// metric alert on connectedDeviceCount and, optionally, a log alert on Connections errors.
param location string
param tags object
param functionAppName string
param iotHubResourceId string
param threshold int
param timeAggregation string
param windowSize string
param evaluationFrequency string
param severity int
param enableConnectionErrorLogAlert bool
param connectionErrorThreshold int

var hubName = last(split(iotHubResourceId, '/'))

resource site 'Microsoft.Web/sites@2023-12-01' existing = {
  name: functionAppName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-triage-${take(uniqueString(resourceGroup().id, hubName), 8)}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'iothubtriage'
    enabled: true
    webhookReceivers: [
      {
        // The host default key exists as soon as the host has started, before any code is deployed. It ends up
        // in this URI (a plain webhook has no other way to authenticate), so anyone who can read the action group
        // can read it; docs/deploy.md describes the secure-webhook alternative.
        name: 'iothub-triage'
        serviceUri: 'https://${site.properties.defaultHostName}/api/alerts?code=${listKeys(resourceId('Microsoft.Web/sites/host', site.name, 'default'), '2023-12-01').functionKeys.default}'
        useCommonAlertSchema: true
        useAadAuth: false
      }
    ]
  }
}

resource deviceCountAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'iothub-connected-devices-${hubName}'
  location: 'global'
  tags: tags
  properties: {
    description: 'Connected devices of IoT hub ${hubName} dropped below ${threshold}; iothub-triage posts the likely cause.'
    severity: severity
    enabled: true
    scopes: [
      iotHubResourceId
    ]
    evaluationFrequency: evaluationFrequency
    windowSize: windowSize
    // Stateful: a Resolved notification follows when the count recovers, so the chat thread gets closed.
    autoMitigate: true
    targetResourceType: 'Microsoft.Devices/IotHubs'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          name: 'ConnectedDevicesBelowThreshold'
          criterionType: 'StaticThresholdCriterion'
          metricNamespace: 'Microsoft.Devices/IotHubs'
          metricName: 'connectedDeviceCount'
          operator: 'LessThan'
          threshold: threshold
          timeAggregation: timeAggregation
        }
      ]
    }
    actions: [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}

// Resource-centric (scoped to the hub, not the workspace) so alertTargetIDs in the payload is the hub id.
resource connectionErrorAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = if (enableConnectionErrorLogAlert) {
  name: 'iothub-connection-errors-${hubName}'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'IoT hub ${hubName}: device connection errors'
    description: 'More than ${connectionErrorThreshold} Connections errors in 15 minutes; iothub-triage posts the likely cause.'
    severity: severity
    enabled: true
    scopes: [
      iotHubResourceId
    ]
    targetResourceTypes: [
      'Microsoft.Devices/IotHubs'
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: 'AzureDiagnostics | where Category == "Connections" and Level == "Error"'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: connectionErrorThreshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

output actionGroupName string = actionGroup.name
output metricAlertName string = deviceCountAlert.name
