import { tuningSettings } from 'app/tuning.bicep'

targetScope = 'subscription'

metadata description = 'Everything SiteFinder needs in Azure: a resource group with a Flex Consumption function app, its identity, storage, Key Vault, Azure Maps and monitoring. Deployed by azd up.'

// ---------------------------------------------------------------------------------------------
// Environment
// ---------------------------------------------------------------------------------------------

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it names the resource group and seeds the token that makes every other name unique.')
param environmentName string

@minLength(1)
@description('Azure region of the resource group and every resource except the Azure Maps account. It must offer Flex Consumption.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Data location of the Azure Maps account. Azure Maps has no region in mainland China (nor in Azure operated by 21Vianet); these are regions that offer Maps accounts. See infra/README.md for where residents\' queries go.')
@allowed([
  'eastus'
  'westus2'
  'westcentralus'
  'northeurope'
  'westeurope'
])
param mapsLocation string = 'eastus'

@description('Object ID of the person or service principal running the deployment; when set, it gets the same data roles as the app, for local runs against the cloud resources and for reading the admin key. Empty skips them.')
param principalId string = ''

@description('Kind of principal principalId is.')
@allowed([
  'User'
  'ServicePrincipal'
])
param principalType string = 'User'

// ---------------------------------------------------------------------------------------------
// Name overrides (empty: derived from the abbreviations and the resource token)
// ---------------------------------------------------------------------------------------------

@description('Name of the resource group. Default: rg-<environmentName>.')
param resourceGroupName string = ''

@description('Name of the function app. Default: func-api-<token>.')
param functionAppName string = ''

@description('Name of the Flex Consumption plan. Default: plan-<token>.')
param appServicePlanName string = ''

@description('Name of the user-assigned managed identity. Default: id-api-<token>.')
param userAssignedIdentityName string = ''

@description('Name of the storage account (3 to 24 lowercase letters and digits). Default: st<token>.')
param storageAccountName string = ''

@description('Name of the blob container for the deployment package. Default: app-package-<token>.')
param deploymentContainerName string = ''

@description('Name of the Log Analytics workspace. Default: log-<token>.')
param logAnalyticsName string = ''

@description('Name of the Application Insights component. Default: appi-<token>.')
param applicationInsightsName string = ''

@description('Name of the Azure Maps account. Default: map-<token>.')
param mapsAccountName string = ''

@description('Name of the Key Vault (3 to 24 characters). Default: kv-<token>.')
param keyVaultName string = ''

// ---------------------------------------------------------------------------------------------
// Sizing and retention
// ---------------------------------------------------------------------------------------------

@description('Memory of each function app instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the function app may scale out to (Flex Consumption allows up to 1000).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Days Log Analytics keeps data.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Turn on Key Vault purge protection. Leave off for environments that azd down --purge should remove completely.')
param keyVaultEnablePurgeProtection bool = false

@description('Days a deleted Key Vault or secret can be recovered.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 7

// ---------------------------------------------------------------------------------------------
// App secrets and settings
// ---------------------------------------------------------------------------------------------

@secure()
@description('Admin API key (the x-admin-key header). Stored only in Key Vault; main.parameters.json reads it back from the vault so a redeployment keeps it. Default: a new GUID.')
param adminApiKey string = newGuid()

@description('The settings that tune the app (schedules, refresh periods, the status TTL and thresholds); the defaults are Shenzhen\'s thresholds and a one-minute aggregation.')
param tuning tuningSettings = {
  catalogueSnapshotSchedule: '0 */5 * * * *'
  catalogueRefreshSeconds: 15
  statusSchedule: '0 */1 * * * *'
  statusTtlMinutes: 30
  statusIdleWaitMinutes: 5
  statusBusyWaitMinutes: 25
  statusCongestedWaitMinutes: 50
  statusPerWindowSamplesPerMinute: 2
  statusRefreshSeconds: 15
  importExpectedArea: ''
  anonymousReadsPerMinute: 1200
  failedAuthPerMinute: 20
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

var names = {
  resourceGroup: empty(resourceGroupName) ? '${abbrs.resourcesResourceGroups}${environmentName}' : resourceGroupName
  functionApp: empty(functionAppName) ? '${abbrs.webSitesFunctions}api-${resourceToken}' : functionAppName
  plan: empty(appServicePlanName) ? '${abbrs.webServerFarms}${resourceToken}' : appServicePlanName
  identity: empty(userAssignedIdentityName)
    ? '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
    : userAssignedIdentityName
  storage: empty(storageAccountName) ? '${abbrs.storageStorageAccounts}${resourceToken}' : storageAccountName
  deploymentContainer: empty(deploymentContainerName) ? 'app-package-${resourceToken}' : deploymentContainerName
  logAnalytics: empty(logAnalyticsName) ? '${abbrs.operationalInsightsWorkspaces}${resourceToken}' : logAnalyticsName
  applicationInsights: empty(applicationInsightsName)
    ? '${abbrs.insightsComponents}${resourceToken}'
    : applicationInsightsName
  maps: empty(mapsAccountName) ? '${abbrs.mapsAccounts}${resourceToken}' : mapsAccountName
  keyVault: empty(keyVaultName) ? '${abbrs.keyVaultVaults}${resourceToken}' : keyVaultName
}

// The tables the app uses (SiteTablesOptions in the app; InfraChecks keeps the two lists equal).
var siteTables = [
  'Sites'
  'Catalogue'
  'StatusReports'
  'Throughput'
  'SiteStatus'
  'StatusHistory'
  'StaffTokens'
  'OperatorKeys'
  'Corrections'
  'GeocodeCache'
  'Gazetteer'
]

var adminApiKeySecretName = 'admin-api-key'

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

module identity 'core/security/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    deploymentContainerName: names.deploymentContainer
    tableNames: siteTables
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
  }
}

module maps 'core/maps/maps-account.bicep' = {
  name: 'maps'
  scope: rg
  params: {
    name: names.maps
    location: mapsLocation
    tags: tags
  }
}

module keyVault 'core/security/key-vault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: tags
    enablePurgeProtection: keyVaultEnablePurgeProtection
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    adminApiKeySecretName: adminApiKeySecretName
    adminApiKey: adminApiKey
  }
}

module appServicePlan 'core/host/flex-consumption-plan.bicep' = {
  name: 'appServicePlan'
  scope: rg
  params: {
    name: names.plan
    location: location
    tags: tags
  }
}

// Names, not module outputs, go to the role and app modules: resource IDs then stay known before
// deployment (what-if), and dependsOn keeps the order.
module appRoleAssignments 'app/role-assignments.bicep' = {
  name: 'appRoleAssignments'
  scope: rg
  params: {
    // The one accepted exception: an assignment's name must include the principal's object ID
    // (a recreated identity gets a new one), which exists only once the identity does.
    #disable-next-line what-if-short-circuiting
    principalId: identity.outputs.principalId
    principalType: 'ServicePrincipal'
    storageAccountName: names.storage
    applicationInsightsName: names.applicationInsights
    mapsAccountName: names.maps
    keyVaultName: names.keyVault
  }
  dependsOn: [
    storage
    monitoring
    maps
    keyVault
  ]
}

module deployerRoleAssignments 'app/role-assignments.bicep' = if (!empty(principalId)) {
  name: 'deployerRoleAssignments'
  scope: rg
  params: {
    principalId: principalId
    principalType: principalType
    storageAccountName: names.storage
    applicationInsightsName: names.applicationInsights
    mapsAccountName: names.maps
    keyVaultName: names.keyVault
  }
  dependsOn: [
    storage
    monitoring
    maps
    keyVault
  ]
}

module functionApp 'app/function-app.bicep' = {
  name: 'functionApp'
  scope: rg
  params: {
    name: names.functionApp
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    appServicePlanId: appServicePlan.outputs.id
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: names.storage
    deploymentContainerName: names.deploymentContainer
    applicationInsightsName: names.applicationInsights
    mapsAccountName: names.maps
    adminApiKeySecretUri: keyVault.outputs.adminApiKeySecretUri
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    tuning: tuning
  }
  // The app reads storage, Key Vault and Maps through its identity from its first start.
  dependsOn: [
    appRoleAssignments
  ]
}

// ---------------------------------------------------------------------------------------------
// Outputs (azd stores them in the environment's .env)
// ---------------------------------------------------------------------------------------------

@description('Region of the deployment.')
output AZURE_LOCATION string = location

@description('Tenant of the deployment.')
output AZURE_TENANT_ID string = tenant().tenantId

@description('Resource group that holds everything.')
output AZURE_RESOURCE_GROUP string = rg.name

@description('Name of the function app (azd deploys the api service to it).')
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name

@description('Name of the api service\'s host, for azd.')
output SERVICE_API_NAME string = functionApp.outputs.name

@description('Base URL of the function app.')
output SERVICE_API_URI string = functionApp.outputs.uri

@description('Client ID of the app\'s user-assigned identity.')
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId

@description('Name of the storage account.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Table endpoint of the storage account (set Tables__endpoint to it for local runs against Azure).')
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint

@description('Name of the Key Vault; main.parameters.json reads the admin key back from it.')
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name

@description('URI of the Key Vault.')
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri

@description('Name of the Azure Maps account.')
output AZURE_MAPS_ACCOUNT_NAME string = maps.outputs.name

@description('Client ID of the Azure Maps account (x-ms-client-id), not a secret.')
output AZURE_MAPS_CLIENT_ID string = maps.outputs.clientId

@description('Name of the Application Insights component.')
output AZURE_APPLICATION_INSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
