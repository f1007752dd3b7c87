metadata description = 'An Azure Maps account (Gen2, G2 pricing) reachable only with Microsoft Entra tokens.'

@description('Name of the Azure Maps account.')
@minLength(1)
@maxLength(98)
param name string

@description('Data location of the account: a region where Azure Maps is offered.')
param location string

@description('Tags applied to the account.')
param tags { *: string }

resource maps 'Microsoft.Maps/accounts@2023-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'Gen2'
  sku: {
    name: 'G2'
  }
  properties: {
    disableLocalAuth: true
  }
}

@description('Name of the account.')
output name string = maps.name

@description('The account\'s unique ID, sent by clients in the x-ms-client-id header.')
output clientId string = maps.properties.uniqueId
