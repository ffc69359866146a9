using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IvrFunctions.Core.Http;

/// <summary>Maps the performance API (and the OpenAPI document) onto the <c>/api</c> group.</summary>
public static class PerformanceApi
{
    public static IEndpointRouteBuilder MapPerformanceApi(this IEndpointRouteBuilder api)
    {
        api.MapGet(PerformanceRoutes.Metrics, (HttpRequest r, PerformanceApiServices s, CancellationToken c) => PerformanceEndpoints.MetricsAsync(r, s, c)).WithName("PerformanceMetrics");
        api.MapGet(PerformanceRoutes.Dashboard, (HttpRequest r, PerformanceApiServices s, CancellationToken c) => PerformanceEndpoints.DashboardAsync(r, s, c)).WithName("PerformanceDashboard");
        api.MapGet(PerformanceRoutes.Components, (HttpRequest r, PerformanceApiServices s, CancellationToken c) => PerformanceEndpoints.ComponentsAsync(r, s, c)).WithName("PerformanceComponents");
        api.MapGet(PerformanceRoutes.ApiUsage, (HttpRequest r, PerformanceApiServices s, CancellationToken c) => PerformanceEndpoints.ApiUsageAsync(r, s, c)).WithName("PerformanceApiUsage");
        api.MapGet(PerformanceRoutes.Cache, (HttpRequest r, PerformanceApiServices s, CancellationToken c) => PerformanceEndpoints.CacheAsync(r, s, c)).WithName("PerformanceCache");
        api.MapGet(PerformanceRoutes.Sessions, (HttpRequest r, PerformanceApiServices s, CancellationToken c) => PerformanceEndpoints.SessionsAsync(r, s, c)).WithName("PerformanceSessions");
        api.MapGet(PerformanceRoutes.Errors, (HttpRequest r, PerformanceApiServices s, CancellationToken c) => PerformanceEndpoints.ErrorsAsync(r, s, c)).WithName("PerformanceErrors");
        api.MapGet(PerformanceRoutes.ErrorsReport, (HttpRequest r, PerformanceApiServices s, CancellationToken c) => PerformanceEndpoints.ErrorsReportAsync(r, s, c)).WithName("PerformanceErrorsReport");
        api.MapGet(PerformanceRoutes.Alerts, (HttpRequest r, PerformanceApiServices s, CancellationToken c) => PerformanceEndpoints.AlertsAsync(r, s, c)).WithName("PerformanceAlerts");
        api.MapPost(PerformanceRoutes.Export, (HttpRequest r, PerformanceApiServices s, CancellationToken c) => PerformanceEndpoints.ExportAsync(r, s, c)).WithName("PerformanceExport");
        api.MapGet(PerformanceRoutes.OpenApi, (PerformanceApiServices s) => PerformanceEndpoints.OpenApi(s))
            .WithName("OpenApi")
            .WithMetadata(new IvrEndpoints.AnonymousRoute());
        return api;
    }
}
