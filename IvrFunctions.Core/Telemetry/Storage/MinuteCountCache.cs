using IvrFunctions.Core.Telemetry.Rollups;

namespace IvrFunctions.Core.Telemetry.Storage;

/// <summary>
/// Minute record counts of the busy hours of one read (hours where some kind holds more than a segment), shared by the kinds'
/// planners: each busy hour is one query of its minute-rollup partition (it counts every kind at once, so every kind plans
/// that hour by the minute), started when the first planner needs it together with the next busy hour's, and dropped once
/// every kind has taken it, so a long window holds a few hours.
/// </summary>
sealed class MinuteCountCache
{
    readonly SharedHourLoads<IReadOnlyDictionary<(TelemetryRecordKind Kind, DateTimeOffset Bucket), long>> _loads;

    public MinuteCountCache(TelemetryReader reader, IReadOnlyDictionary<(TelemetryRecordKind Kind, DateTimeOffset Bucket), long> hours,
        IReadOnlyList<TelemetryRecordKind> kinds, DateTimeOffset from, DateTimeOffset to, long segmentRecords, CancellationToken cancellationToken)
    {
        var busy = hours
            .Where(h => h.Value > segmentRecords && kinds.Contains(h.Key.Kind) && h.Key.Bucket + TimeSpan.FromHours(1) > from && h.Key.Bucket < to)
            .Select(h => h.Key.Bucket);
        _loads = new(busy, kinds.Count, lookahead: 1,
            hour => reader.ReadRecordCountsAsync(hour, hour + TimeSpan.FromHours(1), RollupGranularity.Minute, cancellationToken));
    }

    /// <summary>True when some kind holds more than a segment in <paramref name="hour"/>: every kind then plans it by the minute.</summary>
    public bool IsBusy(DateTimeOffset hour) => _loads.Contains(hour);

    /// <summary>The minute counts of <paramref name="hour"/> (one of the busy hours); each kind asks once.</summary>
    public Task<IReadOnlyDictionary<(TelemetryRecordKind Kind, DateTimeOffset Bucket), long>> GetAsync(DateTimeOffset hour, CancellationToken cancellationToken) =>
        _loads.GetAsync(hour, cancellationToken);

    /// <summary>Waits for the count queries started so far to stop (after cancellation), ignoring how they ended.</summary>
    public Task WaitQuietlyAsync() => _loads.WaitQuietlyAsync();
}
