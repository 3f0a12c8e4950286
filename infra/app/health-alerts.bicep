// The app watching itself, on a path that does not go through it: log alerts over its own telemetry in the
// workspace (queries in health-alerts.json), sent to people through a second action group (e-mail, optional SMS).
param location string
param tags object
param watchActionGroupName string
@description('The workspace Application Insights writes to (AppTraces, AppRequests).')
param workspaceResourceId string
param appInsightsResourceId string
param opsAlertEmail string
param opsAlertSmsCountryCode string
param opsAlertSmsNumber string

var alerts = loadJsonContent('health-alerts.json').alerts
var withSms = !empty(opsAlertSmsCountryCode) && !empty(opsAlertSmsNumber)

resource watchGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: watchActionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'triagewatch'
    enabled: true
    emailReceivers: [
      {
        name: 'ops-email'
        emailAddress: opsAlertEmail
        useCommonAlertSchema: true
      }
    ]
    smsReceivers: withSms ? [
      {
        name: 'ops-sms'
        countryCode: opsAlertSmsCountryCode
        phoneNumber: opsAlertSmsNumber
      }
    ] : []
  }
}

// Query validation is skipped: on a fresh workspace the App* tables may not hold rows yet, and a deployment must
// never fail on that. health-alerts.json is checked offline instead (BicepInvariantsTest).
resource healthAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [for alert in alerts: {
  name: 'iothub-triage-health-${alert.name}-${take(uniqueString(appInsightsResourceId), 6)}'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: alert.displayName
    description: alert.description
    severity: alert.severity
    enabled: true
    scopes: [
      workspaceResourceId
    ]
    evaluationFrequency: alert.evaluationFrequency
    windowSize: alert.windowSize
    autoMitigate: true
    skipQueryValidation: true
    criteria: {
      allOf: [
        {
          query: replace(alert.query, '{appInsightsId}', appInsightsResourceId)
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        watchGroup.id
      ]
    }
  }
}]
