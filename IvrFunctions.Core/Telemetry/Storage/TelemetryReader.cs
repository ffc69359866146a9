using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using IvrFunctions.Core.Telemetry.Rollups;

namespace IvrFunctions.Core.Telemetry.Storage;

/// <summary>
/// Reads what the flusher wrote: raw records of a kind in a window (streamed, one partition per hour), and rollups merged
/// across writers per bucket and key. A rollup read touches one partition per day (minute rows) or per month (hour rows)
/// and returns buckets × keys × writers rows: its cost follows the window, not how many records were recorded.
/// </summary>
public sealed class TelemetryReader(TelemetryTables tables)
{
    const int PageSize = 1000;

    /// <summary>
    /// Records of <paramref name="kind"/> with <c>from ≤ Timestamp &lt; to</c>, in time order within each hour. Streams
    /// page by page, so memory stays bounded however large the window.
    /// </summary>
    public async IAsyncEnumerable<TelemetryRecord> ReadRecordsAsync(TelemetryRecordKind kind, DateTimeOffset from, DateTimeOffset to,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var low = TelemetrySchema.RecordRowPrefix(from);
        var high = TelemetrySchema.RecordRowPrefix(to);
        for (var hour = TimeBuckets.Floor(from, RollupGranularity.Hour); hour < to; hour = hour.AddHours(1))
        {
            var partition = TelemetrySchema.RecordPartition(kind, hour);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {low} and RowKey lt {high}");
            await foreach (var entity in tables.Records.QueryAsync<TableEntity>(filter, PageSize, cancellationToken: cancellationToken))
            {
                yield return TelemetryRecordEntity.FromEntity(entity);
            }
        }
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
        foreach (var partition in Partitions(first, last, granularity))
        {
            var filter = dimension is null
                ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {low} and RowKey lt {high}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {low} and RowKey lt {high} and Dimension eq {dimension}");
            await foreach (var entity in tables.Rollups.QueryAsync<TableEntity>(filter, PageSize, cancellationToken: cancellationToken))
            {
                var (bucket, rowDimension, _, _) = RollupEntity.ParseRowKey(entity.RowKey);
                yield return new RollupBucket(TimeBuckets.ParseBucket(bucket, granularity), granularity, rowDimension,
                    entity.GetString("Key") ?? RollupEntity.ParseRowKey(entity.RowKey).Key, RollupEntity.ValuesFrom(entity));
            }
        }
    }

    static IEnumerable<string> Partitions(DateTimeOffset first, DateTimeOffset last, RollupGranularity granularity)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var step = granularity == RollupGranularity.Minute ? TimeSpan.FromDays(1) : TimeSpan.FromDays(28);
        for (var at = first; at <= last; at += step)
        {
            var partition = TelemetrySchema.RollupPartition(at, granularity);
            if (seen.Add(partition))
            {
                yield return partition;
            }
        }

        var final = TelemetrySchema.RollupPartition(last, granularity);
        if (seen.Add(final))
        {
            yield return final;
        }
    }
}
