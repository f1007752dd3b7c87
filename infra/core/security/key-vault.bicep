metadata description = 'A Key Vault with RBAC authorization that holds the admin API key.'

@description('Name of the Key Vault (3 to 24 letters, digits and hyphens, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the vault.')
param location string

@description('Tags applied to the vault.')
param tags { *: string }

@description('Turn on purge protection. Once on it cannot be turned off, and a deleted vault then stays (and keeps its name) until the retention period ends.')
param enablePurgeProtection bool

@description('Days a deleted vault or secret can still be recovered (7 to 90).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Name of the secret that holds the admin API key.')
param adminApiKeySecretName string

@secure()
@description('Value of the admin API key.')
param adminApiKey string

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // The service rejects an explicit false once the vault exists with protection on; leave it unset instead.
    enablePurgeProtection: enablePurgeProtection ? true : null
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
  }
}

resource adminApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' = {
  parent: vault
  name: adminApiKeySecretName
  properties: {
    value: adminApiKey
    contentType: 'text/plain'
  }
}

@description('Name of the vault.')
output name string = vault.name

@description('URI of the vault, for example https://<name>.vault.azure.net/.')
output uri string = vault.properties.vaultUri

@description('Versionless URI of the admin API key secret, for a Key Vault reference that follows the latest version.')
output adminApiKeySecretUri string = adminApiKeySecret.properties.secretUri
