// Key Vault in RBAC mode for the provider secrets. A secret is created only when its value is provided; the function
// app reads them through Key Vault references resolved with its managed identity (Key Vault Secrets User, rbac.bicep).
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

// Secret names; the outputs below build the same names into URIs.
var exotelApiKeyName = 'exotel-api-key'
var exotelApiTokenName = 'exotel-api-token'
var googleApiKeyName = 'google-api-key'
var googleCredentialsJsonName = 'google-credentials-json'
var openAIApiKeyName = 'openai-api-key'
var azureOpenAIApiKeyName = 'azure-openai-api-key'

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

// Versionless secret URIs: the app picks up a rotated secret without a redeploy. main.bicep passes a URI on only when
// its secret was provided (an unresolvable reference would reach the app as literal text).
output name string = vault.name
output exotelApiKeyUri string = '${vault.properties.vaultUri}secrets/${exotelApiKeyName}'
output exotelApiTokenUri string = '${vault.properties.vaultUri}secrets/${exotelApiTokenName}'
output googleApiKeyUri string = '${vault.properties.vaultUri}secrets/${googleApiKeyName}'
output googleCredentialsJsonUri string = '${vault.properties.vaultUri}secrets/${googleCredentialsJsonName}'
output openAIApiKeyUri string = '${vault.properties.vaultUri}secrets/${openAIApiKeyName}'
output azureOpenAIApiKeyUri string = '${vault.properties.vaultUri}secrets/${azureOpenAIApiKeyName}'
