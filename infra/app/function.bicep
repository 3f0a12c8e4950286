// Flex Consumption plan and the Java 17 function app with a system-assigned identity. App settings are applied
// separately (app-settings.bicep) once the identity holds its roles.
param location string
param tags object
param functionAppName string
param planName string
@description('Blob container URL the deployment package is uploaded to.')
param deploymentContainerUrl string
param alwaysReadyHttpInstances int
param instanceMemoryMB int
param maximumInstanceCount int

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // No ftpsState: Flex Consumption does not support it (newer regions reject it, error 51021); FTP basic auth is
    // off below instead.
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        // 'http' is the group of all HTTP-triggered functions (alerts, triage): one warm instance answers the
        // action group's webhook within its timeout; queue-triggered functions scale from zero.
        alwaysReady: [
          {
            name: 'http'
            instanceCount: alwaysReadyHttpInstances
          }
        ]
      }
      runtime: {
        name: 'java'
        version: '17'
      }
    }
  }
}

// Basic-auth publishing stays off; azd deploys with Entra ID.
// Each policy carries the site's location: without it ARM answers "The parameter location has an invalid value".
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: site
  name: 'scm'
  location: location
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: site
  name: 'ftp'
  location: location
  properties: {
    allow: false
  }
}

output name string = site.name
output principalId string = site.identity.principalId
output defaultHostName string = site.properties.defaultHostName
