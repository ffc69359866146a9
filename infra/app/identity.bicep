// The user-assigned managed identity the function app runs as: storage, Application Insights, Key Vault references,
// the deployment container and Azure OpenAI all authenticate with it; no keys or connection strings with secrets.
param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
