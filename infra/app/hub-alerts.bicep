// The alerts of one IoT hub, all calling the one action group: a stateful metric alert on connectedDeviceCount and,
// optionally, a log alert on Connections errors. main.bicep deploys this once per hub. Each alert carries the tag
// iothub-triage-hub, so the postprovision hook can delete the alerts of a hub that was taken off the list.
param location string
param tags object
param iotHubResourceId string
param threshold int
param timeAggregation string
param windowSize string
param evaluationFrequency string
param severity int
param enableConnectionErrorLogAlert bool
param connectionErrorThreshold int
param actionGroupId string

var hubName = last(split(iotHubResourceId, '/'))
var hubTags = union(tags, {
  'iothub-triage-hub': iotHubResourceId
})

resource deviceCountAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'iothub-connected-devices-${hubName}'
  location: 'global'
  tags: hubTags
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
        actionGroupId: actionGroupId
      }
    ]
  }
}

// Resource-centric (scoped to the hub, not the workspace) so alertTargetIDs in the payload is the hub id.
// AzureDiagnostics exists in a workspace only once the hub's diagnostic setting (created after this, by the
// postprovision hook) has sent rows, so query validation is skipped: otherwise the first deployment fails with
// "Failed to resolve table or column expression named 'AzureDiagnostics'".
resource connectionErrorAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = if (enableConnectionErrorLogAlert) {
  name: 'iothub-connection-errors-${hubName}'
  location: location
  tags: hubTags
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
    skipQueryValidation: true
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
        actionGroupId
      ]
    }
  }
}
