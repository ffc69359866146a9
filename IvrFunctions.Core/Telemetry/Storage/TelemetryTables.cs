using Azure.Data.Tables;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry.Rollups;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Telemetry.Storage;

/// <summary>
/// The records table and the two rollup tables (minute rows, hour rows) named by <see cref="TelemetryOptions"/>, created on
/// first use. Minute and hour rows live apart so each read and each retention sweep only touches rows of its granularity.
/// </summary>
public sealed class TelemetryTables
{
    volatile bool _created;

    public TelemetryTables(StorageAccount storage, IOptions<TelemetryOptions> options)
        : this(storage.Tables, options.Value)
    {
    }

    public TelemetryTables(TableServiceClient service, TelemetryOptions options)
    {
        Service = service;
        Records = service.GetTableClient(options.RecordsTable);
        MinuteRollups = service.GetTableClient(options.RollupsTable);
        HourlyRollups = service.GetTableClient(options.HourlyRollupsTable);
    }

    public TableServiceClient Service { get; }

    public TableClient Records { get; }

    public TableClient MinuteRollups { get; }

    public TableClient HourlyRollups { get; }

    public TableClient Rollups(RollupGranularity granularity) => granularity == RollupGranularity.Minute ? MinuteRollups : HourlyRollups;

    /// <summary>The rollup table a rollup partition key (<c>m...</c> or <c>h...</c>) belongs to.</summary>
    public TableClient RollupsFor(string partitionKey) => partitionKey.StartsWith('m') ? MinuteRollups : HourlyRollups;

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        if (_created)
        {
            return;
        }

        await Records.CreateIfNotExistsAsync(cancellationToken);
        await MinuteRollups.CreateIfNotExistsAsync(cancellationToken);
        await HourlyRollups.CreateIfNotExistsAsync(cancellationToken);
        _created = true;
    }

    /// <summary>Forgets that the tables exist (after a "table not found"), so the next write creates them again.</summary>
    public void Reset() => _created = false;
}
