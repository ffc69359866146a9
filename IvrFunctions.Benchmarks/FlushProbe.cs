using System.Diagnostics;
using Azure.Data.Tables;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Storage;
using Microsoft.Extensions.Time.Testing;

namespace IvrFunctions.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project IvrFunctions.Benchmarks -- probe [records]</c>: one flush timed by hand, phase by
/// phase (raw transactions alone, then the whole flusher), for a quick look without BenchmarkDotNet's repetitions.
/// </summary>
static class FlushProbe
{
    /// <summary>User + system CPU seconds a process has used (Linux /proc), to separate its own cost from machine contention.</summary>
    internal static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (double.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + double.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
    }

    static readonly int[] ProbeParallelism = [4, 8];

    public static async Task RunAsync(int records)
    {
        var (azurite, service) = await TelemetryFixture.StartAzuriteAsync();
        await using var _ = azurite;
        foreach (var parallelism in ProbeParallelism)
        {
            var options = TelemetryFixture.NewOptions("probe");
            options.WriteParallelism = parallelism;
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
            using var fixture = new TelemetryFixture(options, time, service);
            await fixture.Tables!.EnsureCreatedAsync();
            RecordMix.Record(fixture.Telemetry, time, records, TimeSpan.FromMilliseconds(15), parallelism);

            // The same chunk rows written as bare transactions (no rollups), into a separate table.
            var copy = new List<TelemetryRecord>();
            while (fixture.Buffer.Reader.TryRead(out var record))
            {
                copy.Add(record);
            }

            var raw = service.GetTableClient("proberaw" + Guid.NewGuid().ToString("N")[..8]);
            await raw.CreateIfNotExistsAsync();
            var chunks = RecordChunkEntity.ToEntities(copy).GroupBy(e => e.PartitionKey).SelectMany(g => g.Chunk(64)).ToList();
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (chunk, token) =>
                await raw.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), token));
            var rawSeconds = watch.Elapsed.TotalSeconds;

            foreach (var record in copy)
            {
                fixture.Buffer.TryAdd(record);
            }

            var azuriteCpu = CpuSeconds(azurite.ProcessId);
            var ownCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
            watch.Restart();
            var written = await fixture.Flusher!.FlushAsync();
            var flushSeconds = watch.Elapsed.TotalSeconds;
            azuriteCpu = CpuSeconds(azurite.ProcessId) - azuriteCpu;
            ownCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - ownCpu;
            Console.WriteLine($"parallelism {parallelism}: raw transactions {records / rawSeconds:N0} records/s ({rawSeconds:N2} s); " +
                $"flusher {written / flushSeconds:N0} records/s ({flushSeconds:N2} s wall, {written} records with rollups); " +
                $"CPU: Azurite {azuriteCpu:N2} s ({written / azuriteCpu:N0} records per Azurite CPU-second), flusher process {ownCpu:N2} s");
        }
    }
}
