metadata description = 'A Linux Flex Consumption (FC1) plan: pay per execution, scales to zero.'

@description('Name of the plan.')
@minLength(1)
@maxLength(60)
param name string

@description('Azure region of the plan; it must be a region that offers Flex Consumption.')
param location string

@description('Tags applied to the plan.')
param tags { *: string }

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: name
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

@description('Resource ID of the plan.')
output id string = plan.id
