// Log Analytics + workspace-based Application Insights with local (instrumentation-key) auth disabled: the function app
// sends telemetry with its managed identity (APPLICATIONINSIGHTS_AUTHENTICATION_STRING, Monitoring Metrics Publisher).
param logAnalyticsName string
param applicationInsightsName string
param location string
param tags object

@description('Days Log Analytics keeps data; 30 is the free retention.')
param retentionInDays int = 30

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: true
  }
}

output applicationInsightsName string = applicationInsights.name
output connectionString string = applicationInsights.properties.ConnectionString
output logAnalyticsName string = logAnalytics.name
