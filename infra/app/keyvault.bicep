// Key Vault in RBAC mode holding the chat webhook URLs. A secret exists only when its URL was given; the app
// settings reference it by versionless URI, so rotating the secret needs no redeployment.
param location string
param tags object
param keyVaultName string
param teamsSecretName string
param slackSecretName string
param genericSecretName string

@secure()
param teamsWebhookUrl string
@secure()
param slackWebhookUrl string
@secure()
param genericWebhookUrl string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource teamsSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(teamsWebhookUrl)) {
  parent: vault
  name: teamsSecretName
  properties: {
    value: teamsWebhookUrl
    contentType: 'text/uri-list'
  }
}

resource slackSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(slackWebhookUrl)) {
  parent: vault
  name: slackSecretName
  properties: {
    value: slackWebhookUrl
    contentType: 'text/uri-list'
  }
}

resource genericSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(genericWebhookUrl)) {
  parent: vault
  name: genericSecretName
  properties: {
    value: genericWebhookUrl
    contentType: 'text/uri-list'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
