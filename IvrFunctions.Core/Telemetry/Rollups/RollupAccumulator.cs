using Azure.Data.Tables;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry.Storage;

namespace IvrFunctions.Core.Telemetry.Rollups;

/// <summary>
/// One writer's rollup shard, held in memory. Records are applied once; rows are written as absolute values (upsert
/// replace), so a retried write is idempotent, and since no other writer touches this writer's rows, no increment is lost.
/// States of old buckets are evicted after they are written; a late record for an evicted bucket first reads the row back.
/// </summary>
sealed class RollupAccumulator(string writer)
{
    static readonly RollupGranularity[] Granularities = [RollupGranularity.Minute, RollupGranularity.Hour];
    static readonly TimeSpan MinuteStateWindow = TimeSpan.FromHours(3);
    static readonly TimeSpan HourStateWindow = TimeSpan.FromHours(49);
    static readonly TimeSpan MaxCallDuration = TimeSpan.FromHours(24);

    readonly Dictionary<(string Partition, string Row), State> _states = [];
    DateTimeOffset _minuteEvictedBefore = DateTimeOffset.MinValue;
    DateTimeOffset _hourEvictedBefore = DateTimeOffset.MinValue;

    public string Writer { get; } = writer;

    public int StateCount => _states.Count;

    public bool HasDirty => _states.Values.Any(s => s.Dirty);

    /// <summary>The rollup rows the records (and the dropped count) add to, with the change for each. Pure: safe to recompute.</summary>
    public List<Target> TargetsFor(IReadOnlyList<TelemetryRecord> records, long dropped, DateTimeOffset droppedAt)
    {
        var targets = new List<Target>(records.Count * 4);
        foreach (var record in records)
        {
            AddTargets(targets, record);
        }

        if (dropped > 0)
        {
            Both(targets, droppedAt, RollupDimensions.Internal, RollupDimensions.DroppedKey, v => v.Count += dropped);
        }

        return targets;
    }

    /// <summary>Rows the targets touch that may exist in storage but are no longer held (their buckets were evicted).</summary>
    public IEnumerable<(string Partition, string Row)> RowsToLoad(IEnumerable<Target> targets)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var target in targets)
        {
            var evictedBefore = target.Granularity == RollupGranularity.Minute ? _minuteEvictedBefore : _hourEvictedBefore;
            var key = Key(target);
            if (target.BucketStart < evictedBefore && !_states.ContainsKey(key) && seen.Add(key))
            {
                yield return key;
            }
        }
    }

    /// <summary>Takes a row read back from storage (or an empty one when it was not there) as this writer's current state.</summary>
    public void Restore(string partition, string row, TableEntity? entity)
    {
        var (bucket, dimension, key, _) = RollupEntity.ParseRowKey(row);
        var granularity = partition[0] == 'm' ? RollupGranularity.Minute : RollupGranularity.Hour;
        _states[(partition, row)] = new State(partition, row, granularity, TimeBuckets.ParseBucket(bucket, granularity), dimension, key,
            entity is null ? new RollupValues() : RollupEntity.ValuesFrom(entity));
    }

    public void Apply(IEnumerable<Target> targets)
    {
        foreach (var target in targets)
        {
            var key = Key(target);
            if (!_states.TryGetValue(key, out var state))
            {
                state = new State(key.Partition, key.Row, target.Granularity, target.BucketStart, target.Dimension, target.Key, new RollupValues());
                _states[key] = state;
            }

            target.Update(state.Values);
            state.Dirty = true;
        }
    }

    /// <summary>Snapshots of the rows changed since they were last written.</summary>
    public List<(State State, TableEntity Entity)> DirtyRows() =>
        _states.Values.Where(s => s.Dirty)
            .Select(s => (s, RollupEntity.ToEntity(s.Partition, s.Row, s.Granularity, s.BucketStart, s.Dimension, s.Key, Writer, s.Values)))
            .ToList();

    /// <summary>Forgets written states of buckets old enough that new records rarely reach them.</summary>
    public void Evict(DateTimeOffset now)
    {
        var minuteCutoff = now - MinuteStateWindow;
        var hourCutoff = now - HourStateWindow;
        var old = _states.Where(p => !p.Value.Dirty && p.Value.BucketStart < (p.Value.Granularity == RollupGranularity.Minute ? minuteCutoff : hourCutoff))
            .Select(p => p.Key).ToList();
        foreach (var key in old)
        {
            _states.Remove(key);
        }

        _minuteEvictedBefore = TimeBuckets.Max(_minuteEvictedBefore, TimeBuckets.Floor(minuteCutoff, RollupGranularity.Minute));
        _hourEvictedBefore = TimeBuckets.Max(_hourEvictedBefore, TimeBuckets.Floor(hourCutoff, RollupGranularity.Hour));
    }

    (string Partition, string Row) Key(Target target) => (
        TelemetrySchema.RollupPartition(target.BucketStart, target.Granularity),
        TelemetrySchema.RollupRow(target.BucketStart, target.Granularity, target.Dimension, target.Key, Writer));

    static void Both(List<Target> targets, DateTimeOffset at, string dimension, string key, Action<RollupValues> update)
    {
        foreach (var granularity in Granularities)
        {
            targets.Add(new Target(granularity, TimeBuckets.Floor(at, granularity), dimension, key, update));
        }
    }

    static void AddTargets(List<Target> targets, TelemetryRecord r)
    {
        switch (r.Kind)
        {
            case TelemetryRecordKind.Stage:
                Both(targets, r.Timestamp, RollupDimensions.Stage, r.Component, v =>
                {
                    v.Count++;
                    v.Successes += r.Success ? 1 : 0;
                    if (r.DurationMs is { } ms)
                    {
                        v.AddLatency(ms);
                    }
                });
                break;

            case TelemetryRecordKind.Usage:
                Both(targets, r.Timestamp, RollupDimensions.Usage, r.Component, v =>
                {
                    v.Successes += r.Success ? 1 : 0;
                    if (r.DurationMs is { } ms)
                    {
                        v.AddLatency(ms);
                    }

                    AddUsage(v, r);
                });
                var sku = r.PriceSku ?? r.VoiceClass ?? r.Model ?? "unknown";
                Both(targets, r.Timestamp, RollupDimensions.Sku, $"{r.Component}:{sku}", v =>
                {
                    v.Successes += r.Success ? 1 : 0;
                    AddUsage(v, r);
                });
                break;

            case TelemetryRecordKind.Cache:
                Both(targets, r.Timestamp, RollupDimensions.Cache, r.Component, v =>
                {
                    v.Count++;
                    v.Successes++;
                    v.Hits += r.Hit == true ? 1 : 0;
                    v.SavedCostUsd += r.SavedCostUsd ?? 0;
                });
                break;

            case TelemetryRecordKind.Session when r.SessionKind == SessionEventKind.Started:
                Both(targets, r.Timestamp, RollupDimensions.Session, RollupDimensions.CallsKey, v =>
                {
                    v.Started++;
                    AddOpenCalls(v, r, +1);
                });
                break;

            case TelemetryRecordKind.Session when r.SessionKind == SessionEventKind.Expired:
                Both(targets, r.Timestamp, RollupDimensions.Session, RollupDimensions.CallsKey, v => AddOpenCalls(v, r, -1));
                break;

            case TelemetryRecordKind.Session:
                Both(targets, r.Timestamp, RollupDimensions.Session, RollupDimensions.CallsKey, v =>
                {
                    v.Count++;
                    v.Successes += r.Success ? 1 : 0;
                    v.Turns += r.Turns ?? 0;
                    if (r.DurationMs is { } ms)
                    {
                        v.AddLatency(ms);
                    }

                    AddOpenCalls(v, r, -1);
                });
                if (r.DurationMs is > 0)
                {
                    AddActiveSeconds(targets, r.Timestamp - TimeSpan.FromMilliseconds(Math.Min(r.DurationMs.Value, MaxCallDuration.TotalMilliseconds)), r.Timestamp);
                }

                break;

            case TelemetryRecordKind.Error:
                var code = r.ErrorCategory is { } category ? ErrorCatalog.Describe(category).Code : "unknown";
                Both(targets, r.Timestamp, RollupDimensions.Error, code, v => v.Count++);
                Both(targets, r.Timestamp, RollupDimensions.ErrorComponent, $"{r.Component}:{code}", v => v.Count++);
                break;
        }
    }

    static void AddUsage(RollupValues v, TelemetryRecord r)
    {
        v.Count++;
        v.AudioSeconds += r.AudioSeconds ?? 0;
        v.Characters += r.Characters ?? 0;
        v.InputTokens += r.InputTokens ?? 0;
        v.CachedInputTokens += r.CachedInputTokens ?? 0;
        v.OutputTokens += r.OutputTokens ?? 0;
        if (r.CostUsd is { } cost)
        {
            v.CostUsd += cost;
        }
        else
        {
            v.Unpriced++;
        }
    }

    /// <summary>A counted session event: the count it left (<see cref="TelemetryRecord.OpenCalls"/>) and the count before it.</summary>
    static void AddOpenCalls(RollupValues v, TelemetryRecord r, int change)
    {
        if (r.OpenCalls is { } after && r.OpenCallsSequence is { } sequence && sequence > 0)
        {
            v.OpenCalls ??= new OpenCallsExtent();
            v.OpenCalls.Add(sequence, Math.Max(0, after - change), after);
        }
    }

    /// <summary>Spreads a call's time over the buckets it overlaps, so ActiveSeconds / bucket length is the average concurrency.</summary>
    static void AddActiveSeconds(List<Target> targets, DateTimeOffset start, DateTimeOffset end)
    {
        foreach (var granularity in Granularities)
        {
            var length = TimeBuckets.Length(granularity);
            for (var bucket = TimeBuckets.Floor(start, granularity); bucket < end; bucket += length)
            {
                var from = start > bucket ? start : bucket;
                var to = end < bucket + length ? end : bucket + length;
                var seconds = (to - from).TotalSeconds;
                if (seconds > 0)
                {
                    targets.Add(new Target(granularity, bucket, RollupDimensions.Session, RollupDimensions.CallsKey, v => v.ActiveSeconds += seconds));
                }
            }
        }
    }

    public readonly record struct Target(RollupGranularity Granularity, DateTimeOffset BucketStart, string Dimension, string Key, Action<RollupValues> Update);

    public sealed class State(string partition, string row, RollupGranularity granularity, DateTimeOffset bucketStart, string dimension, string key, RollupValues values)
    {
        public string Partition { get; } = partition;

        public string Row { get; } = row;

        public RollupGranularity Granularity { get; } = granularity;

        public DateTimeOffset BucketStart { get; } = bucketStart;

        public string Dimension { get; } = dimension;

        public string Key { get; } = key;

        public RollupValues Values { get; } = values;

        public bool Dirty { get; set; }
    }
}
