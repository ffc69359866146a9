// Key Vault in RBAC mode for the secrets. A provider secret is created only when its value is provided; the two keys
// the preprovision hook generates (caller hash, audio signing) always are. The function app reads them through Key Vault
// references resolved with its managed identity (Key Vault Secrets User, rbac.bicep).
param name string
param location string
param tags object

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
@secure()
param callerHashKey string
@secure()
param audioSigningKey string

// Secret names; the outputs below build the same names into URIs.
var exotelApiKeyName = 'exotel-api-key'
var exotelApiTokenName = 'exotel-api-token'
var googleApiKeyName = 'google-api-key'
var googleCredentialsJsonName = 'google-credentials-json'
var openAIApiKeyName = 'openai-api-key'
var azureOpenAIApiKeyName = 'azure-openai-api-key'
var callerHashKeyName = 'telemetry-caller-hash-key'
var audioSigningKeyName = 'audio-signing-key'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
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

resource exotelApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(exotelApiKey)) {
  parent: vault
  name: exotelApiKeyName
  properties: {
    value: exotelApiKey
  }
}

resource exotelApiTokenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(exotelApiToken)) {
  parent: vault
  name: exotelApiTokenName
  properties: {
    value: exotelApiToken
  }
}

resource googleApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(googleApiKey)) {
  parent: vault
  name: googleApiKeyName
  properties: {
    value: googleApiKey
  }
}

resource googleCredentialsJsonSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(googleCredentialsJson)) {
  parent: vault
  name: googleCredentialsJsonName
  properties: {
    value: googleCredentialsJson
  }
}

resource openAIApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(openAIApiKey)) {
  parent: vault
  name: openAIApiKeyName
  properties: {
    value: openAIApiKey
  }
}

resource azureOpenAIApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(azureOpenAIApiKey)) {
  parent: vault
  name: azureOpenAIApiKeyName
  properties: {
    value: azureOpenAIApiKey
  }
}

resource callerHashKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: callerHashKeyName
  properties: {
    value: callerHashKey
  }
}

resource audioSigningKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: audioSigningKeyName
  properties: {
    value: audioSigningKey
  }
}

// Versionless secret URIs: a new secret version reaches the app without changing its settings (Key Vault references are
// re-read on restart and at least daily). main.bicep passes a provider secret's URI on only when that secret was
// provided (an unresolvable reference would reach the app as literal text); the two generated keys always exist.
output name string = vault.name
output exotelApiKeyUri string = '${vault.properties.vaultUri}secrets/${exotelApiKeyName}'
output exotelApiTokenUri string = '${vault.properties.vaultUri}secrets/${exotelApiTokenName}'
output googleApiKeyUri string = '${vault.properties.vaultUri}secrets/${googleApiKeyName}'
output googleCredentialsJsonUri string = '${vault.properties.vaultUri}secrets/${googleCredentialsJsonName}'
output openAIApiKeyUri string = '${vault.properties.vaultUri}secrets/${openAIApiKeyName}'
output azureOpenAIApiKeyUri string = '${vault.properties.vaultUri}secrets/${azureOpenAIApiKeyName}'
output callerHashKeyUri string = '${vault.properties.vaultUri}secrets/${callerHashKeyName}'
output audioSigningKeyUri string = '${vault.properties.vaultUri}secrets/${audioSigningKeyName}'
