using System.Runtime.CompilerServices;
using IvrFunctions.Core.Telemetry.Rollups;

namespace IvrFunctions.Core.Telemetry.Storage;

/// <summary>
/// Streams the records of several kinds in one time order, reading each kind as a sequence of <see cref="RecordSegment"/>s
/// of about one page (1,000 records) sized from the rollups, several segments at once.
/// <para>
/// Why segments: one partition-range query per kind is paged by continuation, and Azurite answers every page by filtering the
/// whole table and sorting every remaining match, so a long query costs more per page the more it holds. A segment is one
/// page, so nothing is re-sorted or re-filtered for a continuation, and segments are independent, so several are read at
/// once (on Azure Table Storage, different partitions and tables are served in parallel). Records live in one table per hour
/// (<see cref="TelemetryTables"/>), so segments never cross an hour, and hours without a table (found with one query of the
/// table list) cost nothing. A quiet hour (the rollups count at most a segment for all the kinds together) is read with one
/// query for every kind (<see cref="QuietHourReads"/>), so a quiet month costs a query per hour, not per kind and hour.
/// Sizing: the hour rollups count each kind's records per hour; an hour with more than a page of some kind is looked up
/// in the minute rollups (one query of that hour's partition, which counts every kind, so every kind plans that hour by
/// the minute), and a minute with more than a page is cut into time sub-ranges by row key. Empty minutes
/// join the neighbouring segment; and because an hour's segments cover it without gaps, records the rollups do not count
/// (rollups lost or late) are still read.
/// </para>
/// <para>
/// Memory: each kind keeps its current segment and at most <c>parallelism</c> more read ahead, each buffering at most one
/// page of records, one partition being sorted and the page of chunk rows being received (a segment is planned at about
/// 1,000 records, so usually one page of a few dozen rows), and at most <c>parallelism</c> queries are in flight; none of
/// it grows with the window. The merge holds one record per kind. Ending the enumeration early, or cancelling it, cancels every
/// read still running and waits for it.
/// </para>
/// </summary>
public sealed class SegmentedRecordReader(TelemetryTables tables, TelemetryReader reader)
{
    /// <summary>Records a segment is planned to hold: one page.</summary>
    public const int SegmentRecords = TelemetryReader.PageSize;

    static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Records of <paramref name="kinds"/> with <c>from ≤ Timestamp &lt; to</c>, in time order; records with the same time come
    /// in the order of <paramref name="kinds"/>, then by row key. <paramref name="parallelism"/> bounds the queries in flight
    /// and the segments each kind reads ahead.
    /// </summary>
    public async IAsyncEnumerable<TelemetryRecord> ReadAsync(IReadOnlyList<TelemetryRecordKind> kinds, DateTimeOffset from, DateTimeOffset to,
        int parallelism, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        if (to <= from || kinds.Count == 0)
        {
            yield break;
        }

        var tableHours = await tables.ListRecordHoursAsync(from, to, cancellationToken);
        if (tableHours.Count == 0)
        {
            yield break;
        }

        var hours = await reader.ReadRecordCountsAsync(from, to, RollupGranularity.Hour, cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var gate = new SemaphoreSlim(parallelism, parallelism);
        var minutes = new MinuteCountCache(reader, hours, kinds, from, to, SegmentRecords, stop.Token);
        // Quiet: the rollups count some records of these kinds there, a segment's worth at most (no count is no evidence).
        var quietHours = tableHours.Where(hour => kinds.Sum(kind => hours.GetValueOrDefault((kind, hour))) is > 0 and <= SegmentRecords);
        var quiet = new QuietHourReads(tables, kinds, quietHours, from, to, gate, parallelism, stop.Token);
        try
        {
            var streams = kinds.Select(kind => ReadKindAsync(PlanAsync(kind, from, to, tableHours, hours, minutes, quiet, stop.Token), gate, quiet, parallelism, stop.Token)).ToList();
            await foreach (var record in TimeOrderedMerge.MergeAsync(streams, r => r.Timestamp, stop.Token))
            {
                yield return record;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await minutes.WaitQuietlyAsync();
            await quiet.WaitQuietlyAsync();
        }
    }

    /// <summary>
    /// The segments of one kind, in time order, planned an hour at a time as the reads reach it. Only hours that have a
    /// records table are planned, no segment crosses an hour (each hour is its own table), and a quiet hour is one segment
    /// read together with the other kinds'.
    /// </summary>
    static async IAsyncEnumerable<RecordSegment> PlanAsync(TelemetryRecordKind kind, DateTimeOffset from, DateTimeOffset to,
        IReadOnlyList<DateTimeOffset> tableHours, IReadOnlyDictionary<(TelemetryRecordKind Kind, DateTimeOffset Bucket), long> hours,
        MinuteCountCache minutes, QuietHourReads quiet, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var planned = new List<RecordSegment>();
        foreach (var hour in tableHours)
        {
            var (start, end) = TimeBuckets.Clip(hour, RollupGranularity.Hour, from, to);
            if (quiet.IsQuiet(hour))
            {
                yield return new RecordSegment(kind, start, end, hours.GetValueOrDefault((kind, hour)), QuietHour: true);
                continue;
            }

            var builder = new RecordSegmentBuilder(kind, start, end, SegmentRecords);
            if (!minutes.IsBusy(hour))
            {
                builder.Add(start, end, hours.GetValueOrDefault((kind, hour)), planned);
            }
            else
            {
                var perMinute = await minutes.GetAsync(hour, cancellationToken);
                for (var minute = TimeBuckets.Floor(start, RollupGranularity.Minute); minute < end; minute += Minute)
                {
                    var (minuteStart, minuteEnd) = TimeBuckets.Clip(minute, RollupGranularity.Minute, start, end);
                    builder.Add(minuteStart, minuteEnd, perMinute.GetValueOrDefault((kind, minute)), planned);
                }
            }

            builder.Finish(planned);
            foreach (var segment in planned)
            {
                yield return segment;
            }

            planned.Clear();
        }
    }

    /// <summary>One kind's records: its segments in order, the current one and up to <paramref name="lookahead"/> more being read.</summary>
    async IAsyncEnumerable<TelemetryRecord> ReadKindAsync(IAsyncEnumerable<RecordSegment> plan, SemaphoreSlim gate, QuietHourReads quiet,
        int lookahead, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reads = new Queue<RecordSegmentRead>();
        await using var segments = plan.GetAsyncEnumerator(stop.Token);
        var more = true;
        try
        {
            while (true)
            {
                while (more && reads.Count <= lookahead)
                {
                    more = await segments.MoveNextAsync();
                    if (more)
                    {
                        var segment = segments.Current;
                        reads.Enqueue(segment.QuietHour
                            ? RecordSegmentRead.FromQuietHour(quiet.GetAsync(TimeBuckets.Floor(segment.From, RollupGranularity.Hour), segment.Kind), SegmentRecords, stop.Token)
                            : RecordSegmentRead.Start(tables.RecordsFor(segment.From), segment, gate, SegmentRecords, stop.Token));
                    }
                }

                if (!reads.TryPeek(out var current))
                {
                    yield break;
                }

                await foreach (var record in current.Records.ReadAllAsync(stop.Token))
                {
                    yield return record;
                }

                await current.Completion;
                reads.Dequeue();
            }
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var read in reads)
            {
                await read.WaitQuietlyAsync();
            }
        }
    }
}
