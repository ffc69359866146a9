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
    /// The most calls in progress at once per series bucket of <paramref name="aggregate"/> (read with
    /// <see cref="RollupKinds.Sessions"/>). In a window without counted session events the count never changed, so it is the
    /// count before the window (<see cref="ReadOpenCallsBeforeAsync"/>), or for a window reaching now, <paramref name="live"/>'s.
    /// A window reaching now ends with at least the calls in progress now.
    /// </summary>
    public async Task<OpenCallPeaks> OpenCallPeaksAsync(WindowAggregate aggregate, LiveTelemetryStatus live, CancellationToken cancellationToken = default)
    {
        var reachesNow = aggregate.Window.To >= time.GetUtcNow();
        var before = !aggregate.Total.OpenCalls.IsEmpty ? 0
            : reachesNow ? live.ConcurrentCalls
            : await ReadOpenCallsBeforeAsync(aggregate.Window.From, cancellationToken);
        var peaks = aggregate.OpenCallPeaks(before);
        return reachesNow ? peaks.WithNow(live.ConcurrentCalls) : peaks;
    }

    /// <summary>
    /// Calls in progress at <paramref name="at"/> (minute-aligned): the count after the latest counted session event before
    /// it, looked for over <see cref="TelemetryPerformanceDataSource.OpenCallsLookbackHours"/> hours of hour rollups and the
    /// minute rollups of <paramref name="at"/>'s hour; 0 when there is none (no call can have stayed open that long).
    /// </summary>
    public async Task<long> ReadOpenCallsBeforeAsync(DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var hour = TimeAlign.Floor(at, Hour);
        var reads = new List<Task<RollupSet>>
        {
            source.ReadRollupsAsync(hour.AddHours(-TelemetryPerformanceDataSource.OpenCallsLookbackHours), hour, RollupGranularity.Hour,
                RollupKinds.Sessions, cancellationToken),
        };
        if (at > hour)
        {
            reads.Add(source.ReadRollupsAsync(hour, at, RollupGranularity.Minute, RollupKinds.Sessions, cancellationToken));
        }

        var open = new OpenCallsExtent();
        foreach (var set in await Task.WhenAll(reads))
        {
            foreach (var row in set.Sessions)
            {
                open.Merge(row.OpenCalls);
            }
        }

        return open.AfterLast;
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
