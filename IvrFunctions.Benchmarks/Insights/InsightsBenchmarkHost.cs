using System.Net.Http.Headers;
using Azure.Data.Tables;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Rollups;
using IvrFunctions.Core.Telemetry.Storage;
using IvrFunctions.SelfHost.Azurite;
using IvrFunctions.SelfHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace IvrFunctions.Benchmarks.Insights;

/// <summary>
/// A private Azurite, telemetry tables seeded for a window, and the real SelfHost over them on loopback with its clock
/// fixed at the window's end: what the dashboard and scripts call, measured end to end over HTTP.
/// </summary>
sealed class InsightsBenchmarkHost : IAsyncDisposable
{
    const string Key = "benchmark-function-key-0123456789";

    AzuriteProcess _azurite = null!;
    WebApplication _app = null!;

    public HttpClient Client { get; private set; } = null!;

    public TableServiceClient Service { get; private set; } = null!;

    public int AzuriteProcessId => _azurite.ProcessId;

    public TelemetryOptions Options { get; } = TelemetryFixture.NewOptions("ins", capacity: 100_000);

    public async Task StartAzuriteAsync()
    {
        (_azurite, var service) = await TelemetryFixture.StartAzuriteAsync();
        Service = service;
        await new TelemetryTables(service, Options).EnsureCreatedAsync();
    }

    /// <summary>
    /// Seeds the rollups of <paramref name="count"/> records of the usual mix spread evenly over <c>[end - span, end)</c>, as two
    /// writers' flushers would leave them (rows only; raw records are not needed by the dashboard).
    /// </summary>
    public async Task SeedRollupsAsync(int count, DateTimeOffset end, TimeSpan span)
    {
        var time = new FakeTimeProvider(end - span);
        using var fixture = new TelemetryFixture(Options, time);
        var accumulators = new[] { new RollupAccumulator("writer0"), new RollupAccumulator("writer1") };
        var step = TimeSpan.FromTicks(span.Ticks / count / 2); // stages also advance the clock by their own duration
        const int chunk = 10_000;
        for (var done = 0; done < count; done += chunk)
        {
            RecordMix.Record(fixture.Telemetry, time, Math.Min(chunk, count - done), step, seed: done / chunk);
            var records = new List<TelemetryRecord>(chunk);
            while (fixture.Buffer.Reader.TryRead(out var record))
            {
                if (record.Timestamp < end)
                {
                    records.Add(record);
                }
            }

            var accumulator = accumulators[(done / chunk) % accumulators.Length];
            accumulator.Apply(accumulator.TargetsFor(records, 0, time.GetUtcNow()));
        }

        var tables = new TelemetryTables(Service, Options);
        foreach (var accumulator in accumulators)
        {
            var rows = accumulator.DirtyRows().Select(r => r.Entity).GroupBy(e => e.PartitionKey).SelectMany(g => g.Chunk(100)).ToList();
            await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (batch, token) =>
                await tables.RollupsFor(batch[0].PartitionKey).SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), token));
        }
    }

    /// <summary>
    /// Seeds <paramref name="count"/> records over <c>[start, ...)</c> through the real flusher (raw records and their rollups);
    /// returns the time of the last one.
    /// </summary>
    /// <summary>
    /// Seeds <paramref name="count"/> records of <see cref="RecordMix"/> from <paramref name="start"/> as production writes them:
    /// each writer (one instance) flushes what its <paramref name="calls"/> concurrent callers recorded every second of
    /// simulated time (the default <c>FlushInterval</c>), through the real flusher, so record chunks and rollups are what a
    /// live instance leaves. Each caller advances its own clock by <paramref name="step"/> plus its stages' durations per
    /// record. <paramref name="writers"/> writers seed consecutive stretches of time side by side (only to seed faster).
    /// Returns the latest time any caller reached.
    /// </summary>
    public async Task<DateTimeOffset> SeedRecordsAsync(int count, DateTimeOffset start, TimeSpan step, int calls = 1, int writers = 4)
    {
        Options.WriteParallelism = 8;
        var perCaller = Math.Max(1, count / writers / calls);
        var stretch = (step + RecordMix.OwnTimePerRecord) * perCaller; // about how long a writer's share lasts
        var ends = await Task.WhenAll(Enumerable.Range(0, writers).Select(w =>
        {
            var share = (count / writers) + (w < count % writers ? 1 : 0);
            return SeedWriterAsync(share, start + (stretch * w), step, calls, seed: 1000 * (w + 1));
        }));
        return ends.Max();
    }

    async Task<DateTimeOffset> SeedWriterAsync(int count, DateTimeOffset start, TimeSpan step, int calls, int seed)
    {
        var flushClock = new FakeTimeProvider(start);
        using var fixture = new TelemetryFixture(Options, flushClock, Service);
        var callers = Enumerable.Range(0, calls).Select(c =>
        {
            var time = new FakeTimeProvider(start);
            return (Telemetry: fixture.TelemetryAt(time), Time: time, Random: new Random(seed + c), Seed: seed + c);
        }).ToList();
        var recorded = 0;
        var sliceEnd = start;
        while (recorded < count)
        {
            sliceEnd += TimeSpan.FromSeconds(1);
            foreach (var caller in callers)
            {
                while (recorded < count && caller.Time.GetUtcNow() < sliceEnd)
                {
                    RecordMix.RecordOne(caller.Telemetry, caller.Time, caller.Random, recorded, caller.Seed);
                    caller.Time.Advance(step);
                    recorded++;
                }
            }

            flushClock.SetUtcNow(sliceEnd);
            await fixture.Flusher!.FlushAsync();
        }

        return callers.Max(c => c.Time.GetUtcNow());
    }

    public async Task StartHostAsync(DateTimeOffset now)
    {
        var time = new FakeTimeProvider(now);
        _app = SelfHostApplication.Build(
            [
                "--urls=http://127.0.0.1:0",
                "--environment=Benchmark",
                $"--AzureWebJobsStorage={_azurite.Settings.ConnectionString}",
                $"--Ivr:FunctionKey={Key}",
                $"--Telemetry:CallerHashKey={Options.CallerHashKey}",
                $"--Telemetry:RecordsTablePrefix={Options.RecordsTablePrefix}",
                $"--Telemetry:RollupsTable={Options.RollupsTable}",
                $"--Telemetry:HourlyRollupsTable={Options.HourlyRollupsTable}",
                "--Alerts:Enabled=false",
                "--Logging:LogLevel:Default=Warning",
            ],
            services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(time)));
        await _app.StartAsync();
        Client = new HttpClient { BaseAddress = LoopbackWebApp.AddressOf(_app.Services), Timeout = TimeSpan.FromMinutes(10) };
        Client.DefaultRequestHeaders.Add("x-functions-key", Key);
        Client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
