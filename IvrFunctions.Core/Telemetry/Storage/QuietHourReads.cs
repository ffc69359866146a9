using IvrFunctions.Core.Telemetry.Rollups;

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
    readonly DateTimeOffset _from;
    readonly DateTimeOffset _to;
    readonly SemaphoreSlim _gate;
    readonly CancellationToken _cancellationToken;
    readonly SharedHourLoads<Dictionary<TelemetryRecordKind, List<TelemetryRecord>>> _loads;

    public QuietHourReads(TelemetryTables tables, IReadOnlyList<TelemetryRecordKind> kinds, IEnumerable<DateTimeOffset> quietHours,
        DateTimeOffset from, DateTimeOffset to, SemaphoreSlim gate, int lookahead, CancellationToken cancellationToken)
    {
        _tables = tables;
        _kinds = kinds;
        _from = from;
        _to = to;
        _gate = gate;
        _cancellationToken = cancellationToken;
        _loads = new(quietHours, kinds.Count, lookahead, hour => Task.Run(() => ReadHourAsync(hour), CancellationToken.None));
    }

    public bool IsQuiet(DateTimeOffset hour) => _loads.Contains(hour);

    /// <summary>The records of <paramref name="kind"/> in the quiet <paramref name="hour"/>, in time order; each kind asks once per hour, in time order.</summary>
    public async Task<IReadOnlyList<TelemetryRecord>> GetAsync(DateTimeOffset hour, TelemetryRecordKind kind)
    {
        var byKind = await _loads.GetAsync(hour, _cancellationToken);
        return byKind.TryGetValue(kind, out var records) ? records : [];
    }

    /// <summary>Waits for the loads started so far to stop (after cancellation), ignoring how they ended.</summary>
    public Task WaitQuietlyAsync() => _loads.WaitQuietlyAsync();

    /// <summary>One query (paged) for every kind's partitions of the hour; partitions arrive kind by kind, each kind's in time order.</summary>
    async Task<Dictionary<TelemetryRecordKind, List<TelemetryRecord>>> ReadHourAsync(DateTimeOffset hour)
    {
        var (start, end) = TimeBuckets.Clip(hour, RollupGranularity.Hour, _from, _to);
        var filter = string.Join(" or ", _kinds.Select(kind => $"({TelemetryReader.RecordFilter(kind, start, end)})"));
        var byKind = new Dictionary<TelemetryRecordKind, List<TelemetryRecord>>();
        await foreach (var record in TelemetryReader.ReadChunkRowsAsync(_tables.RecordsFor(hour), filter, start, end, _gate, _cancellationToken))
        {
            if (!byKind.TryGetValue(record.Kind, out var list))
            {
                byKind[record.Kind] = list = [];
            }

            list.Add(record);
        }

        return byKind;
    }
}
