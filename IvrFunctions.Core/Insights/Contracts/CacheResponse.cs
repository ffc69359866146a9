namespace IvrFunctions.Core.Insights.Contracts;

/// <summary><c>GET /api/performance/cache</c>.</summary>
public sealed record CacheResponse(WindowInfo Window, IReadOnlyList<CacheStats> Caches, double CostSavedUsd);
