namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>The dashboard's tiles. Rates are fractions (0..1); costs are USD list-price estimates.</summary>
/// <param name="Calls">Calls started in the window.</param>
/// <param name="Turns">Turns (question → answer) finished in the window.</param>
/// <param name="ConcurrentCallsNow">
/// Calls in progress now, across all instances: the open-call count after the latest call start or end recorded (each
/// instance writes its events every second). A call is in progress from the moment it is counted open (its first webhook)
/// until its status callback counts it closed, or until it is expired 3 hours after its start without one.
/// </param>
/// <param name="ConcurrentCallsPeak">
/// The most calls in progress at the same moment anywhere in the window, across all instances (a count, not an average).
/// Every start and end is counted in one shared register in storage, which records the number open right after it, so
/// calls that started before the window or were started and ended by different instances are included; at least
/// <paramref name="ConcurrentCallsNow"/> when the window reaches now.
/// </param>
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
