using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Insights.Configuration;
using IvrFunctions.Core.Insights.Contracts;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Rollups;

namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>Pure projections from a <see cref="WindowAggregate"/> to the API's shapes.</summary>
public static class PerformanceViews
{
    public static LatencySummary Latency(LatencyHistogram histogram) => histogram.Count == 0
        ? LatencySummary.Empty
        : new LatencySummary(
            histogram.Count,
            Ms(histogram.Mean),
            Ms(Quantile(histogram, 0.50)),
            Ms(Quantile(histogram, 0.95)),
            Ms(Quantile(histogram, 0.99)),
            Ms(histogram.Max));

    /// <summary>The q-quantile in ms, or null without measurements.</summary>
    public static double? Quantile(LatencyHistogram? histogram, double q) => histogram is null || histogram.Count == 0 ? null : histogram.Percentile(q);

    public static double? TargetMs(InsightsOptions options, string component) =>
        options.TargetSeconds.TryGetValue(component, out var seconds) ? seconds * 1000 : null;

    public static double? CacheTarget(InsightsOptions options, string kind) =>
        options.CacheHitRateTargets.TryGetValue(kind, out var target) ? target : null;

    /// <summary>Known components in pipeline order, then any other component seen.</summary>
    public static IEnumerable<string> ComponentNames(BucketAggregate total) =>
        StageNames.All.Concat(total.Stages.Keys.Except(StageNames.All).Order(StringComparer.Ordinal));

    public static IEnumerable<string> ServiceNames(BucketAggregate total) =>
        ApiServices.All.Concat(total.Services.Keys.Except(ApiServices.All).Order(StringComparer.Ordinal));

    public static IEnumerable<string> CacheNames(BucketAggregate total) =>
        CacheKinds.All.Concat(total.Caches.Keys.Except(CacheKinds.All).Order(StringComparer.Ordinal));

    public static IReadOnlyList<ComponentStats> Components(WindowAggregate aggregate, InsightsOptions options) =>
    [
        .. ComponentNames(aggregate.Total).Select(name =>
        {
            var stage = aggregate.Total.Stages.GetValueOrDefault(name) ?? new StageAccumulator();
            var latency = Latency(stage.Latency);
            var target = TargetMs(options, name);
            return new ComponentStats(
                name, stage.Count, stage.Successes, Rate(stage.SuccessRate), latency.AvgMs, latency.P50Ms, latency.P95Ms, latency.P99Ms,
                latency.MaxMs, target, Met(latency.P95Ms, target));
        }),
    ];

    public static IReadOnlyList<ServiceUsageStats> Services(WindowAggregate aggregate) =>
    [
        .. ServiceNames(aggregate.Total).Select(name =>
        {
            var service = aggregate.Total.Services.GetValueOrDefault(name) ?? new ServiceAccumulator();
            return new ServiceUsageStats(
                name, service.Requests, service.Successes, Rate(service.Requests == 0 ? null : (double)service.Successes / service.Requests),
                Latency(service.Latency), service.Units, Usd(service.CostUsd));
        }),
    ];

    public static IReadOnlyList<CacheStats> Caches(WindowAggregate aggregate, InsightsOptions options) =>
    [
        .. CacheNames(aggregate.Total).Select(kind =>
        {
            var cache = aggregate.Total.Caches.GetValueOrDefault(kind) ?? new CacheAccumulator();
            var target = CacheTarget(options, kind);
            var rate = Rate(cache.HitRate);
            return new CacheStats(kind, cache.Lookups, cache.Hits, rate, target, rate is null || target is null ? null : cache.HitRate >= target, Usd(cache.SavedUsd));
        }),
    ];

    public static TurnLatencyKpi TurnLatency(WindowAggregate aggregate, InsightsOptions options)
    {
        var turn = aggregate.Total.Stages.GetValueOrDefault(StageNames.Turn) ?? new StageAccumulator();
        var latency = Latency(turn.Latency);
        var target = TargetMs(options, StageNames.Turn) ?? 8000;
        return new TurnLatencyKpi(turn.Count, latency.P50Ms, latency.P95Ms, latency.P99Ms, target, Met(latency.P95Ms, target));
    }

    public static DashboardKpis Kpis(
        WindowAggregate aggregate, InsightsOptions options, LiveTelemetryStatus live, OpenCallPeaks openCalls, CostSoFar cost, int firingAlerts)
    {
        var total = aggregate.Total;
        var turn = total.Stages.GetValueOrDefault(StageNames.Turn) ?? new StageAccumulator();
        return new DashboardKpis(
            total.CallsStarted,
            turn.Count,
            live.ConcurrentCalls,
            openCalls.Peak,
            TurnLatency(aggregate, options),
            Rate(turn.SuccessRate),
            Usd(total.Services.Values.Sum(s => s.CostUsd)),
            Usd(cost.TodayUsd),
            Usd(cost.MonthToDateUsd),
            [.. Caches(aggregate, options).Select(c => new CacheHitRateKpi(c.Kind, c.Lookups, c.HitRate, c.Target, c.Met))],
            firingAlerts);
    }

    public static DashboardSeries Series(WindowAggregate aggregate, OpenCallPeaks openCalls)
    {
        var buckets = aggregate.PerBucket;
        return new DashboardSeries(
            aggregate.Buckets,
            [
                .. ComponentNames(aggregate.Total).Select(name => new ComponentLatencySeries(
                    name,
                    [.. buckets.Select(b => Ms(Quantile(b.Stages.GetValueOrDefault(name)?.Latency, 0.50)))],
                    [.. buckets.Select(b => Ms(Quantile(b.Stages.GetValueOrDefault(name)?.Latency, 0.95)))],
                    [.. buckets.Select(b => Ms(Quantile(b.Stages.GetValueOrDefault(name)?.Latency, 0.99)))])),
            ],
            [.. buckets.Select(b => b.Stages.GetValueOrDefault(StageNames.Turn)?.Count ?? 0)],
            [.. buckets.Select(b => b.ErrorTotal)],
            [.. ServiceNames(aggregate.Total).Select(name => new ServiceCostSeries(name, [.. buckets.Select(b => Usd(b.Services.GetValueOrDefault(name)?.CostUsd ?? 0))]))],
            [.. CacheNames(aggregate.Total).Select(kind => new CacheHitRateSeries(kind, [.. buckets.Select(b => Rate(b.Caches.GetValueOrDefault(kind)?.HitRate))]))],
            openCalls.PerBucket);
    }

    public static SessionTotals Sessions(WindowAggregate aggregate, LiveTelemetryStatus live, OpenCallPeaks openCalls)
    {
        var total = aggregate.Total;
        var turns = total.Stages.GetValueOrDefault(StageNames.Turn)?.Count ?? total.SessionTurns;
        return new SessionTotals(
            total.CallsStarted,
            total.CallsEnded,
            total.SuccessfulCalls,
            Rate(total.CallsEnded == 0 ? null : (double)total.SuccessfulCalls / total.CallsEnded),
            turns,
            total.CallsStarted == 0 ? null : Math.Round((double)turns / total.CallsStarted, 3),
            live.ConcurrentCalls,
            openCalls.Peak);
    }

    /// <summary>Errors / (turns + webhook requests); null without traffic.</summary>
    public static double? ErrorRate(BucketAggregate bucket)
    {
        var traffic = Traffic(bucket);
        return traffic == 0 ? null : (double)bucket.ErrorTotal / traffic;
    }

    /// <summary>Turns plus webhook requests: the error rate's denominator.</summary>
    public static long Traffic(BucketAggregate bucket) =>
        (bucket.Stages.GetValueOrDefault(StageNames.Turn)?.Count ?? 0) + (bucket.Stages.GetValueOrDefault(StageNames.Webhook)?.Count ?? 0);

    public static IReadOnlyList<ErrorCategoryTotal> ErrorCategories(WindowAggregate aggregate) =>
    [
        .. aggregate.Total.Errors
            .GroupBy(e => e.Key.Category)
            .Select(g => (Category: g.Key, Count: g.Sum(e => e.Value)))
            .Where(c => c.Count > 0)
            .OrderByDescending(c => c.Count).ThenBy(c => c.Category, StringComparer.Ordinal)
            .Select(c =>
            {
                var description = Describe(c.Category);
                return new ErrorCategoryTotal(c.Category, c.Count, description.Retryable, FaultCode(description.Fault), description.Title, description.Suggestion);
            }),
    ];

    public static IReadOnlyList<CategorySeries> ErrorSeries(WindowAggregate aggregate) =>
    [
        .. ErrorCategories(aggregate).Select(c => new CategorySeries(c.Category, [.. aggregate.PerBucket.Select(b => b.ErrorsOfCategory(c.Category))])),
    ];

    /// <summary>The catalog entry for a snake-case category code (unknown codes read as internal).</summary>
    public static ErrorDescription Describe(string categoryCode) =>
        ErrorCatalog.All.FirstOrDefault(d => d.Code == categoryCode) ?? ErrorCatalog.Describe(ErrorCategory.Internal);

    public static string FaultCode(ErrorFault fault) => fault.ToString().ToLowerInvariant();

    public static double? Ms(double? value) => value is null ? null : Math.Round(value.Value, 1);

    public static double? Rate(double? value) => value is null ? null : Math.Round(value.Value, 4);

    public static double Usd(double value) => Math.Round(value, 6);

    public static double Round2(double value) => Math.Round(value, 2);

    static bool? Met(double? p95, double? target) => p95 is null || target is null ? null : p95 <= target;
}
