using System.Runtime.CompilerServices;
using IvrFunctions.Core.Insights.Aggregation;
using IvrFunctions.Core.Insights.Contracts;
using IvrFunctions.Core.Telemetry.Rollups;

namespace IvrFunctions.Tests.Insights;

/// <summary>Produces any number of records lazily (no storage), counting how many the export has pulled so far.</summary>
sealed class SyntheticRecordSource(long count) : IPerformanceDataSource
{
    long _produced;

    public long Produced => Interlocked.Read(ref _produced);

    public async IAsyncEnumerable<ExportRecord> ReadRecordsAsync(
        DateTimeOffset from, DateTimeOffset to, IReadOnlySet<string> kinds, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (long i = 0; i < count; i++)
        {
            if (i % 1000 == 0)
            {
                await Task.Yield();
                cancellationToken.ThrowIfCancellationRequested();
            }

            Interlocked.Increment(ref _produced);
            yield return new ExportRecord("stage", from.AddMilliseconds(i), "stt", $"call-{i / 10}", $"turn-{i}", true, 812.5 + (i % 1000),
                Provider: "google", Model: "latest_short", Attempt: 1, Caller: "hash:0123456789abcdef", Language: "en-IN");
        }
    }

    public Task<RollupSet> ReadRollupsAsync(DateTimeOffset from, DateTimeOffset to, RollupGranularity granularity, RollupKinds kinds,
        CancellationToken cancellationToken = default) => Task.FromResult(new RollupSet());

    public Task<LiveTelemetryStatus> ReadLiveStatusAsync(CancellationToken cancellationToken = default) => Task.FromResult(new LiveTelemetryStatus(0, 0));

    public Task<IReadOnlyList<FreeTierStatus>> ReadFreeTiersAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<FreeTierStatus>>([]);
}
