// The one storage account: Functions host + Durable task hub (blobs, queues, tables), the app's own tables and blobs,
// the Flex Consumption deployment container, the knowledge base container and the dashboard's static website ($web).
// Shared-key access is off: everything goes through Microsoft Entra ID (the app's managed identity, the deploying user).
param name string
param location string
param tags object

@description('Blob container Flex Consumption deploys the app package to.')
param deploymentContainerName string

@description('Blob container for the knowledge base documents (the postprovision hook uploads knowledge-base/ here).')
param knowledgeBaseContainerName string

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

// The static website is a blob service property. API version 2025-08-01 is the first that accepts it through ARM, so
// no deployment script (and no shared key) is needed; scripts/postprovision.* checks it and enables it with the CLI if
// it is somehow off. Unknown paths fall back to index.html so the dashboard can route on the client.
resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-08-01' = {
  parent: storage
  name: 'default'
  properties: {
    staticWebsite: {
      enabled: true
      indexDocument: 'index.html'
      errorDocument404Path: 'index.html'
    }
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource knowledgeBaseContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: knowledgeBaseContainerName
  properties: {
    publicAccess: 'None'
  }
}

output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
@description('The static website endpoint, with a trailing slash (https://<account>.<zone>.web.core.windows.net/).')
output webEndpoint string = storage.properties.primaryEndpoints.web
output deploymentContainerName string = deploymentContainer.name
output knowledgeBaseContainerName string = knowledgeBaseContainer.name
