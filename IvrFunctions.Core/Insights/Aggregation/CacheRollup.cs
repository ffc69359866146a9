namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>One cache's lookups in one rollup bucket.</summary>
public sealed record CacheRollup(DateTimeOffset Bucket, string Kind, long Lookups, long Hits, double SavedUsd);
