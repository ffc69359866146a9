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
    readonly TelemetryReader _reader;
    readonly CancellationToken _cancellationToken;
    readonly List<DateTimeOffset> _busyHours;
    readonly Dictionary<DateTimeOffset, int> _takers = [];
    readonly Dictionary<DateTimeOffset, Task<IReadOnlyDictionary<(TelemetryRecordKind Kind, DateTimeOffset Bucket), long>>> _loads = [];
    readonly List<Task> _started = [];
    readonly Lock _lock = new();

    public MinuteCountCache(TelemetryReader reader, IReadOnlyDictionary<(TelemetryRecordKind Kind, DateTimeOffset Bucket), long> hours,
        IReadOnlyList<TelemetryRecordKind> kinds, DateTimeOffset from, DateTimeOffset to, long segmentRecords, CancellationToken cancellationToken)
    {
        _reader = reader;
        _cancellationToken = cancellationToken;
        foreach (var ((kind, hour), count) in hours)
        {
            if (count > segmentRecords && kinds.Contains(kind) && hour + TimeSpan.FromHours(1) > from && hour < to)
            {
                _takers[hour] = kinds.Count;
            }
        }

        _busyHours = [.. _takers.Keys.Order()];
    }

    /// <summary>True when some kind holds more than a segment in <paramref name="hour"/>: every kind then plans it by the minute.</summary>
    public bool IsBusy(DateTimeOffset hour) => _busyHours.BinarySearch(hour) >= 0;

    /// <summary>The minute counts of <paramref name="hour"/> (one of the busy hours); each kind asks once.</summary>
    public Task<IReadOnlyDictionary<(TelemetryRecordKind Kind, DateTimeOffset Bucket), long>> GetAsync(DateTimeOffset hour, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var load = Load(hour);
            var next = _busyHours.BinarySearch(hour);
            if (next >= 0 && next + 1 < _busyHours.Count)
            {
                Load(_busyHours[next + 1]);
            }

            var left = _takers.GetValueOrDefault(hour) - 1;
            _takers[hour] = left;
            if (left <= 0)
            {
                _loads.Remove(hour);
            }

            return load.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Waits for the count queries started so far to stop (after cancellation), ignoring how they ended.</summary>
    public async Task WaitQuietlyAsync()
    {
        Task[] started;
        lock (_lock)
        {
            started = [.. _started];
        }

        try
        {
            await Task.WhenAll(started);
        }
        catch (Exception)
        {
            // Cancelled or failed: a failure was already seen by the planner that awaited it.
        }
    }

    Task<IReadOnlyDictionary<(TelemetryRecordKind Kind, DateTimeOffset Bucket), long>> Load(DateTimeOffset hour)
    {
        if (!_loads.TryGetValue(hour, out var load))
        {
            load = _reader.ReadRecordCountsAsync(hour, hour + TimeSpan.FromHours(1), RollupGranularity.Minute, _cancellationToken);
            _loads[hour] = load;
            _started.RemoveAll(t => t.IsCompleted);
            _started.Add(load);
        }

        return load;
    }
}
