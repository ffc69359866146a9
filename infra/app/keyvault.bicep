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
  name: 'exotel-api-key'
  properties: {
    value: exotelApiKey
  }
}

resource exotelApiTokenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(exotelApiToken)) {
  parent: vault
  name: 'exotel-api-token'
  properties: {
    value: exotelApiToken
  }
}

resource googleApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(googleApiKey)) {
  parent: vault
  name: 'google-api-key'
  properties: {
    value: googleApiKey
  }
}

resource googleCredentialsJsonSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(googleCredentialsJson)) {
  parent: vault
  name: 'google-credentials-json'
  properties: {
    value: googleCredentialsJson
  }
}

resource openAIApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(openAIApiKey)) {
  parent: vault
  name: 'openai-api-key'
  properties: {
    value: openAIApiKey
  }
}

resource azureOpenAIApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(azureOpenAIApiKey)) {
  parent: vault
  name: 'azure-openai-api-key'
  properties: {
    value: azureOpenAIApiKey
  }
}

// Versionless secret URIs: the app picks up a rotated secret without a redeploy. main.bicep passes a URI on only when
// its secret was provided (an unresolvable reference would reach the app as literal text).
output name string = vault.name
output exotelApiKeyUri string = '${vault.properties.vaultUri}secrets/exotel-api-key'
output exotelApiTokenUri string = '${vault.properties.vaultUri}secrets/exotel-api-token'
output googleApiKeyUri string = '${vault.properties.vaultUri}secrets/google-api-key'
output googleCredentialsJsonUri string = '${vault.properties.vaultUri}secrets/google-credentials-json'
output openAIApiKeyUri string = '${vault.properties.vaultUri}secrets/openai-api-key'
output azureOpenAIApiKeyUri string = '${vault.properties.vaultUri}secrets/azure-openai-api-key'
