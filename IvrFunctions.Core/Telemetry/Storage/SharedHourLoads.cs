namespace IvrFunctions.Core.Telemetry.Storage;

/// <summary>
/// Per-hour loads of one read, shared by the kinds' streams: each listed hour is loaded once, when the first kind asks for it
/// (together with up to <c>lookahead</c> listed hours after it), each of the <c>takers</c> takes it once, and it is dropped
/// when all have, so a long window holds a few hours at once.
/// </summary>
sealed class SharedHourLoads<T>
{
    readonly List<DateTimeOffset> _hours;
    readonly int _lookahead;
    readonly Func<DateTimeOffset, Task<T>> _load;
    readonly Dictionary<DateTimeOffset, int> _takers = [];
    readonly Dictionary<DateTimeOffset, Task<T>> _loads = [];
    readonly List<Task> _started = [];
    readonly Lock _lock = new();

    public SharedHourLoads(IEnumerable<DateTimeOffset> hours, int takers, int lookahead, Func<DateTimeOffset, Task<T>> load)
    {
        _hours = [.. hours.Distinct().Order()];
        _lookahead = lookahead;
        _load = load;
        foreach (var hour in _hours)
        {
            _takers[hour] = takers;
        }
    }

    public bool Contains(DateTimeOffset hour) => _hours.BinarySearch(hour) >= 0;

    /// <summary>The load of <paramref name="hour"/> (one of the listed hours); each taker asks once.</summary>
    public Task<T> GetAsync(DateTimeOffset hour, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var load = Load(hour);
            var index = _hours.BinarySearch(hour);
            for (var next = index + 1; index >= 0 && next <= index + _lookahead && next < _hours.Count; next++)
            {
                if (_takers[_hours[next]] > 0)
                {
                    Load(_hours[next]);
                }
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

    /// <summary>Waits for the loads started so far to stop (after cancellation), ignoring how they ended.</summary>
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
            // Cancelled or failed: a failure was already seen by the taker that awaited it.
        }
    }

    Task<T> Load(DateTimeOffset hour)
    {
        if (!_loads.TryGetValue(hour, out var load))
        {
            load = _load(hour);
            _loads[hour] = load;
            _started.RemoveAll(t => t.IsCompleted);
            _started.Add(load);
        }

        return load;
    }
}
