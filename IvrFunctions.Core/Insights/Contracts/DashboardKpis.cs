namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>The dashboard's tiles. Rates are fractions (0..1); costs are USD list-price estimates.</summary>
/// <param name="Calls">Calls started in the window.</param>
/// <param name="Turns">Turns (question → answer) finished in the window.</param>
/// <param name="ConcurrentCallsNow">Calls in progress at the last gauge reading.</param>
/// <param name="ConcurrentCallsPeak">Highest concurrent-call gauge in the window.</param>
/// <param name="SuccessRate">Successful turns / turns; null without turns.</param>
/// <param name="CostUsd">Estimated cost in the window.</param>
/// <param name="MonthToDateCostUsd">Estimated cost from the first of the current UTC month until now (free tiers not subtracted).</param>
/// <param name="TodayCostUsd">Estimated cost since 00:00 UTC today.</param>
public sealed record DashboardKpis(
    long Calls,
    long Turns,
    int ConcurrentCallsNow,
    int ConcurrentCallsPeak,
    TurnLatencyKpi TurnLatency,
    double? SuccessRate,
    double CostUsd,
    double TodayCostUsd,
    double MonthToDateCostUsd,
    IReadOnlyList<CacheHitRateKpi> CacheHitRates,
    int FiringAlerts);
