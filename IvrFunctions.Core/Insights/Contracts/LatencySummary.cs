namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>Latency of a set of measurements in milliseconds; percentiles come from a log histogram (within 1% of exact). Null when there were none.</summary>
public sealed record LatencySummary(long Count, double? AvgMs, double? P50Ms, double? P95Ms, double? P99Ms, double? MaxMs)
{
    public static readonly LatencySummary Empty = new(0, null, null, null, null, null);
}
