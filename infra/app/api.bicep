// The Flex Consumption (FC1, Linux) plan and function app (.NET 10 isolated) with every app setting the app reads.
// Flex Consumption takes the runtime from functionAppConfig and rejects FUNCTIONS_WORKER_RUNTIME,
// FUNCTIONS_EXTENSION_VERSION, WEBSITE_RUN_FROM_PACKAGE and the content-share settings as app settings.
// IvrFunctions.Tests/Deploy checks that these settings cover every configuration key the app requires.
param planName string
param functionAppName string
param location string
param tags object

param identityId string
param identityClientId string

param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string
param deploymentContainerName string

@description('Static website endpoint of the dashboard (with or without trailing slash); becomes the CORS origin.')
param dashboardEndpoint string
param additionalCorsOrigins array = []

param applicationInsightsConnectionString string

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int
@allowed([512, 2048, 4096])
param instanceMemoryMB int
@minValue(0)
param alwaysReadyDurableInstances int
@minValue(0)
param alwaysReadyHttpInstances int

// Configuration keys of IvrFunctions.Core (README "Configuration").
param defaultLanguage string
param exotelRecordingHosts array
param speechProvider string
param answersProvider string
param openAIEndpoint string
param openAIChatModel string
param openAIEmbeddingModel string
param azureOpenAIEndpoint string
param azureOpenAIChatDeployment string
param azureOpenAIEmbeddingDeployment string

// Versionless Key Vault secret URIs; empty when the secret was not provided.
param exotelApiKeyUri string
param exotelApiTokenUri string
param googleApiKeyUri string
param googleCredentialsJsonUri string
param openAIApiKeyUri string
param azureOpenAIApiKeyUri string
// Always present: the keys the preprovision hook generates.
param callerHashKeyUri string
param audioSigningKeyUri string

@description('Extra app settings merged last (for example overrides of keys that have defaults in code).')
param additionalAppSettings object = {}

// scheme://host without the trailing slash primaryEndpoints.web carries (a CORS origin never has a path).
var webOriginParts = split(dashboardEndpoint, '/')
var webOrigin = '${webOriginParts[0]}//${webOriginParts[2]}'

var alwaysReady = concat(
  alwaysReadyDurableInstances > 0 ? [{ name: 'durable', instanceCount: alwaysReadyDurableInstances }] : [],
  alwaysReadyHttpInstances > 0 ? [{ name: 'http', instanceCount: alwaysReadyHttpInstances }] : []
)

var platformSettings = {
  // Identity-based host storage; Durable Functions on Azure Storage needs the queue and table URIs too.
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
  AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
  AzureWebJobsStorage__tableServiceUri: storageTableEndpoint
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // DefaultAzureCredential in the app (Azure OpenAI without a key) picks the user-assigned identity by this id.
  AZURE_CLIENT_ID: identityClientId
}

var appSettings = {
  Ivr__DefaultLanguage: defaultLanguage
  Speech__Provider: speechProvider
  Answers__Provider: answersProvider
}

var recordingHostSettings = toObject(
  range(0, length(exotelRecordingHosts)),
  i => 'Exotel__RecordingHosts__${i}',
  i => exotelRecordingHosts[i]
)

var secretSettings = union(
  {
    Telemetry__CallerHashKey: '@Microsoft.KeyVault(SecretUri=${callerHashKeyUri})'
    Audio__SigningKey: '@Microsoft.KeyVault(SecretUri=${audioSigningKeyUri})'
  },
  empty(exotelApiKeyUri) ? {} : { Exotel__ApiKey: '@Microsoft.KeyVault(SecretUri=${exotelApiKeyUri})' },
  empty(exotelApiTokenUri) ? {} : { Exotel__ApiToken: '@Microsoft.KeyVault(SecretUri=${exotelApiTokenUri})' },
  empty(googleApiKeyUri) ? {} : { Google__ApiKey: '@Microsoft.KeyVault(SecretUri=${googleApiKeyUri})' },
  empty(googleCredentialsJsonUri)
    ? {}
    : { Google__CredentialsJson: '@Microsoft.KeyVault(SecretUri=${googleCredentialsJsonUri})' },
  empty(openAIApiKeyUri) ? {} : { OpenAI__ApiKey: '@Microsoft.KeyVault(SecretUri=${openAIApiKeyUri})' },
  empty(azureOpenAIApiKeyUri) ? {} : { AzureOpenAI__ApiKey: '@Microsoft.KeyVault(SecretUri=${azureOpenAIApiKeyUri})' }
)

// Keys with defaults in code are set only when a value is given, so the code's defaults stay the single source.
var optionalSettings = union(
  empty(openAIEndpoint) ? {} : { OpenAI__Endpoint: openAIEndpoint },
  empty(openAIChatModel) ? {} : { OpenAI__ChatModel: openAIChatModel },
  empty(openAIEmbeddingModel) ? {} : { OpenAI__EmbeddingModel: openAIEmbeddingModel },
  empty(azureOpenAIEndpoint)
    ? {}
    : {
        AzureOpenAI__Endpoint: azureOpenAIEndpoint
        AzureOpenAI__ChatDeployment: azureOpenAIChatDeployment
        AzureOpenAI__EmbeddingDeployment: azureOpenAIEmbeddingDeployment
      }
)

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
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

resource functionApp 'Microsoft.Web/sites@2024-11-01' = {
  name: functionAppName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      cors: {
        allowedOrigins: concat([webOrigin], additionalCorsOrigins)
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: alwaysReady
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: union(
      platformSettings,
      appSettings,
      recordingHostSettings,
      secretSettings,
      optionalSettings,
      {
        // Answer audio URLs on the app's own https host, whatever scheme the request shows after the platform's TLS
        // termination and the host-to-worker hop. A custom domain or front door: override it in additionalAppSettings.
        Audio__PublicBaseUrl: 'https://${functionApp.properties.defaultHostName}'
        // The dashboard's static-website origin (the platform CORS above admits it; the app reports it too).
        Dashboard__AllowedOrigin: webOrigin
      },
      additionalAppSettings
    )
  }
}

output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
output url string = 'https://${functionApp.properties.defaultHostName}'
output corsOrigin string = webOrigin
