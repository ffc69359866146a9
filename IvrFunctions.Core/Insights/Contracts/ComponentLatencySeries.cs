namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>Percentiles of one component per bucket, aligned with <see cref="DashboardSeries.Buckets"/>; null where the bucket had no measurement.</summary>
public sealed record ComponentLatencySeries(string Component, IReadOnlyList<double?> P50Ms, IReadOnlyList<double?> P95Ms, IReadOnlyList<double?> P99Ms);
