// azd entry point (`azd up`): one resource group holding the Flex Consumption function app, its storage, monitoring,
// Key Vault and (optionally) Azure OpenAI. Resources are declared directly (no registry modules) so the template builds
// offline; IvrFunctions.Tests/Deploy builds it with warnings treated as failures.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group rg-<name> and seeds the resource names.')
param environmentName string

@minLength(1)
@description('Azure region for every resource. Flex Consumption and (if deployed) the Azure OpenAI models must be offered there.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deploying user or service principal (azd sets AZURE_PRINCIPAL_ID); gets data-plane roles so the hooks can upload. Empty to skip.')
param principalId string = ''

@allowed(['User', 'ServicePrincipal', 'Group'])
param principalType string = 'User'

// ---- Function app scale (Flex Consumption) ----

@description('Always-ready instances for the Durable group (orchestrator and activities): keeps turns off cold starts. Billed while idle.')
@minValue(0)
param alwaysReadyDurableInstances int = 1

@description('Always-ready instances for the HTTP group (the Exotel webhooks). 0: HTTP requests may meet a cold start.')
@minValue(0)
param alwaysReadyHttpInstances int = 0

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

// ---- App configuration (see README "Configuration") ----

@allowed(['en-IN', 'hi-IN'])
param defaultLanguage string = 'en-IN'

@description('Hosts a RecordingUrl may point at (Exotel__RecordingHosts__N); anything else is refused.')
param exotelRecordingHosts array = ['recordings.exotel.com']

@description('google or offline; empty: google when a Google credential is given, else offline.')
@allowed(['', 'google', 'offline'])
param speechProvider string = ''

@description('openai, azureopenai or offline; empty: openai with an OpenAI key, else azureopenai when Azure OpenAI is configured, else offline.')
@allowed(['', 'openai', 'azureopenai', 'offline'])
param answersProvider string = ''

@description('OpenAI overrides; empty keeps the defaults in code.')
param openAIEndpoint string = ''
param openAIChatModel string = ''
param openAIEmbeddingModel string = ''

@description('An existing Azure OpenAI endpoint to use instead of deploying one (ignored when deployAzureOpenAI is true).')
param azureOpenAIEndpoint string = ''

@description('Deploy an Azure OpenAI account with a chat and an embedding deployment, used through the managed identity.')
param deployAzureOpenAI bool = false

param azureOpenAIChatDeployment string = 'chat'
param azureOpenAIChatModel string = 'gpt-4.1-mini'
param azureOpenAIChatModelVersion string = '2025-04-14'
param azureOpenAIChatSku string = 'GlobalStandard'
@description('Thousands of tokens per minute.')
param azureOpenAIChatCapacity int = 30

param azureOpenAIEmbeddingDeployment string = 'embedding'
param azureOpenAIEmbeddingModel string = 'text-embedding-3-small'
param azureOpenAIEmbeddingModelVersion string = '1'
param azureOpenAIEmbeddingSku string = 'GlobalStandard'
param azureOpenAIEmbeddingCapacity int = 30

@description('Blob container the postprovision hook uploads knowledge-base/ to.')
param knowledgeBaseContainerName string = 'knowledge-base'

@description('Extra CORS origins besides the dashboard (for example https://portal.azure.com).')
param additionalCorsOrigins array = []

@description('Extra app settings merged last (overrides of keys that have defaults in code).')
param additionalAppSettings object = {}

// ---- Secrets: stored in Key Vault only when given, referenced from app settings ----

@secure()
param exotelApiKey string = ''
@secure()
param exotelApiToken string = ''
@secure()
param googleApiKey string = ''
@secure()
param googleCredentialsJson string = ''
@secure()
param openAIApiKey string = ''
@secure()
param azureOpenAIApiKey string = ''

// ---- Secrets no provider hands in, generated for this deployment: always stored in Key Vault and referenced ----
// The preprovision hook (scripts/preprovision.sh / .ps1) creates each once per azd environment; no default, so a
// provision without them stops here instead of starting an app that refuses to run.

@secure()
@minLength(16)
@description('Telemetry__CallerHashKey: HMAC key that replaces caller numbers (IVR_CALLER_HASH_KEY). Keep it stable: a new key stops new hashes matching the stored ones.')
param callerHashKey string

@secure()
@minLength(32)
@description('Audio__SigningKey: HMAC key signing the answer audio URLs Exotel fetches (IVR_AUDIO_SIGNING_KEY).')
param audioSigningKey string

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = 'func-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}'

var useAzureOpenAI = deployAzureOpenAI || !empty(azureOpenAIEndpoint)
var effectiveSpeechProvider = !empty(speechProvider)
  ? speechProvider
  : (!empty(googleApiKey) || !empty(googleCredentialsJson) ? 'google' : 'offline')
var effectiveAnswersProvider = !empty(answersProvider)
  ? answersProvider
  : (!empty(openAIApiKey) ? 'openai' : (useAzureOpenAI ? 'azureopenai' : 'offline'))

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  scope: rg
  name: 'identity'
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  scope: rg
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  scope: rg
  name: 'storage'
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    knowledgeBaseContainerName: knowledgeBaseContainerName
  }
}

module keyVault 'app/keyvault.bicep' = {
  scope: rg
  name: 'keyvault'
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    exotelApiKey: exotelApiKey
    exotelApiToken: exotelApiToken
    googleApiKey: googleApiKey
    googleCredentialsJson: googleCredentialsJson
    openAIApiKey: openAIApiKey
    azureOpenAIApiKey: azureOpenAIApiKey
    callerHashKey: callerHashKey
    audioSigningKey: audioSigningKey
  }
}

module openAI 'app/openai.bicep' = if (deployAzureOpenAI) {
  scope: rg
  name: 'openai'
  params: {
    name: 'oai-${resourceToken}'
    location: location
    tags: tags
    chatDeploymentName: azureOpenAIChatDeployment
    chatModelName: azureOpenAIChatModel
    chatModelVersion: azureOpenAIChatModelVersion
    chatSkuName: azureOpenAIChatSku
    chatCapacity: azureOpenAIChatCapacity
    embeddingDeploymentName: azureOpenAIEmbeddingDeployment
    embeddingModelName: azureOpenAIEmbeddingModel
    embeddingModelVersion: azureOpenAIEmbeddingModelVersion
    embeddingSkuName: azureOpenAIEmbeddingSku
    embeddingCapacity: azureOpenAIEmbeddingCapacity
    identityPrincipalId: identity.outputs.principalId
    principalId: principalId
    principalType: principalType
  }
}

module rbac 'app/rbac.bicep' = {
  scope: rg
  name: 'rbac'
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: keyVault.outputs.name
    identityPrincipalId: identity.outputs.principalId
    principalId: principalId
    principalType: principalType
  }
}

module api 'app/api.bicep' = {
  scope: rg
  name: 'api'
  // The app starts as soon as it exists: let it find its storage, secrets and telemetry roles in place.
  dependsOn: [
    rbac
  ]
  params: {
    planName: 'plan-${resourceToken}'
    functionAppName: functionAppName
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    dashboardEndpoint: storage.outputs.webEndpoint
    additionalCorsOrigins: additionalCorsOrigins
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    alwaysReadyDurableInstances: alwaysReadyDurableInstances
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    defaultLanguage: defaultLanguage
    exotelRecordingHosts: exotelRecordingHosts
    speechProvider: effectiveSpeechProvider
    answersProvider: effectiveAnswersProvider
    openAIEndpoint: openAIEndpoint
    openAIChatModel: openAIChatModel
    openAIEmbeddingModel: openAIEmbeddingModel
    azureOpenAIEndpoint: deployAzureOpenAI ? openAI!.outputs.endpoint : azureOpenAIEndpoint
    azureOpenAIChatDeployment: azureOpenAIChatDeployment
    azureOpenAIEmbeddingDeployment: azureOpenAIEmbeddingDeployment
    exotelApiKeyUri: empty(exotelApiKey) ? '' : keyVault.outputs.exotelApiKeyUri
    exotelApiTokenUri: empty(exotelApiToken) ? '' : keyVault.outputs.exotelApiTokenUri
    googleApiKeyUri: empty(googleApiKey) ? '' : keyVault.outputs.googleApiKeyUri
    googleCredentialsJsonUri: empty(googleCredentialsJson) ? '' : keyVault.outputs.googleCredentialsJsonUri
    openAIApiKeyUri: empty(openAIApiKey) ? '' : keyVault.outputs.openAIApiKeyUri
    azureOpenAIApiKeyUri: empty(azureOpenAIApiKey) ? '' : keyVault.outputs.azureOpenAIApiKeyUri
    callerHashKeyUri: keyVault.outputs.callerHashKeyUri
    audioSigningKeyUri: keyVault.outputs.audioSigningKeyUri
    additionalAppSettings: additionalAppSettings
  }
}

// azd stores these in the environment (.azure/<env>/.env) and hands them to the hooks.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_FUNCTION_APP_URL string = api.outputs.url
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.url
output API_BASE_URL string = '${api.outputs.url}/api'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_KNOWLEDGE_BASE_CONTAINER string = storage.outputs.knowledgeBaseContainerName
output DASHBOARD_URL string = storage.outputs.webEndpoint
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_APPLICATION_INSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_OPENAI_ENDPOINT string = deployAzureOpenAI ? openAI!.outputs.endpoint : azureOpenAIEndpoint
