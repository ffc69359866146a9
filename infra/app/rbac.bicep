// Role assignments for the function app identity and, optionally, the deploying user. Each is named
// guid(scope, principal, role) so a re-deploy finds the same assignment instead of failing on a duplicate.
param storageAccountName string
param applicationInsightsName string
param keyVaultName string

@description('Principal id of the function app identity.')
param identityPrincipalId string

@description('Principal id of the deploying user or service principal (azd: AZURE_PRINCIPAL_ID); empty to skip.')
param principalId string = ''
param principalType string = 'User'

var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
}

// Blob (host, task hub, app blobs, deployment package), queue (Durable control/work-item queues), table (Durable
// history/instances, the app's sessions and telemetry).
var storageRoles = [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource identityStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in storageRoles: {
    scope: storage
    name: guid(storage.id, identityPrincipalId, role)
    properties: {
      principalId: identityPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]

resource identityMetrics 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: applicationInsights
  name: guid(applicationInsights.id, identityPrincipalId, roles.monitoringMetricsPublisher)
  properties: {
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.monitoringMetricsPublisher
    )
  }
}

resource identitySecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identityPrincipalId, roles.keyVaultSecretsUser)
  properties: {
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

// The deploying user: the postprovision hook uploads the dashboard and knowledge base with `--auth-mode login`
// (shared keys are off), and running the app locally against the cloud account needs the same data roles.
resource userStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in storageRoles: if (!empty(principalId)) {
    scope: storage
    name: guid(storage.id, principalId, role)
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]

// Lets the deploying user read and rotate the provider secrets (RBAC-mode vaults grant nothing by default).
resource userSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(principalId)) {
  scope: vault
  name: guid(vault.id, principalId, roles.keyVaultSecretsOfficer)
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
  }
}
