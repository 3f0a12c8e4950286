// The action group the hubs' alerts call. Deployed twice from this one file:
//  - by main.bicep on the first provision, with no key: no receiver yet (there is no code to call);
//  - by the postdeploy hook (infra/scripts/attach-webhook.*) once `alerts` runs, with a function key of `alerts` only,
//    so the URL stored in the group opens POST /api/alerts and nothing else (not /api/triage, not the admin API).
// A plain webhook can authenticate only through its URL: whoever can read the action group can read that key.
param actionGroupName string
param environmentName string
param functionAppName string

@secure()
@description('A function key of the `alerts` function; empty = create the group without its webhook receiver.')
param alertsFunctionKey string

var tags = {
  'azd-env-name': environmentName
  application: 'iothub-triage'
}

resource site 'Microsoft.Web/sites@2023-12-01' existing = {
  name: functionAppName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'iothubtriage'
    enabled: true
    webhookReceivers: empty(alertsFunctionKey) ? [] : [
      {
        name: 'iothub-triage'
        serviceUri: 'https://${site.properties.defaultHostName}/api/alerts?code=${uriComponent(alertsFunctionKey)}'
        useCommonAlertSchema: true
        useAadAuth: false
      }
    ]
  }
}

output id string = actionGroup.id
output name string = actionGroup.name
