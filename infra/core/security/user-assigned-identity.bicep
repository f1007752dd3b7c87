metadata description = 'A user-assigned managed identity: the one identity the function app uses for storage, tables, Key Vault, Azure Maps and Application Insights.'

@description('Name of the user-assigned managed identity.')
@minLength(3)
@maxLength(128)
param name string

@description('Azure region of the identity.')
param location string

@description('Tags applied to the identity.')
param tags { *: string }

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource ID of the identity.')
output id string = identity.id

@description('Name of the identity.')
output name string = identity.name

@description('Client (application) ID of the identity, used by the app to pick this identity.')
output clientId string = identity.properties.clientId

@description('Object (principal) ID of the identity, the target of its role assignments.')
output principalId string = identity.properties.principalId
