using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace IvrFunctions.Benchmarks.Insights;

/// <summary>
/// <c>POST /api/performance/export</c> (CSV and JSON, all kinds) of a window holding <see cref="Records"/> raw records, over
/// HTTP from the SelfHost reading Azurite, read to the end by the client. Records/s = Records / mean. Target ≥ 20,000/s.
/// Peak memory is measured by <see cref="ExportMemoryProbe"/> (BenchmarkDotNet reports allocations, not peak).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class ExportBenchmarks
{
    public const int Records = 100_000;
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    InsightsBenchmarkHost _host = null!;

    [Params("csv", "json")]
    public string Format { get; set; } = "csv";

    [GlobalSetup]
    public async Task Setup()
    {
        _host = new InsightsBenchmarkHost();
        await _host.StartAzuriteAsync();
        await _host.SeedRecordsAsync(Records, Start, TimeSpan.FromMilliseconds(20));
        await _host.StartHostAsync(Start.AddHours(6));
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _host.DisposeAsync();

    [Benchmark(Description = "POST export, 100k records, streamed")]
    public async Task<long> Export()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/performance/export?window=24h&format={Format}", UriKind.Relative));
        using var response = await _host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = await body.ReadAsync(buffer)) > 0)
        {
            total += n;
        }

        return total;
    }
}
