using Azure.Data.Tables;

namespace IvrFunctions.Core.Telemetry.Storage;

/// <summary>
/// The quiet hours of one read (hours whose rollups count at most a segment of records for all the requested kinds
/// together): each is read with one query for every kind, and the kinds' streams take their part of it. A quiet month
/// then costs a query per hour rather than per kind and hour, and Azurite spends about the same on a query whatever it
/// returns. Loads run a few hours ahead of the first kind that asks and are dropped once every kind has taken its part, so
/// a read holds a few quiet hours (each at most about a segment) at once.
/// </summary>
sealed class QuietHourReads
{
    readonly TelemetryTables _tables;
    readonly IReadOnlyList<TelemetryRecordKind> _kinds;
    readonly List<DateTimeOffset> _hours;
    readonly DateTimeOffset _from;
    readonly DateTimeOffset _to;
    readonly SemaphoreSlim _gate;
    readonly int _lookahead;
    readonly CancellationToken _cancellationToken;
    readonly Dictionary<DateTimeOffset, int> _takers = [];
    readonly Dictionary<DateTimeOffset, Task<Dictionary<TelemetryRecordKind, List<TelemetryRecord>>>> _loads = [];
    readonly List<Task> _started = [];
    readonly Lock _lock = new();

    public QuietHourReads(TelemetryTables tables, IReadOnlyList<TelemetryRecordKind> kinds, IEnumerable<DateTimeOffset> quietHours,
        DateTimeOffset from, DateTimeOffset to, SemaphoreSlim gate, int lookahead, CancellationToken cancellationToken)
    {
        _tables = tables;
        _kinds = kinds;
        _hours = [.. quietHours.Order()];
        _from = from;
        _to = to;
        _gate = gate;
        _lookahead = lookahead;
        _cancellationToken = cancellationToken;
        foreach (var hour in _hours)
        {
            _takers[hour] = kinds.Count;
        }
    }

    public bool IsQuiet(DateTimeOffset hour) => _hours.BinarySearch(hour) >= 0;

    /// <summary>The records of <paramref name="kind"/> in the quiet <paramref name="hour"/>, in time order; each kind asks once per hour, in time order.</summary>
    public async Task<IReadOnlyList<TelemetryRecord>> GetAsync(DateTimeOffset hour, TelemetryRecordKind kind)
    {
        Task<Dictionary<TelemetryRecordKind, List<TelemetryRecord>>> load;
        lock (_lock)
        {
            load = Load(hour);
            var index = _hours.BinarySearch(hour);
            for (var next = index + 1; next >= 1 && next <= index + _lookahead && next < _hours.Count; next++)
            {
                Load(_hours[next]);
            }

            var left = _takers.GetValueOrDefault(hour) - 1;
            _takers[hour] = left;
            if (left <= 0)
            {
                _loads.Remove(hour);
            }
        }

        var byKind = await load.WaitAsync(_cancellationToken);
        return byKind.TryGetValue(kind, out var records) ? records : [];
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
            // Cancelled or failed: a failure was already seen by the kind that awaited it.
        }
    }

    Task<Dictionary<TelemetryRecordKind, List<TelemetryRecord>>> Load(DateTimeOffset hour)
    {
        if (!_loads.TryGetValue(hour, out var load) && _takers.GetValueOrDefault(hour) > 0)
        {
            load = Task.Run(() => ReadHourAsync(hour), CancellationToken.None);
            _loads[hour] = load;
            _started.RemoveAll(t => t.IsCompleted);
            _started.Add(load);
        }

        return load ?? Task.FromResult(new Dictionary<TelemetryRecordKind, List<TelemetryRecord>>());
    }

    /// <summary>One query (paged) for every kind's partitions of the hour; each partition's records sorted as they arrive.</summary>
    async Task<Dictionary<TelemetryRecordKind, List<TelemetryRecord>>> ReadHourAsync(DateTimeOffset hour)
    {
        var start = TelemetryReader.Max(hour, _from);
        var end = TelemetryReader.Min(hour + TimeSpan.FromHours(1), _to);
        var filter = string.Join(" or ", _kinds.Select(kind => $"({TelemetryReader.RecordFilter(kind, start, end)})"));
        var order = new PartitionRecordOrder(start, end);
        var ready = new List<TelemetryRecord>();
        var byKind = new Dictionary<TelemetryRecordKind, List<TelemetryRecord>>();
        await using var pages = _tables.RecordsFor(hour).QueryAsync<TableEntity>(filter, TelemetryReader.PageSize, cancellationToken: _cancellationToken)
            .AsPages().GetAsyncEnumerator(_cancellationToken);
        while (true)
        {
            bool more;
            await _gate.WaitAsync(_cancellationToken);
            try
            {
                more = await TelemetryReader.NextOrGoneAsync(pages);
            }
            finally
            {
                _gate.Release();
            }

            if (more)
            {
                foreach (var chunk in pages.Current.Values)
                {
                    order.Add(chunk, ready);
                }
            }
            else
            {
                order.Finish(ready);
            }

            // Partitions arrive kind by kind (their keys start with the kind), each kind's in time order.
            foreach (var record in ready)
            {
                if (!byKind.TryGetValue(record.Kind, out var list))
                {
                    byKind[record.Kind] = list = [];
                }

                list.Add(record);
            }

            ready.Clear();
            if (!more)
            {
                return byKind;
            }
        }
    }
}
