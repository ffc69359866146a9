using System.Diagnostics.Metrics;
using Azure.Data.Tables;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Health;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Costs;
using IvrFunctions.Core.Telemetry.Privacy;
using IvrFunctions.Core.Telemetry.Storage;
using IvrFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Tests.Telemetry;

/// <summary>
/// One writer as a host would have it (capture, buffer, flusher) over tables named for one test. Several harnesses over the
/// same tables behave like several hosts.
/// </summary>
sealed class TelemetryHarness : IDisposable
{
    public const string CallerHashKey = "harness-caller-hash-key-0123456789";

    readonly ServiceProvider _metrics;

    public TelemetryHarness(TableServiceClient service, TelemetryOptions options, TimeProvider time, IEnumerable<PriceRow>? prices = null)
    {
        Options = options;
        Time = time;
        _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
        Instruments = new TelemetryInstruments(_metrics.GetRequiredService<IMeterFactory>());
        Buffer = new TelemetryBuffer(Microsoft.Extensions.Options.Options.Create(options), Instruments);
        Prices = new PriceTable(prices ?? PriceTable.DefaultRows);
        Hasher = new CallerNumberHasher(CallerHashKey);
        Telemetry = new TableTelemetry(Buffer, Instruments, new CostCalculator(Prices), Hasher, new HostInfo("test"), time);
        Tables = new TelemetryTables(service, options);
        Flusher = new TelemetryFlusher(Buffer, Tables, Microsoft.Extensions.Options.Options.Create(options), Instruments, time, NullLogger<TelemetryFlusher>.Instance);
        Reader = new TelemetryReader(Tables);
    }

    public TelemetryOptions Options { get; }

    public TimeProvider Time { get; }

    public TelemetryInstruments Instruments { get; }

    public TelemetryBuffer Buffer { get; }

    public PriceTable Prices { get; }

    public CallerNumberHasher Hasher { get; }

    public TableTelemetry Telemetry { get; }

    public TelemetryTables Tables { get; }

    public TelemetryFlusher Flusher { get; }

    public TelemetryReader Reader { get; }

    public static TelemetryOptions NewOptions(string prefix) => new()
    {
        RecordsTablePrefix = TestAzurite.UniqueRecordsPrefix(prefix + "rec"),
        RollupsTable = TestAzurite.UniqueName(prefix + "rol"),
        HourlyRollupsTable = TestAzurite.UniqueName(prefix + "hrl"),
        CallerHashKey = CallerHashKey,
        FlushInterval = TimeSpan.FromMilliseconds(50),
        MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        ShutdownFlushTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>The table service as the hosts build it (same retry settings), for Azurite at <paramref name="connectionString"/>.</summary>
    public static async Task<TableServiceClient> ServiceAsync(string? connectionString = null) =>
        new StorageAccount(Microsoft.Extensions.Options.Options.Create(new StorageOptions
        {
            ConnectionString = connectionString ?? await TestAzurite.ConnectionStringAsync(),
        })).Tables;

    /// <summary>Every record of every kind in the window, read back from storage.</summary>
    public async Task<List<TelemetryRecord>> ReadAllAsync(DateTimeOffset from, DateTimeOffset to)
    {
        var all = new List<TelemetryRecord>();
        foreach (var kind in Enum.GetValues<TelemetryRecordKind>())
        {
            await foreach (var record in Reader.ReadRecordsAsync(kind, from, to))
            {
                all.Add(record);
            }
        }

        return all;
    }

    /// <summary>Takes what is buffered without storage (for tests of capture alone).</summary>
    public List<TelemetryRecord> DrainBuffer()
    {
        var records = new List<TelemetryRecord>();
        while (Buffer.Reader.TryRead(out var record))
        {
            records.Add(record);
        }

        return records;
    }

    public void Dispose() => _metrics.Dispose();
}
