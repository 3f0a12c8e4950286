// The function app's own storage: host state (blobs), the deployment package container, the triage queues and
// the ledger table. Shared keys are off: everything authenticates with the app's managed identity.
param location string
param tags object
param storageAccountName string
param deploymentContainerName string
@minValue(7)
@description('Days a stored report (triage-reports/) is kept before the lifecycle rule deletes it; at least 7, the longest a report link lives.')
param reportRetentionDays int

// Names the code binds to (SETTINGS.md); BicepInvariantsTest checks them against the code's constants.
var triageQueueName = 'triage-requests'
var poisonQueueName = 'triage-requests-poison'
var ledgerTableName = 'triageledger'
var reportsContainerName = 'triage-reports'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Stored reports (REPORT_LINKS, docs/report-links.md). Created whether or not links are on, like the lifecycle rule
// below, so that turning links off later still lets the stored reports age out. Private: the card's link is a SAS.
resource reportsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: reportsContainerName
  properties: {
    publicAccess: 'None'
  }
}

// The only lifecycle rule on the account: it deletes stored reports, and nothing else (the prefix includes the
// container's name, so host state and the deployment package are never matched). An account has one policy,
// named 'default'. Azure runs lifecycle rules about once a day, so a report may outlive the retention by a day.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          enabled: true
          name: 'delete-old-triage-reports'
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              // The container's name and a slash: matches triage-reports/... and no other container.
              prefixMatch: [
                'triage-reports/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: reportRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource triageQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: triageQueueName
}

// The host creates <queue>-poison on demand; creating it here lets the poison handler listen from the start.
resource poisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: poisonQueueName
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource ledgerTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: tableService
  name: ledgerTableName
}

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
