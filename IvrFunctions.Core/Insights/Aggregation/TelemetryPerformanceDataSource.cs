using System.Runtime.CompilerServices;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Insights.Configuration;
using IvrFunctions.Core.Insights.Contracts;
using IvrFunctions.Core.Sessions;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Costs;
using IvrFunctions.Core.Telemetry.Rollups;
using IvrFunctions.Core.Telemetry.Storage;
using Microsoft.Extensions.Options;
using TierStatus = IvrFunctions.Core.Insights.Contracts.FreeTierStatus;

namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>
/// The performance API's view of the telemetry tables: rollups through <see cref="TelemetryReader"/> (merged across writer
/// shards), raw records through <see cref="SegmentedRecordReader"/> as one time-ordered stream, free tiers from <see cref="FreeTierService"/>.
/// </summary>
public sealed class TelemetryPerformanceDataSource(
    TelemetryReader reader,
    SegmentedRecordReader records,
    FreeTierService freeTiers,
    TelemetryBuffer buffer,
    IOptions<InsightsOptions> options,
    TimeProvider time)
    : IPerformanceDataSource
{
    /// <summary>
    /// Hours of hour rollups (before the current one) searched for the latest counted session event. Calls open longer than
    /// <see cref="OpenCallRegister.MaxCallDuration"/> are expired, which is itself an event, so while any call is open the
    /// latest event is never older than that (plus the expiry timer's period).
    /// </summary>
    public static readonly int OpenCallsLookbackHours = (int)Math.Ceiling(OpenCallRegister.MaxCallDuration.TotalHours) + 1;

    public async Task<RollupSet> ReadRollupsAsync(
        DateTimeOffset from, DateTimeOffset to, RollupGranularity granularity, RollupKinds kinds, CancellationToken cancellationToken = default)
    {
        // One family narrows the read to its dimension; errors need two dimensions (errorcomponent, internal), so read all.
        var dimension = kinds switch
        {
            RollupKinds.Stages => RollupDimensions.Stage,
            RollupKinds.Services => RollupDimensions.Usage,
            RollupKinds.Caches => RollupDimensions.Cache,
            RollupKinds.Sessions => RollupDimensions.Session,
            _ => null,
        };
        var rows = await reader.ReadRollupsAsync(from, to, granularity, dimension, cancellationToken);
        var set = new RollupSet();
        foreach (var row in rows)
        {
            var v = row.Values;
            switch (row.Dimension)
            {
                case RollupDimensions.Stage when kinds.HasFlag(RollupKinds.Stages):
                    set.Stages.Add(new StageRollup(row.BucketStart, row.Key, v.Count, v.Successes, v.Latency));
                    break;
                case RollupDimensions.Usage when kinds.HasFlag(RollupKinds.Services):
                    set.Services.Add(new ServiceRollup(row.BucketStart, row.Key, v.Count, v.Successes, v.Latency,
                        new UsageTotals(v.AudioSeconds, v.Characters, v.InputTokens, v.CachedInputTokens, v.OutputTokens), v.CostUsd));
                    break;
                case RollupDimensions.Cache when kinds.HasFlag(RollupKinds.Caches):
                    set.Caches.Add(new CacheRollup(row.BucketStart, row.Key, v.Count, v.Hits, v.SavedCostUsd));
                    break;
                case RollupDimensions.Session when kinds.HasFlag(RollupKinds.Sessions):
                    set.Sessions.Add(new SessionRollup(row.BucketStart, granularity, v.Started, v.Count, v.Successes, v.Turns, v.OpenCalls));
                    break;
                case RollupDimensions.ErrorComponent when kinds.HasFlag(RollupKinds.Errors):
                    var split = row.Key.LastIndexOf(':');
                    set.Errors.Add(split < 0
                        ? new ErrorRollup(row.BucketStart, row.Key, "unknown", v.Count)
                        : new ErrorRollup(row.BucketStart, row.Key[(split + 1)..], row.Key[..split], v.Count));
                    break;
                case RollupDimensions.Internal when kinds.HasFlag(RollupKinds.Errors) && row.Key == RollupDimensions.DroppedKey:
                    set.DroppedRecords += v.Count;
                    break;
            }
        }

        return set;
    }

    /// <summary>
    /// Every kind's records read as rollup-sized segments, several at once (<see cref="InsightsOptions.ExportReadParallelism"/>),
    /// merged into one time order holding one record per kind.
    /// </summary>
    public IAsyncEnumerable<ExportRecord> ReadRecordsAsync(
        DateTimeOffset from, DateTimeOffset to, IReadOnlySet<string> kinds, CancellationToken cancellationToken = default) =>
        Map(records.ReadAsync([.. RecordKinds.All.Where(kinds.Contains).Select(TelemetrySchema.ParseKind)], from, to,
            options.Value.ExportReadParallelism, cancellationToken), cancellationToken);

    /// <summary>
    /// Calls in progress now: the open-call count after the latest counted session event of any instance (each flushes its
    /// events every second), 0 when no call was counted within <see cref="OpenCallsLookbackHours"/>.
    /// </summary>
    public async Task<LiveTelemetryStatus> ReadLiveStatusAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var hour = TimeBuckets.Floor(now, RollupGranularity.Hour);
        var rows = await reader.ReadRollupsAsync(hour.AddHours(-OpenCallsLookbackHours), hour.AddHours(1), RollupGranularity.Hour,
            RollupDimensions.Session, cancellationToken);
        var open = new OpenCallsExtent();
        foreach (var row in rows)
        {
            open.Merge(row.Values.OpenCalls);
        }

        return new LiveTelemetryStatus((int)Math.Max(0, open.AfterLast), buffer.DroppedRecords);
    }

    public async Task<IReadOnlyList<TierStatus>> ReadFreeTiersAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
    [
        .. (await freeTiers.GetStatusAsync(now, cancellationToken)).Select(t => new TierStatus(
            t.Service,
            t.Tier.StartsWith(t.Service + ":", StringComparison.Ordinal) ? t.Tier[(t.Service.Length + 1)..] : t.Tier,
            t.Unit switch { PriceUnit.Minute => "minutes", PriceUnit.Character => "characters", _ => "tokens" },
            t.FreeUnits,
            Math.Round(t.UsedUnits, 3),
            Math.Round(t.RemainingUnits, 3),
            t.FreeUnits <= 0 ? 0 : Math.Round(t.UsedUnits / t.FreeUnits, 4),
            t.UsedUnits >= t.FreeUnits,
            t.ProjectedExhaustion)),
    ];

    static async IAsyncEnumerable<ExportRecord> Map(IAsyncEnumerable<TelemetryRecord> records, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var r in records.WithCancellation(cancellationToken))
        {
            yield return ToExport(r);
        }
    }

    public static ExportRecord ToExport(TelemetryRecord r) => new(
        Kind: TelemetrySchema.KindName(r.Kind),
        Timestamp: r.Timestamp,
        Name: r.Kind == TelemetryRecordKind.Session
            ? r.SessionKind switch { SessionEventKind.Started => "started", SessionEventKind.Expired => "expired", _ => "ended" }
            : r.Component,
        CallSid: r.CallSid,
        TurnId: r.TurnId,
        Success: r.Kind is TelemetryRecordKind.Stage or TelemetryRecordKind.Usage || (r.Kind == TelemetryRecordKind.Session && r.SessionKind == SessionEventKind.Ended)
            ? r.Success
            : null,
        DurationMs: r.DurationMs,
        ErrorCategory: r.ErrorCategory is { } category ? ErrorCatalog.Describe(category).Code : null,
        Provider: r.Provider,
        Model: r.Model,
        Attempt: r.Attempt,
        AudioSeconds: r.AudioSeconds,
        Characters: r.Characters,
        InputTokens: r.InputTokens,
        CachedInputTokens: r.CachedInputTokens,
        OutputTokens: r.OutputTokens,
        CostUsd: r.CostUsd,
        Hit: r.Hit,
        SavedUsd: r.SavedCostUsd,
        Caller: r.CallerHash is null ? null : "hash:" + r.CallerHash,
        Language: r.Language,
        Turns: r.Turns,
        Detail: r.Detail,
        Status: r.Status);
}
