namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>
/// Columnar time series: every list is aligned with <see cref="Buckets"/> (bucket start times, UTC).
/// <see cref="ConcurrentCallsPeak"/> is, per bucket, the most calls in progress at the same moment inside it (across all
/// instances; a count, not an average; the definition is on <see cref="DashboardKpis.ConcurrentCallsPeak"/>). A bucket in
/// which no call started or ended shows the calls that stayed in progress through it.
/// </summary>
public sealed record DashboardSeries(
    IReadOnlyList<DateTimeOffset> Buckets,
    IReadOnlyList<ComponentLatencySeries> Latency,
    IReadOnlyList<long> Turns,
    IReadOnlyList<long> Errors,
    IReadOnlyList<ServiceCostSeries> CostByService,
    IReadOnlyList<CacheHitRateSeries> CacheHitRates,
    IReadOnlyList<int> ConcurrentCallsPeak);
