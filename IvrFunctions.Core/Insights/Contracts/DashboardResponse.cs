namespace IvrFunctions.Core.Insights.Contracts;

/// <summary><c>GET /api/performance/dashboard</c>.</summary>
public sealed record DashboardResponse(WindowInfo Window, DateTimeOffset GeneratedAt, DashboardKpis Kpis, DashboardSeries Series);
