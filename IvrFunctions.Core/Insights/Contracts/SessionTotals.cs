namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>Calls in the window. <paramref name="SuccessRate"/> = successful / ended calls.</summary>
public sealed record SessionTotals(
    long Calls,
    long EndedCalls,
    long SuccessfulCalls,
    double? SuccessRate,
    long Turns,
    double? TurnsPerCall,
    int ConcurrentCallsNow,
    double ConcurrentCallsPeak);
