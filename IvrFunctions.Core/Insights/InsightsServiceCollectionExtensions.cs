using IvrFunctions.Core.Http;
using IvrFunctions.Core.Insights.Aggregation;
using IvrFunctions.Core.Insights.Alerts;
using IvrFunctions.Core.Insights.Configuration;
using IvrFunctions.Core.Insights.Export;
using IvrFunctions.Core.Insights.Windows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IvrFunctions.Core.Insights;

public static class InsightsServiceCollectionExtensions
{
    /// <summary>Registers the performance API, alerts and export (sections <c>Insights</c>, <c>Alerts</c>, <c>Dashboard</c>). Both hosts get it through AddIvrCore.</summary>
    public static IServiceCollection AddIvrInsights(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InsightsOptions>().Bind(configuration.GetSection(InsightsOptions.SectionName));
        services.AddOptions<AlertsOptions>().Bind(configuration.GetSection(AlertsOptions.SectionName));
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.SectionName));

        // Reads the telemetry tables (AddIvrTelemetry registers the reader); tests may replace it.
        services.TryAddSingleton<IPerformanceDataSource, TelemetryPerformanceDataSource>();
        services.AddSingleton<WindowParser>();
        services.AddSingleton<RollupReader>();
        services.AddSingleton<CostTracker>();
        services.AddSingleton<AlertEvaluator>();
        services.AddSingleton<AlertStore>();
        services.AddSingleton<AlertNotifier>();
        services.AddSingleton<AlertService>();
        services.AddSingleton<PerformanceService>();
        services.AddSingleton<ExportRequestParser>();
        services.AddSingleton<ExportService>();
        services.AddSingleton<OpenApiDocument>();
        services.AddSingleton<PerformanceApiServices>();
        services.AddHttpClient(AlertNotifier.HttpClientName);
        return services;
    }
}
