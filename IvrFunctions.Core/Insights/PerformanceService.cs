using IvrFunctions.Core.Insights.Aggregation;
using IvrFunctions.Core.Insights.Alerts;
using IvrFunctions.Core.Insights.Configuration;
using IvrFunctions.Core.Insights.Contracts;
using IvrFunctions.Core.Insights.Reports;
using IvrFunctions.Core.Insights.Windows;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Insights;

/// <summary>Answers every performance view for a window: rollups for figures and series, raw records only for call lists and top errors.</summary>
public sealed class PerformanceService(
    RollupReader rollups,
    IPerformanceDataSource source,
    CostTracker costs,
    AlertService alerts,
    IOptions<InsightsOptions> options,
    TimeProvider time)
{
    public const int DefaultTop = 10;

    InsightsOptions Options => options.Value;

    public async Task<DashboardResponse> DashboardAsync(TimeWindow window, CancellationToken cancellationToken = default)
    {
        var aggregate = rollups.ReadAsync(window, RollupKinds.All, cancellationToken);
        var live = source.ReadLiveStatusAsync(cancellationToken);
        var cost = costs.GetAsync(cancellationToken);
        var firing = alerts.CountFiringAsync(cancellationToken);
        await Task.WhenAll(aggregate, live, cost, firing);
        var openCalls = await rollups.OpenCallPeaksAsync(await aggregate, await live, cancellationToken);
        var kpis = PerformanceViews.Kpis(await aggregate, Options, await live, openCalls, await cost, await firing);
        return new DashboardResponse(window.ToInfo(), time.GetUtcNow(), kpis, PerformanceViews.Series(await aggregate, openCalls));
    }

    public async Task<ComponentsResponse> ComponentsAsync(TimeWindow window, CancellationToken cancellationToken = default)
    {
        var aggregate = await rollups.ReadAsync(window, RollupKinds.Stages, cancellationToken);
        return new ComponentsResponse(window.ToInfo(), PerformanceViews.Components(aggregate, Options));
    }

    public async Task<ApiUsageResponse> ApiUsageAsync(TimeWindow window, CancellationToken cancellationToken = default) =>
        await ApiUsageAsync(window, await rollups.ReadAsync(window, RollupKinds.Services, cancellationToken), cancellationToken);

    public async Task<CacheResponse> CacheAsync(TimeWindow window, CancellationToken cancellationToken = default) =>
        Cache(window, await rollups.ReadAsync(window, RollupKinds.Caches, cancellationToken));

    public async Task<SessionsResponse> SessionsAsync(TimeWindow window, int? limit, CancellationToken cancellationToken = default)
    {
        var aggregate = rollups.ReadAsync(window, RollupKinds.Sessions | RollupKinds.Stages, cancellationToken);
        var live = source.ReadLiveStatusAsync(cancellationToken);
        await Task.WhenAll(aggregate, live);
        var openCalls = await rollups.OpenCallPeaksAsync(await aggregate, await live, cancellationToken);
        return await SessionsAsync(window, await aggregate, await live, openCalls, limit ?? Options.MaxCallsListed, cancellationToken);
    }

    public async Task<ErrorsResponse> ErrorsAsync(TimeWindow window, int? top, CancellationToken cancellationToken = default) =>
        await ErrorsAsync(window, await rollups.ReadAsync(window, RollupKinds.Errors | RollupKinds.Stages, cancellationToken), top ?? DefaultTop, cancellationToken);

    public Task<AlertsResponse> AlertsAsync(TimeWindow window, CancellationToken cancellationToken = default) => alerts.GetAsync(window, cancellationToken);

    public async Task<string> ReportAsync(TimeWindow window, ReportFormat format, CancellationToken cancellationToken = default)
    {
        var aggregate = await rollups.ReadAsync(window, RollupKinds.All, cancellationToken);
        var errors = await ErrorsAsync(window, aggregate, DefaultTop, cancellationToken);
        var alertList = await alerts.GetAsync(window, cancellationToken);
        return ErrorReportGenerator.Generate(format, errors, PerformanceViews.Components(aggregate, Options), alertList, time.GetUtcNow());
    }

    public async Task<MetricsDocument> MetricsAsync(TimeWindow window, CancellationToken cancellationToken = default)
    {
        var aggregateRead = rollups.ReadAsync(window, RollupKinds.All, cancellationToken);
        var liveRead = source.ReadLiveStatusAsync(cancellationToken);
        var costRead = costs.GetAsync(cancellationToken);
        await Task.WhenAll(aggregateRead, liveRead, costRead);
        var aggregate = await aggregateRead;
        var live = await liveRead;
        var alertList = await alerts.GetAsync(window, cancellationToken);
        var openCalls = await rollups.OpenCallPeaksAsync(aggregate, live, cancellationToken);
        var kpis = PerformanceViews.Kpis(aggregate, Options, live, openCalls, await costRead, alertList.Firing.Count);
        return new MetricsDocument(
            window.ToInfo(),
            time.GetUtcNow(),
            kpis,
            PerformanceViews.Components(aggregate, Options),
            await ApiUsageAsync(window, aggregate, cancellationToken),
            Cache(window, aggregate),
            await SessionsAsync(window, aggregate, live, openCalls, Options.MaxCallsListed, cancellationToken),
            await ErrorsAsync(window, aggregate, DefaultTop, cancellationToken),
            alertList);
    }

    async Task<ApiUsageResponse> ApiUsageAsync(TimeWindow window, WindowAggregate aggregate, CancellationToken cancellationToken)
    {
        var cost = costs.GetAsync(cancellationToken);
        var tiers = source.ReadFreeTiersAsync(time.GetUtcNow(), cancellationToken);
        await Task.WhenAll(cost, tiers);
        var spend = await cost;
        var daily = Options.DailyBudgetUsd;
        var monthly = Options.MonthlyBudgetUsd;
        var services = PerformanceViews.Services(aggregate);
        return new ApiUsageResponse(
            window.ToInfo(),
            services,
            PerformanceViews.Usd(services.Sum(s => s.CostUsd)),
            await tiers,
            new BudgetStatus(
                daily, PerformanceViews.Usd(spend.TodayUsd), daily is null ? null : spend.TodayUsd > daily,
                monthly, PerformanceViews.Usd(spend.MonthToDateUsd), monthly is null ? null : spend.MonthToDateUsd > monthly,
                spend.ProjectedMonthUsd is { } projected ? PerformanceViews.Usd(projected) : null));
    }

    CacheResponse Cache(TimeWindow window, WindowAggregate aggregate)
    {
        var caches = PerformanceViews.Caches(aggregate, Options);
        return new CacheResponse(window.ToInfo(), caches, PerformanceViews.Usd(caches.Sum(c => c.CostSavedUsd)));
    }

    async Task<SessionsResponse> SessionsAsync(
        TimeWindow window, WindowAggregate aggregate, LiveTelemetryStatus live, OpenCallPeaks openCalls, int limit, CancellationToken cancellationToken)
    {
        var calls = new CallListBuilder(limit);
        await foreach (var record in source.ReadRecordsAsync(window.From, window.To, Kinds(RecordKinds.Session), cancellationToken))
        {
            calls.Add(record);
        }

        return new SessionsResponse(
            window.ToInfo(),
            PerformanceViews.Sessions(aggregate, live, openCalls),
            aggregate.Buckets,
            openCalls.PerBucket,
            [.. aggregate.PerBucket.Select(b => b.CallsStarted)],
            calls.Build(),
            calls.Truncated);
    }

    async Task<ErrorsResponse> ErrorsAsync(TimeWindow window, WindowAggregate aggregate, int top, CancellationToken cancellationToken)
    {
        var builder = new TopErrorBuilder();
        await foreach (var record in source.ReadRecordsAsync(window.From, window.To, Kinds(RecordKinds.Error), cancellationToken))
        {
            builder.Add(record);
            if (builder.Scanned >= Options.MaxErrorRecordsScanned)
            {
                break;
            }
        }

        return new ErrorsResponse(
            window.ToInfo(),
            aggregate.Total.ErrorTotal,
            PerformanceViews.Rate(PerformanceViews.ErrorRate(aggregate.Total)),
            PerformanceViews.ErrorCategories(aggregate),
            aggregate.Buckets,
            PerformanceViews.ErrorSeries(aggregate),
            builder.Build(top));
    }

    static HashSet<string> Kinds(string kind) => new(StringComparer.Ordinal) { kind };
}
