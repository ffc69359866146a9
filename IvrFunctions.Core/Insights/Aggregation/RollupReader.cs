using IvrFunctions.Core.Telemetry.Rollups;
using IvrFunctions.Core.Insights.Windows;

namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>
/// Reads a window's rollups with as few rows as possible: minute rollups for windows up to 6 h; beyond, hour rollups for
/// the whole hours and minute rollups only for the partial hours at either edge. The rows read depend on the window's
/// length, never on how many records exist.
/// </summary>
public sealed class RollupReader(IPerformanceDataSource source, TimeProvider time)
{
    static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public async Task<WindowAggregate> ReadAsync(TimeWindow window, RollupKinds kinds, CancellationToken cancellationToken = default)
    {
        var aggregate = new WindowAggregate(window);
        var sets = await Task.WhenAll(Plan(window.From, window.To, window.BucketSize, time.GetUtcNow())
            .Select(segment => source.ReadRollupsAsync(segment.From, segment.To, segment.Granularity, kinds, cancellationToken)));
        foreach (var set in sets)
        {
            aggregate.Add(set);
        }

        return aggregate;
    }

    /// <summary>
    /// The segments to read for <c>[from, to)</c> (minute-aligned). When the window reaches the present, its last partial
    /// hour is read from that hour's rollup: nothing is recorded after now, so the hour row holds exactly the part inside.
    /// </summary>
    public static IReadOnlyList<(DateTimeOffset From, DateTimeOffset To, RollupGranularity Granularity)> Plan(
        DateTimeOffset from, DateTimeOffset to, TimeSpan bucketSize, DateTimeOffset now)
    {
        if (bucketSize < Hour)
        {
            return [(from, to, RollupGranularity.Minute)];
        }

        var firstHour = TimeAlign.Ceiling(from, Hour);
        var lastHour = to >= now && firstHour < TimeAlign.Ceiling(to, Hour) ? TimeAlign.Ceiling(to, Hour) : TimeAlign.Floor(to, Hour);
        if (firstHour >= lastHour)
        {
            return [(from, to, RollupGranularity.Minute)];
        }

        var segments = new List<(DateTimeOffset, DateTimeOffset, RollupGranularity)>();
        if (from < firstHour)
        {
            segments.Add((from, firstHour, RollupGranularity.Minute));
        }

        segments.Add((firstHour, lastHour, RollupGranularity.Hour));
        if (lastHour < to)
        {
            segments.Add((lastHour, to, RollupGranularity.Minute));
        }

        return segments;
    }
}
