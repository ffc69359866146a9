using Azure.Data.Tables;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Rollups;
using IvrFunctions.Core.Telemetry.Storage;
using IvrFunctions.SelfHost.Azurite;
using Microsoft.Extensions.Time.Testing;

namespace IvrFunctions.Benchmarks;

/// <summary>
/// Reading a 24 h window of rollups when 10k vs 1M records were recorded in it. Seeding: records of the usual mix are
/// captured through <see cref="TableTelemetry"/> (timestamps spread evenly over 24 h) and dealt round-robin to two
/// writers' rollup accumulators, exactly as their flushers would apply them, but only the rollup rows are written to Azurite (the raw records table is
/// not needed for this read, and writing 1M raw rows would only lengthen setup).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 8)]
public class RollupReadBenchmarks
{
    const int Writers = 2;
    static readonly DateTimeOffset WindowStart = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    AzuriteProcess _azurite = null!;
    TelemetryReader _reader = null!;

    [Params(10_000, 1_000_000)]
    public int RecordCount { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        (_azurite, var service) = await TelemetryFixture.StartAzuriteAsync();
        var options = TelemetryFixture.NewOptions("read", capacity: 50_000);
        var tables = new TelemetryTables(service, options);
        await tables.EnsureCreatedAsync();
        _reader = new TelemetryReader(tables);

        var time = new FakeTimeProvider(WindowStart);
        using var fixture = new TelemetryFixture(options, time);
        var accumulators = Enumerable.Range(0, Writers).Select(w => new RollupAccumulator($"writer{w}")).ToArray();
        var step = TimeSpan.FromTicks(TimeSpan.FromHours(24).Ticks / RecordCount);
        const int chunk = 10_000;
        for (var done = 0; done < RecordCount; done += chunk)
        {
            RecordMix.Record(fixture.Telemetry, time, chunk, step, seed: done / chunk);
            var records = new List<TelemetryRecord>(chunk);
            while (fixture.Buffer.Reader.TryRead(out var record))
            {
                records.Add(record);
            }

            // Every writer gets a share of every stretch of time, as hosts behind one load balancer would.
            for (var w = 0; w < Writers; w++)
            {
                var share = records.Where((_, i) => i % Writers == w).ToList();
                accumulators[w].Apply(accumulators[w].TargetsFor(share, 0, time.GetUtcNow()));
            }
        }

        foreach (var accumulator in accumulators)
        {
            var rows = accumulator.DirtyRows().Select(r => r.Entity).GroupBy(e => e.PartitionKey).SelectMany(g => g.Chunk(100)).ToList();
            await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (batch, token) =>
                await tables.RollupsFor(batch[0].PartitionKey).SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), token));
        }

        // Printed into the BenchmarkDotNet log: what each read returns, and how many rows the table holds.
        var hourRows = 0;
        var minuteRows = 0;
        await foreach (var _ in _reader.ReadRollupRowsAsync(WindowStart, WindowStart.AddHours(24), RollupGranularity.Hour))
        {
            hourRows++;
        }

        await foreach (var _ in _reader.ReadRollupRowsAsync(WindowStart, WindowStart.AddHours(24), RollupGranularity.Minute))
        {
            minuteRows++;
        }

        var merged = (await _reader.ReadRollupsAsync(WindowStart, WindowStart.AddHours(24), RollupGranularity.Hour)).Count;
        Console.WriteLine($"// SEED records={RecordCount} hour rows={hourRows} (merged {merged}) minute rows={minuteRows}");
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _azurite.DisposeAsync();

    [Benchmark(Description = "ReadRollupsAsync, 24 h, hour buckets")]
    public async Task<int> Read24hHourBuckets() => (await _reader.ReadRollupsAsync(WindowStart, WindowStart.AddHours(24), RollupGranularity.Hour)).Count;

    [Benchmark(Description = "ReadRollupsAsync, 24 h, minute buckets")]
    public async Task<int> Read24hMinuteBuckets() => (await _reader.ReadRollupsAsync(WindowStart, WindowStart.AddHours(24), RollupGranularity.Minute)).Count;
}
