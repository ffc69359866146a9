namespace IvrFunctions.Core.Insights.Contracts;

/// <summary><c>GET /api/performance/api-usage</c>.</summary>
public sealed record ApiUsageResponse(
    WindowInfo Window,
    IReadOnlyList<ServiceUsageStats> Services,
    double CostUsd,
    IReadOnlyList<FreeTierStatus> FreeTiers,
    BudgetStatus Budget);
