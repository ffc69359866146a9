namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>
/// Calls in the window. <paramref name="SuccessRate"/> = successful / ended calls. <paramref name="ConcurrentCallsNow"/> and
/// <paramref name="ConcurrentCallsPeak"/> (the most calls in progress at the same moment in the window, across all
/// instances) are defined as on <see cref="DashboardKpis"/>.
/// </summary>
public sealed record SessionTotals(
    long Calls,
    long EndedCalls,
    long SuccessfulCalls,
    double? SuccessRate,
    long Turns,
    double? TurnsPerCall,
    int ConcurrentCallsNow,
    int ConcurrentCallsPeak);
