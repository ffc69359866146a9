namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>
/// Columnar time series: every list is aligned with <see cref="Buckets"/> (bucket start times, UTC).
/// <see cref="ConcurrentCallsPeak"/> is the highest average concurrency of the rollup buckets inside each series bucket.
/// </summary>
public sealed record DashboardSeries(
    IReadOnlyList<DateTimeOffset> Buckets,
    IReadOnlyList<ComponentLatencySeries> Latency,
    IReadOnlyList<long> Turns,
    IReadOnlyList<long> Errors,
    IReadOnlyList<ServiceCostSeries> CostByService,
    IReadOnlyList<CacheHitRateSeries> CacheHitRates,
    IReadOnlyList<double> ConcurrentCallsPeak);
