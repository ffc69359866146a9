namespace IvrFunctions.Core.Insights.Alerts;

/// <summary>A cache's lookups and hit rate (0..1) in the evaluation window.</summary>
public sealed record CacheSample(long Lookups, double? HitRate);
