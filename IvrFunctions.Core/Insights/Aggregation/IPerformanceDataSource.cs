using IvrFunctions.Core.Telemetry.Rollups;
using IvrFunctions.Core.Insights.Contracts;

namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>
/// What the performance API reads from telemetry: rollups (cost independent of record count), raw records (streamed, for
/// export, top errors and call lists), the live gauges and the month's free-tier use. Implemented over the telemetry
/// tables; insights never reads provider internals.
/// </summary>
public interface IPerformanceDataSource
{
    /// <summary>Rollup rows whose bucket starts in <c>[from, to)</c>; both bounds are aligned to <paramref name="granularity"/>.</summary>
    Task<RollupSet> ReadRollupsAsync(
        DateTimeOffset from, DateTimeOffset to, RollupGranularity granularity, RollupKinds kinds, CancellationToken cancellationToken = default);

    /// <summary>Records with a timestamp in <c>[from, to)</c> of the given kinds (<see cref="RecordKinds"/>), in time order, streamed.</summary>
    IAsyncEnumerable<ExportRecord> ReadRecordsAsync(
        DateTimeOffset from, DateTimeOffset to, IReadOnlySet<string> kinds, CancellationToken cancellationToken = default);

    Task<LiveTelemetryStatus> ReadLiveStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Free-tier use in the calendar month (UTC) holding <paramref name="now"/>.</summary>
    Task<IReadOnlyList<FreeTierStatus>> ReadFreeTiersAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
