using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using IvrFunctions.Core.Telemetry.Storage;
using IvrFunctions.SelfHost.Azurite;
using Microsoft.Extensions.Time.Testing;

namespace IvrFunctions.Benchmarks;

/// <summary>
/// Flush throughput into Azurite: each iteration fills the buffer with <see cref="Records"/> records of the usual mix
/// spread over five minutes (setup, not measured), then times <see cref="TelemetryFlusher.FlushAsync"/> writing them and
/// their rollups. The result is per record (OperationsPerInvoke), so records/s = 1 s / mean.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 4)]
public class FlushBenchmarks
{
    public const int RecordCount = 20_000;

    AzuriteProcess _azurite = null!;
    Azure.Data.Tables.TableServiceClient _service = null!;
    TelemetryFixture? _fixture;
    int _iteration;

    [Params(RecordCount)]
    public int Records { get; set; }

    [Params(4, 8)]
    public int WriteParallelism { get; set; }

    [GlobalSetup]
    public async Task Setup() => (_azurite, _service) = await TelemetryFixture.StartAzuriteAsync();

    [GlobalCleanup]
    public async Task Cleanup() => await _azurite.DisposeAsync();

    [IterationSetup]
    public void Fill()
    {
        _fixture?.Dispose();
        var options = TelemetryFixture.NewOptions("flush");
        options.WriteParallelism = WriteParallelism;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        _fixture = new TelemetryFixture(options, time, _service);
        _fixture.Tables!.EnsureCreatedAsync().GetAwaiter().GetResult();
        RecordMix.Record(_fixture.Telemetry, time, Records, TimeSpan.FromMilliseconds(15), ++_iteration);
    }

    [Benchmark(OperationsPerInvoke = RecordCount)]
    public async Task<int> Flush()
    {
        var written = await _fixture!.Flusher!.FlushAsync();
        return written == Records ? written : throw new InvalidOperationException($"wrote {written} of {Records}");
    }
}
