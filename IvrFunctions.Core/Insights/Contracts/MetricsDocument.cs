namespace IvrFunctions.Core.Insights.Contracts;

/// <summary><c>GET /api/performance/metrics</c>: every view for one window in one document.</summary>
public sealed record MetricsDocument(
    WindowInfo Window,
    DateTimeOffset GeneratedAt,
    DashboardKpis Kpis,
    IReadOnlyList<ComponentStats> Components,
    ApiUsageResponse ApiUsage,
    CacheResponse Cache,
    SessionsResponse Sessions,
    ErrorsResponse Errors,
    AlertsResponse Alerts);
