using Azure.Data.Tables;
using IvrFunctions.Core.Storage;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Telemetry.Storage;

/// <summary>The records and rollups tables named by <see cref="TelemetryOptions"/>, created on first use.</summary>
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
        Rollups = service.GetTableClient(options.RollupsTable);
    }

    public TableServiceClient Service { get; }

    public TableClient Records { get; }

    public TableClient Rollups { get; }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        if (_created)
        {
            return;
        }

        await Records.CreateIfNotExistsAsync(cancellationToken);
        await Rollups.CreateIfNotExistsAsync(cancellationToken);
        _created = true;
    }

    /// <summary>Forgets that the tables exist (after a "table not found"), so the next write creates them again.</summary>
    public void Reset() => _created = false;
}
