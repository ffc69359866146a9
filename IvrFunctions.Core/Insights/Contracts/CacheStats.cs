namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>One cache (response, audio, session): lookups, hit rate (0..1) against its target, and the estimated cost the hits avoided.</summary>
public sealed record CacheStats(string Kind, long Lookups, long Hits, double? HitRate, double? Target, bool? Met, double CostSavedUsd);
