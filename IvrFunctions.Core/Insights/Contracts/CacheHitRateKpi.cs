namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>One cache's hit rate (0..1) against its target (0..1, null for caches without one).</summary>
public sealed record CacheHitRateKpi(string Kind, long Lookups, double? HitRate, double? Target, bool? Met);
