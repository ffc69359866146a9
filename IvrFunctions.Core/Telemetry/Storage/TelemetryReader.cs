using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using IvrFunctions.Core.Telemetry.Rollups;

namespace IvrFunctions.Core.Telemetry.Storage;

/// <summary>
/// Reads what the flusher wrote: raw records of a kind in a window (streamed), and rollups merged across writers per
/// bucket and key. Each read is one partition-range query; a rollup read returns buckets × keys × writers rows, so its
/// cost follows the window, not how many records were recorded.
/// </summary>
public sealed class TelemetryReader(TelemetryTables tables)
{
    /// <summary>Entities per query page: Table Storage returns at most 1,000.</summary>
    public const int PageSize = 1000;

    static readonly Dictionary<string, TelemetryRecordKind> CountedDimensions = new(StringComparer.Ordinal)
    {
        [RollupDimensions.Stage] = TelemetryRecordKind.Stage,
        [RollupDimensions.Usage] = TelemetryRecordKind.Usage,
        [RollupDimensions.Cache] = TelemetryRecordKind.Cache,
        [RollupDimensions.Session] = TelemetryRecordKind.Session,
        [RollupDimensions.Error] = TelemetryRecordKind.Error,
    };

    static readonly string[] CountColumns = ["RowKey", "Count", "Started"];

    /// <summary>
    /// Records of <paramref name="kind"/> with <c>from ≤ Timestamp &lt; to</c>, in time order: one partition-range query of
    /// chunk rows (continued page by page) per hour that has a record table, holding at most one partition's records at a
    /// time, so memory stays bounded however large the window. Long
    /// windows are read faster by <see cref="SegmentedRecordReader"/>.
    /// </summary>
    public async IAsyncEnumerable<TelemetryRecord> ReadRecordsAsync(TelemetryRecordKind kind, DateTimeOffset from, DateTimeOffset to,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var hour in await tables.ListRecordHoursAsync(from, to, cancellationToken))
        {
            var (start, end) = TimeBuckets.Clip(hour, RollupGranularity.Hour, from, to);
            await foreach (var record in ReadChunkRowsAsync(tables.RecordsFor(hour), RecordFilter(kind, start, end), start, end, null, cancellationToken))
            {
                yield return record;
            }
        }
    }

    /// <summary>
    /// The records of the chunk rows <paramref name="filter"/> selects from <paramref name="table"/>, clipped to
    /// <c>[from, to)</c> and in time order within each partition (<see cref="PartitionRecordOrder"/>), page by page; each
    /// page fetch waits for a slot of <paramref name="gate"/> when one is given. A table dropped since it was listed
    /// (retention) simply has no rows.
    /// </summary>
    internal static async IAsyncEnumerable<TelemetryRecord> ReadChunkRowsAsync(TableClient table, string filter, DateTimeOffset from, DateTimeOffset to,
        SemaphoreSlim? gate, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var order = new PartitionRecordOrder(from, to);
        var ready = new List<TelemetryRecord>();
        await using var pages = table.QueryAsync<TableEntity>(filter, PageSize, cancellationToken: cancellationToken)
            .AsPages().GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            if (gate is not null)
            {
                await gate.WaitAsync(cancellationToken);
            }

            try
            {
                more = await NextOrGoneAsync(pages);
            }
            finally
            {
                gate?.Release();
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

            foreach (var record in ready)
            {
                yield return record;
            }

            ready.Clear();
            if (!more)
            {
                yield break;
            }
        }
    }

    /// <summary>Moves to the next page; a table dropped since it was listed (retention) simply has no more.</summary>
    static async ValueTask<bool> NextOrGoneAsync<T>(IAsyncEnumerator<T> entities)
    {
        try
        {
            return await entities.MoveNextAsync();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    /// <summary>
    /// The filter for the chunk rows that may hold records of <paramref name="kind"/> in <c>[from, to)</c>: the kind's partitions
    /// from the one holding <paramref name="from"/> to the one holding the last instant before <paramref name="to"/> (<c>eq</c>
    /// when that is one), and, when <paramref name="to"/> falls inside a partition, chunks starting before it. A chunk starting
    /// before <paramref name="from"/> can still hold later records, so the lower bound is the partition's: readers drop the
    /// records outside the window (<see cref="RecordChunkEntity.FromEntity"/>).
    /// </summary>
    public static string RecordFilter(TelemetryRecordKind kind, DateTimeOffset from, DateTimeOffset to)
    {
        var firstPartition = TelemetrySchema.RecordPartition(kind, from);
        var lastPartition = TelemetrySchema.RecordPartition(kind, to - TimeSpan.FromTicks(1));
        var filter = firstPartition == lastPartition
            ? TableClient.CreateQueryFilter($"PartitionKey eq {firstPartition}")
            : TableClient.CreateQueryFilter($"PartitionKey ge {firstPartition} and PartitionKey le {lastPartition}");
        if (TelemetrySchema.RecordPartition(kind, to) == lastPartition)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey lt {TelemetrySchema.RecordRowPrefix(to)}");
        }

        return filter;
    }

    /// <summary>
    /// How many records of each kind the rollups count per bucket starting in <c>[floor(from), to)</c>, summed over writers
    /// and keys: stage, usage, cache and error rows count their records, session rows count starts plus ends. Reads only the
    /// five dimensions and the two count columns. An estimate for planning reads: a flush writes records before rollups, and
    /// a writer that dies in between leaves records no rollup counts. A missing rollup table counts nothing.
    /// </summary>
    public async Task<IReadOnlyDictionary<(TelemetryRecordKind Kind, DateTimeOffset Bucket), long>> ReadRecordCountsAsync(
        DateTimeOffset from, DateTimeOffset to, RollupGranularity granularity, CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<(TelemetryRecordKind, DateTimeOffset), long>();
        var first = TimeBuckets.Floor(from, granularity);
        if (to <= first)
        {
            return counts;
        }

        var last = TimeBuckets.Floor(to - TimeSpan.FromTicks(1), granularity);
        var low = TimeBuckets.BucketKey(first, granularity);
        var high = TimeBuckets.BucketKey(last, granularity) + "~"; // '~' sorts after the '|' that follows the bucket
        var firstPartition = TelemetrySchema.RollupPartition(first, granularity);
        var lastPartition = TelemetrySchema.RollupPartition(last, granularity);
        var filter = (firstPartition == lastPartition
                ? TableClient.CreateQueryFilter($"PartitionKey eq {firstPartition} and RowKey ge {low} and RowKey lt {high}")
                : TableClient.CreateQueryFilter($"PartitionKey ge {firstPartition} and PartitionKey le {lastPartition} and RowKey ge {low} and RowKey lt {high}"))
            + " and (" + string.Join(" or ", CountedDimensions.Keys.Select(d => TableClient.CreateQueryFilter($"Dimension eq {d}"))) + ")";
        try
        {
            await foreach (var entity in tables.Rollups(granularity).QueryAsync<TableEntity>(filter, PageSize, CountColumns, cancellationToken))
            {
                var (bucket, dimension, _, _) = RollupEntity.ParseRowKey(entity.RowKey);
                if (CountedDimensions.TryGetValue(dimension, out var kind))
                {
                    var n = (entity.GetInt64("Count") ?? 0) + (kind == TelemetryRecordKind.Session ? entity.GetInt64("Started") ?? 0 : 0);
                    var key = (kind, TimeBuckets.ParseBucket(bucket, granularity));
                    counts[key] = counts.GetValueOrDefault(key) + n;
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No rollup table (never flushed, or deleted): nothing counted; readers then plan without counts.
        }

        return counts;
    }

    /// <summary>
    /// The rollups of every bucket that starts in <c>[floor(from), to)</c>, merged across writers, one per bucket, dimension
    /// and key, ordered by bucket then dimension then key. <paramref name="dimension"/> (a <see cref="RollupDimensions"/>
    /// value) narrows the read; null reads all.
    /// </summary>
    public async Task<IReadOnlyList<RollupBucket>> ReadRollupsAsync(DateTimeOffset from, DateTimeOffset to, RollupGranularity granularity,
        string? dimension = null, CancellationToken cancellationToken = default)
    {
        var merged = new Dictionary<(DateTimeOffset, string, string), RollupValues>();
        await foreach (var row in ReadRollupRowsAsync(from, to, granularity, dimension, cancellationToken))
        {
            var key = (row.BucketStart, row.Dimension, row.Key);
            if (merged.TryGetValue(key, out var values))
            {
                values.Merge(row.Values);
            }
            else
            {
                merged[key] = row.Values;
            }
        }

        return merged
            .OrderBy(p => p.Key.Item1).ThenBy(p => p.Key.Item2, StringComparer.Ordinal).ThenBy(p => p.Key.Item3, StringComparer.Ordinal)
            .Select(p => new RollupBucket(p.Key.Item1, granularity, p.Key.Item2, p.Key.Item3, p.Value))
            .ToList();
    }

    /// <summary>The window's rollups merged over time too: one total per dimension and key.</summary>
    public async Task<IReadOnlyList<RollupTotal>> ReadTotalsAsync(DateTimeOffset from, DateTimeOffset to, RollupGranularity granularity,
        string? dimension = null, CancellationToken cancellationToken = default)
    {
        var totals = new Dictionary<(string, string), RollupValues>();
        await foreach (var row in ReadRollupRowsAsync(from, to, granularity, dimension, cancellationToken))
        {
            if (totals.TryGetValue((row.Dimension, row.Key), out var values))
            {
                values.Merge(row.Values);
            }
            else
            {
                totals[(row.Dimension, row.Key)] = row.Values;
            }
        }

        return totals.OrderBy(p => p.Key.Item1, StringComparer.Ordinal).ThenBy(p => p.Key.Item2, StringComparer.Ordinal)
            .Select(p => new RollupTotal(p.Key.Item1, p.Key.Item2, p.Value)).ToList();
    }

    /// <summary>Unmerged rollup rows (one per writer shard), for diagnostics and tests.</summary>
    public async IAsyncEnumerable<RollupBucket> ReadRollupRowsAsync(DateTimeOffset from, DateTimeOffset to, RollupGranularity granularity,
        string? dimension = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var first = TimeBuckets.Floor(from, granularity);
        if (to <= first)
        {
            yield break;
        }

        var last = TimeBuckets.Floor(to - TimeSpan.FromTicks(1), granularity);
        var low = TimeBuckets.BucketKey(first, granularity);
        var high = TimeBuckets.BucketKey(last, granularity) + "~"; // '~' sorts after the '|' that follows the bucket
        var firstPartition = TelemetrySchema.RollupPartition(first, granularity);
        var lastPartition = TelemetrySchema.RollupPartition(last, granularity);
        var filter = dimension is null
            ? TableClient.CreateQueryFilter($"PartitionKey ge {firstPartition} and PartitionKey le {lastPartition} and RowKey ge {low} and RowKey lt {high}")
            : TableClient.CreateQueryFilter(
                $"PartitionKey ge {firstPartition} and PartitionKey le {lastPartition} and RowKey ge {low} and RowKey lt {high} and Dimension eq {dimension}");
        await foreach (var entity in tables.Rollups(granularity).QueryAsync<TableEntity>(filter, PageSize, cancellationToken: cancellationToken))
        {
            var (bucket, rowDimension, key, _) = RollupEntity.ParseRowKey(entity.RowKey);
            yield return new RollupBucket(TimeBuckets.ParseBucket(bucket, granularity), granularity, rowDimension,
                entity.GetString("Key") ?? key, RollupEntity.ValuesFrom(entity));
        }
    }
}
