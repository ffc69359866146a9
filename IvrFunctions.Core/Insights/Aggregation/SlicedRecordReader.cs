using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Rollups;
using IvrFunctions.Core.Telemetry.Storage;

namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>
/// Streams raw records of several kinds in one time order, in slices of about <see cref="SliceRecords"/> records: the hour
/// rollups say how many records of each kind every hour holds, so empty hours cost nothing and busy hours are cut into
/// slices that each come back in one page. Each slice is one partition-range query per kind (cheap on Azure Tables, and on
/// Azurite, which scans and sorts everything matching a query for every page, it avoids re-sorting a whole window per
/// page); the slice's records are merged by time in memory, so memory is bounded by the slice, not the window.
/// </summary>
public sealed class SlicedRecordReader(TelemetryTables tables, TelemetryReader reader, TimeProvider time)
{
    public const int SliceRecords = 800;

    /// <summary>Hours this close to now may not have their rollups flushed yet: read them in fixed slices whatever the rollups say.</summary>
    static readonly TimeSpan RecentLag = TimeSpan.FromHours(2);

    static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public async IAsyncEnumerable<TelemetryRecord> ReadAsync(
        DateTimeOffset from, DateTimeOffset to, IReadOnlyList<TelemetryRecordKind> kinds, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (to <= from || kinds.Count == 0)
        {
            yield break;
        }

        var counts = await HourlyCountsAsync(from, to, cancellationToken);
        var recent = time.GetUtcNow() - RecentLag;
        for (var hour = TimeBuckets.Floor(from, RollupGranularity.Hour); hour < to; hour += Hour)
        {
            var perKind = kinds.Select(k => (Kind: k, Count: counts.GetValueOrDefault((hour, k)))).ToList();
            var unknown = hour + Hour > recent;
            var total = perKind.Sum(k => k.Count);
            if (total == 0 && !unknown)
            {
                continue;
            }

            var slices = unknown ? 12 : (int)Math.Clamp((total + SliceRecords - 1) / SliceRecords, 1, 3600);
            var length = TimeSpan.FromTicks(Hour.Ticks / slices);
            for (var i = 0; i < slices; i++)
            {
                var start = Max(hour + (length * i), from);
                var end = Min(i == slices - 1 ? hour + Hour : hour + (length * (i + 1)), to);
                if (start >= end)
                {
                    continue;
                }

                var reads = perKind.Where(k => unknown || k.Count > 0).Select(k => ReadSliceAsync(k.Kind, start, end, cancellationToken)).ToList();
                var slice = (await Task.WhenAll(reads)).SelectMany(r => r).ToList();
                slice.Sort(static (a, b) => a.Timestamp.CompareTo(b.Timestamp));
                foreach (var record in slice)
                {
                    yield return record;
                }
            }
        }
    }

    async Task<List<TelemetryRecord>> ReadSliceAsync(TelemetryRecordKind kind, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var records = new List<TelemetryRecord>();
        await foreach (var record in reader.ReadRecordsAsync(kind, from, to, cancellationToken))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>Records per (hour, kind) from the hour rollups: stage, usage and cache rows count records, sessions count starts and ends.</summary>
    async Task<Dictionary<(DateTimeOffset Hour, TelemetryRecordKind Kind), long>> HourlyCountsAsync(
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken);
        var rows = await reader.ReadRollupsAsync(TimeBuckets.Floor(from, RollupGranularity.Hour), to, RollupGranularity.Hour, null, cancellationToken);
        var counts = new Dictionary<(DateTimeOffset, TelemetryRecordKind), long>();
        foreach (var row in rows)
        {
            TelemetryRecordKind? kind = row.Dimension switch
            {
                RollupDimensions.Stage => TelemetryRecordKind.Stage,
                RollupDimensions.Usage => TelemetryRecordKind.Usage,
                RollupDimensions.Cache => TelemetryRecordKind.Cache,
                RollupDimensions.Session => TelemetryRecordKind.Session,
                RollupDimensions.Error => TelemetryRecordKind.Error,
                _ => null,
            };
            if (kind is { } k)
            {
                var n = k == TelemetryRecordKind.Session ? row.Values.Started + row.Values.Count : row.Values.Count;
                counts[(row.BucketStart, k)] = counts.GetValueOrDefault((row.BucketStart, k)) + n;
            }
        }

        return counts;
    }

    static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
