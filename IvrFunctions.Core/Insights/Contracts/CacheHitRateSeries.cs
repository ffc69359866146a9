namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>Hit rate (0..1) of one cache per bucket, aligned with the series' buckets; null where there was no lookup.</summary>
public sealed record CacheHitRateSeries(string Kind, IReadOnlyList<double?> HitRate);
