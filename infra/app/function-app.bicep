metadata description = 'The SiteFinder function app on Flex Consumption: .NET 10 isolated worker, one user-assigned identity for every dependency, no keys or connection secrets in its settings.'

import { tuningSettings } from 'tuning.bicep'

@description('Name of the function app (globally unique; it becomes <name>.azurewebsites.net).')
@minLength(2)
@maxLength(60)
param name string

@description('Azure region of the app; the same as its plan.')
param location string

@description('Tags applied to the app; they must include azd-service-name so azd deploy finds it.')
param tags { *: string }

@description('Resource ID of the Flex Consumption plan.')
param appServicePlanId string

@description('Resource ID of the user-assigned identity the app runs as.')
param identityId string

@description('Client ID of the user-assigned identity; the SDKs pick the identity by it.')
param identityClientId string

@description('Name of the storage account for host storage, the deployment package and the site tables.')
param storageAccountName string

@description('Blob container in that account that holds the deployment package.')
param deploymentContainerName string

@description('Name of the Application Insights component the app sends telemetry to.')
param applicationInsightsName string

@description('Name of the Azure Maps account the app calls.')
param mapsAccountName string

@description('Versionless URI of the Key Vault secret that holds the admin API key.')
param adminApiKeySecretUri string

@description('Memory of each instance in MB (Flex Consumption sizes).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Most instances the app may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('App settings that tune the app\'s behaviour (schedules, TTLs, thresholds). Values are plain configuration, never secrets.')
param tuning tuningSettings

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource maps 'Microsoft.Maps/accounts@2023-06-01' existing = {
  name: mapsAccountName
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: appServicePlanId
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: {
    // Host storage through the identity: no AzureWebJobsStorage connection string.
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
    AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
    AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table

    // Telemetry: the connection string names the component and its ingestion endpoint only;
    // with local auth off, ingestion needs the Entra token asked for by the authentication string.
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

    // Site tables (the "Tables" configuration section).
    Tables__endpoint: storage.properties.primaryEndpoints.table
    Tables__credential: 'managedidentity'
    Tables__clientId: identityClientId

    // Azure Maps with Entra ID: the account's client ID plus the identity that gets the token.
    AzureMaps__endpoint: 'https://atlas.microsoft.com'
    AzureMaps__clientId: maps.properties.uniqueId
    AzureMaps__credential: 'managedidentity'
    AzureMaps__managedIdentityClientId: identityClientId

    // The admin key stays in Key Vault; the platform resolves the reference with the identity.
    ADMIN_API_KEY: '@Microsoft.KeyVault(SecretUri=${adminApiKeySecretUri})'

    CATALOGUE_SNAPSHOT_SCHEDULE: tuning.catalogueSnapshotSchedule
    CATALOGUE_REFRESH_SECONDS: string(tuning.catalogueRefreshSeconds)
    SEED_DEMO_DATA: 'false'
    STATUS_SCHEDULE: tuning.statusSchedule
    STATUS_TTL_MINUTES: string(tuning.statusTtlMinutes)
    STATUS_IDLE_WAIT_MINUTES: string(tuning.statusIdleWaitMinutes)
    STATUS_BUSY_WAIT_MINUTES: string(tuning.statusBusyWaitMinutes)
    STATUS_CONGESTED_WAIT_MINUTES: string(tuning.statusCongestedWaitMinutes)
    STATUS_PER_WINDOW_SAMPLES_PER_MINUTE: string(tuning.statusPerWindowSamplesPerMinute)
    STATUS_REFRESH_SECONDS: string(tuning.statusRefreshSeconds)
    IMPORT_EXPECTED_AREA: tuning.importExpectedArea
    ANONYMOUS_READS_PER_MINUTE: string(tuning.anonymousReadsPerMinute)
    FAILED_AUTH_PER_MINUTE: string(tuning.failedAuthPerMinute)

    // The runtime waits 10 times longer before tiering up hot methods on a one-core process (the 2 GB instance):
    // under load a fresh one-core host reached its steady rate after 32-44 s, with the multi-core delay after
    // 10-14 s (tests/SiteFinder.Benchmarks/BENCHMARKS.md, issue 16, sixth pass). The benchmarks set it too.
    DOTNET_TC_DelaySingleProcMultiplier: '1'
  }
}

resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('Name of the function app.')
output name string = functionApp.name

@description('HTTPS base URL of the function app.')
output uri string = 'https://${functionApp.properties.defaultHostName}'
