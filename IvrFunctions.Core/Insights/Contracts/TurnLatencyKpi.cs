namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>Turn latency against its target; <paramref name="Met"/> compares p95 with the target and is null without data.</summary>
public sealed record TurnLatencyKpi(long Count, double? P50Ms, double? P95Ms, double? P99Ms, double TargetMs, bool? Met);
