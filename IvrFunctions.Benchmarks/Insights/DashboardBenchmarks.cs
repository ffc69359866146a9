using BenchmarkDotNet.Attributes;

namespace IvrFunctions.Benchmarks.Insights;

/// <summary>
/// <c>GET /api/performance/dashboard?window=24h</c> over HTTP against the SelfHost on Azurite, with 10k vs 1M records in the
/// window (their rollups, as two writers leave them). Now is 00:30; the 24 h window is shown in hour
/// buckets: the preset starts on the hour and the current hour comes from its hour rollup, so only hour rows are read.
/// Target: ≤ 300 ms, independent of the count. Run in process (the build of a separate benchmark exe times out on the
/// shared build machine): <c>-- --filter '*DashboardBenchmarks*' --inProcess --strategy Monitoring --warmupCount 3 --iterationCount 15</c>.
/// </summary>
public class DashboardBenchmarks
{
    static readonly DateTimeOffset Now = new(2026, 11, 24, 0, 30, 0, TimeSpan.Zero);

    InsightsBenchmarkHost _host = null!;

    [Params(10_000, 1_000_000)]
    public int RecordCount { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _host = new InsightsBenchmarkHost();
        await _host.StartAzuriteAsync();
        await _host.SeedRollupsAsync(RecordCount, Now, TimeSpan.FromHours(24));
        await _host.StartHostAsync(Now);
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _host.DisposeAsync();

    [Benchmark(Description = "GET dashboard?window=24h")]
    public async Task<int> Dashboard24h() => (await _host.Client.GetByteArrayAsync(new Uri("/api/performance/dashboard?window=24h", UriKind.Relative))).Length;
}
