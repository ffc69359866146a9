using IvrFunctions.Core.Telemetry.Rollups;
using IvrFunctions.Core.Insights.Windows;

namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>
/// Today's and the month's cost so far, from hour rollups. Completed hours are remembered for five minutes (late records
/// still land); the current hour is read on every call, so a dashboard refresh reads one hour's rows.
/// </summary>
public sealed class CostTracker(IPerformanceDataSource source, TimeProvider time)
{
    static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    static readonly TimeSpan Refresh = TimeSpan.FromMinutes(5);

    readonly SemaphoreSlim _gate = new(1, 1);
    (DateTimeOffset MonthStart, DateTimeOffset Until, DateTimeOffset ReadAt, List<(DateTimeOffset Hour, double Cost)> Hours)? _completed;

    public async Task<CostSoFar> GetAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var monthStart = TimeAlign.StartOfMonth(now);
        var dayStart = TimeAlign.Floor(now, TimeSpan.FromDays(1));
        var currentHour = TimeAlign.Floor(now, Hour);

        var hours = await CompletedHoursAsync(monthStart, currentHour, now, cancellationToken);
        // The current hour's rollup holds everything recorded in it so far.
        var current = await source.ReadRollupsAsync(currentHour, currentHour + Hour, RollupGranularity.Hour, RollupKinds.Services, cancellationToken);
        var currentCost = current.Services.Sum(s => s.CostUsd);

        var month = hours.Sum(h => h.Cost) + currentCost;
        var today = hours.Where(h => h.Hour >= dayStart).Sum(h => h.Cost) + currentCost;
        var elapsed = (now - monthStart).TotalSeconds;
        var monthLength = (monthStart.AddMonths(1) - monthStart).TotalSeconds;
        double? projected = elapsed >= 3600 ? month / elapsed * monthLength : null;
        return new CostSoFar(today, month, projected);
    }

    async Task<List<(DateTimeOffset Hour, double Cost)>> CompletedHoursAsync(
        DateTimeOffset monthStart, DateTimeOffset until, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_completed is { } cached && cached.MonthStart == monthStart && cached.Until == until && now - cached.ReadAt < Refresh)
            {
                return cached.Hours;
            }

            var hours = new List<(DateTimeOffset, double)>();
            if (monthStart < until)
            {
                var rows = await source.ReadRollupsAsync(monthStart, until, RollupGranularity.Hour, RollupKinds.Services, cancellationToken);
                hours.AddRange(rows.Services.GroupBy(s => s.Bucket).Select(g => (g.Key, g.Sum(s => s.CostUsd))));
            }

            _completed = (monthStart, until, now, hours);
            return hours;
        }
        finally
        {
            _gate.Release();
        }
    }
}
