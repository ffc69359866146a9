namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>The dashboard's tiles. Rates are fractions (0..1); costs are USD list-price estimates.</summary>
/// <param name="Calls">Calls started in the window.</param>
/// <param name="Turns">Turns (question → answer) finished in the window.</param>
/// <param name="ConcurrentCallsNow">Calls in progress now: calls started and not yet ended in the last three hours (all instances).</param>
/// <param name="ConcurrentCallsPeak">The busiest series bucket's average number of concurrent calls (minute buckets up to 6 h, hours above), or now if higher.</param>
/// <param name="SuccessRate">Successful turns / turns; null without turns.</param>
/// <param name="CostUsd">Estimated cost in the window.</param>
/// <param name="MonthToDateCostUsd">Estimated cost from the first of the current UTC month until now (free tiers not subtracted).</param>
/// <param name="TodayCostUsd">Estimated cost since 00:00 UTC today.</param>
public sealed record DashboardKpis(
    long Calls,
    long Turns,
    int ConcurrentCallsNow,
    double ConcurrentCallsPeak,
    TurnLatencyKpi TurnLatency,
    double? SuccessRate,
    double CostUsd,
    double TodayCostUsd,
    double MonthToDateCostUsd,
    IReadOnlyList<CacheHitRateKpi> CacheHitRates,
    int FiringAlerts);
