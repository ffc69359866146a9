using System.Runtime.CompilerServices;
using IvrFunctions.Core.Insights.Contracts;

namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>
/// The data source used when no telemetry reader is registered: every window is empty. The telemetry registration replaces
/// it with the reader over the telemetry tables.
/// </summary>
public sealed class NoTelemetryDataSource : IPerformanceDataSource
{
    public Task<RollupSet> ReadRollupsAsync(
        DateTimeOffset from, DateTimeOffset to, RollupGranularity granularity, RollupKinds kinds, CancellationToken cancellationToken = default) =>
        Task.FromResult(new RollupSet());

    public async IAsyncEnumerable<ExportRecord> ReadRecordsAsync(
        DateTimeOffset from, DateTimeOffset to, IReadOnlySet<string> kinds, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        yield break;
    }

    public Task<LiveTelemetryStatus> ReadLiveStatusAsync(CancellationToken cancellationToken = default) => Task.FromResult(new LiveTelemetryStatus(0, 0));

    public Task<IReadOnlyList<FreeTierStatus>> ReadFreeTiersAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<FreeTierStatus>>([]);
}
