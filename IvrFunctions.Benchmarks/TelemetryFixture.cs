using System.Diagnostics.Metrics;
using Azure.Data.Tables;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Health;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Costs;
using IvrFunctions.Core.Telemetry.Privacy;
using IvrFunctions.Core.Telemetry.Storage;
using IvrFunctions.SelfHost.Azurite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Benchmarks;

/// <summary>The telemetry pieces one host wires up, built by hand for the benchmarks (same classes, same settings).</summary>
sealed class TelemetryFixture : IDisposable
{
    readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public TelemetryFixture(TelemetryOptions options, TimeProvider time, TableServiceClient? service = null)
    {
        Options = options;
        Instruments = new TelemetryInstruments(_metrics.GetRequiredService<IMeterFactory>());
        Buffer = new TelemetryBuffer(Microsoft.Extensions.Options.Options.Create(options), Instruments);
        Telemetry = new TableTelemetry(Buffer, Instruments, new CostCalculator(new PriceTable(PriceTable.DefaultRows)),
            new CallerNumberHasher("benchmark-caller-hash-key-0123456789"), new HostInfo("benchmark"), time);
        if (service is not null)
        {
            Tables = new TelemetryTables(service, options);
            Flusher = new TelemetryFlusher(Buffer, Tables, Microsoft.Extensions.Options.Options.Create(options), Instruments, time, NullLogger<TelemetryFlusher>.Instance);
            Reader = new TelemetryReader(Tables);
        }
    }

    public TelemetryOptions Options { get; }

    /// <summary>Another recorder into this fixture's buffer with its own clock (one caller among several on one instance).</summary>
    public TableTelemetry TelemetryAt(TimeProvider time) =>
        new(Buffer, Instruments, new CostCalculator(new PriceTable(PriceTable.DefaultRows)), new CallerNumberHasher("benchmark-caller-hash-key-0123456789"),
            new HostInfo("benchmark"), time);

    public TelemetryInstruments Instruments { get; }

    public TelemetryBuffer Buffer { get; }

    public TableTelemetry Telemetry { get; }

    public TelemetryTables? Tables { get; }

    public TelemetryFlusher? Flusher { get; }

    public TelemetryReader? Reader { get; }

    public static TelemetryOptions NewOptions(string prefix, int capacity = 100_000) => new()
    {
        RecordsTablePrefix = prefix + "rec" + Guid.NewGuid().ToString("N")[..12],
        RollupsTable = prefix + "rol" + Guid.NewGuid().ToString("N")[..12],
        HourlyRollupsTable = prefix + "hrl" + Guid.NewGuid().ToString("N")[..12],
        CallerHashKey = "benchmark-caller-hash-key-0123456789",
        BufferCapacity = capacity,
    };

    /// <summary>A private in-memory Azurite on free ports, and the table service the hosts would build for it.</summary>
    public static async Task<(AzuriteProcess Azurite, TableServiceClient Service)> StartAzuriteAsync()
    {
        var settings = new AzuriteSettings(AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), DataFolder: null);
        var azurite = await AzuriteProcess.StartAsync(settings);
        var account = new StorageAccount(Microsoft.Extensions.Options.Options.Create(new StorageOptions { ConnectionString = settings.ConnectionString }));
        return (azurite, account.Tables);
    }

    public void Dispose() => _metrics.Dispose();
}
