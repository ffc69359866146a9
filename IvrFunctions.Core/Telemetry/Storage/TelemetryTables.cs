using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry.Rollups;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Telemetry.Storage;

/// <summary>
/// The raw-record tables, one per record kind and UTC hour (<c>{prefix}{kind}{yyyyMMddHH}</c>, e.g.
/// <c>IvrTelemetryRecordsstage2026112409</c>, created when its first record is written), and the two rollup tables (minute
/// rows, hour rows) named by <see cref="TelemetryOptions"/>.
/// <para>
/// Why a table per kind and hour: a query's cost on Azurite grows with the whole table it runs against (every page filters
/// every stored row), so one table for 30 days made a long export slower per page the more was stored. A kind's hour holds
/// only that, so an export's pages cost the same however much else is kept, and retention drops whole tables instead of
/// deleting rows. Minute and hour rollups live apart so each read and each retention sweep only touches rows of its granularity.
/// </para>
/// </summary>
public sealed class TelemetryTables
{
    static readonly TelemetryRecordKind[] Kinds = Enum.GetValues<TelemetryRecordKind>();
    static readonly string[] KindNames = [.. Kinds.Select(TelemetrySchema.KindName)];

    readonly ConcurrentDictionary<string, TableClient> _recordTables = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, byte> _createdRecordTables = new(StringComparer.Ordinal);
    volatile bool _created;

    public TelemetryTables(StorageAccount storage, IOptions<TelemetryOptions> options)
        : this(storage.Tables, options.Value)
    {
    }

    public TelemetryTables(TableServiceClient service, TelemetryOptions options)
    {
        Service = service;
        RecordsTablePrefix = options.RecordsTablePrefix;
        MinuteRollups = service.GetTableClient(options.RollupsTable);
        HourlyRollups = service.GetTableClient(options.HourlyRollupsTable);
    }

    public TableServiceClient Service { get; }

    /// <summary>What every raw-record table's name starts with; the hour (<c>yyyyMMddHH</c>, UTC) follows.</summary>
    public string RecordsTablePrefix { get; }

    public TableClient MinuteRollups { get; }

    public TableClient HourlyRollups { get; }

    public TableClient Rollups(RollupGranularity granularity) => granularity == RollupGranularity.Minute ? MinuteRollups : HourlyRollups;

    /// <summary>The rollup table a rollup partition key (<c>m...</c> or <c>h...</c>) belongs to.</summary>
    public TableClient RollupsFor(string partitionKey) => partitionKey.StartsWith('m') ? MinuteRollups : HourlyRollups;

    /// <summary>The name of the table holding <paramref name="kind"/>'s records of the hour containing <paramref name="time"/>.</summary>
    public string RecordsTableName(TelemetryRecordKind kind, DateTimeOffset time) =>
        RecordsTablePrefix + TelemetrySchema.KindName(kind) + TimeBuckets.Format(time, TimeBuckets.HourFormat);

    /// <summary>The table holding <paramref name="kind"/>'s records of the hour containing <paramref name="time"/> (it may not exist).</summary>
    public TableClient RecordsFor(TelemetryRecordKind kind, DateTimeOffset time) =>
        _recordTables.GetOrAdd(RecordsTableName(kind, time), static (name, service) => service.GetTableClient(name), Service);

    /// <summary>The kind's table for the hour, created first unless this process already made sure it exists.</summary>
    public async Task<TableClient> EnsureRecordsTableAsync(TelemetryRecordKind kind, DateTimeOffset time, CancellationToken cancellationToken = default)
    {
        var table = RecordsFor(kind, time);
        if (!_createdRecordTables.ContainsKey(table.Name))
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            if (_createdRecordTables.Count > 240)
            {
                _createdRecordTables.Clear(); // a long-running writer moves on hour by hour; forgetting only costs one more create
                _recordTables.Clear();
            }

            _createdRecordTables.TryAdd(table.Name, 0);
        }

        return table;
    }

    /// <summary>
    /// Every (kind, hour) of <paramref name="kinds"/> overlapping <c>[from, to)</c> that has a record table, in time order (kinds
    /// in <see cref="TelemetryRecordKind"/> order within an hour): one query of the table list, so a window's empty hours cost
    /// nothing. Other tables whose names merely start with the prefix are ignored.
    /// </summary>
    public async Task<IReadOnlyList<(TelemetryRecordKind Kind, DateTimeOffset Hour)>> ListRecordTablesAsync(IReadOnlyCollection<TelemetryRecordKind> kinds,
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        if (to <= from || kinds.Count == 0)
        {
            return [];
        }

        var filter = string.Join(" or ", kinds.Distinct().Select(kind => "(" + TableClient.CreateQueryFilter(
            $"TableName ge {RecordsTableName(kind, from)} and TableName le {RecordsTableName(kind, to - TimeSpan.FromTicks(1))}") + ")"));
        var tables = await ListRecordTablesAsync(filter, cancellationToken);
        return [.. tables.Where(t => kinds.Contains(t.Kind))];
    }

    /// <summary>Every (kind, hour) record table whose hour started before the hour containing <paramref name="before"/> (retention's list).</summary>
    public Task<IReadOnlyList<(TelemetryRecordKind Kind, DateTimeOffset Hour)>> ListRecordTablesBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var hour = TimeBuckets.Floor(before, RollupGranularity.Hour);
        return ListRecordTablesAsync(
            TableClient.CreateQueryFilter($"TableName ge {RecordsTablePrefix + "a"} and TableName lt {RecordsTablePrefix + "{"}"), cancellationToken, t => t.Hour < hour);
    }

    /// <summary>Drops the kind's record table of the hour containing <paramref name="time"/>; true when it existed.</summary>
    public async Task<bool> DropRecordsTableAsync(TelemetryRecordKind kind, DateTimeOffset time, CancellationToken cancellationToken = default)
    {
        var name = RecordsTableName(kind, time);
        _createdRecordTables.TryRemove(name, out _);
        try
        {
            await Service.DeleteTableAsync(name, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false; // already gone (another instance's retention run)
        }
    }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        if (_created)
        {
            return;
        }

        await MinuteRollups.CreateIfNotExistsAsync(cancellationToken);
        await HourlyRollups.CreateIfNotExistsAsync(cancellationToken);
        _created = true;
    }

    /// <summary>Forgets which tables exist (after a "table not found"), so the next write creates them again.</summary>
    public void Reset()
    {
        _created = false;
        _createdRecordTables.Clear();
    }

    async Task<IReadOnlyList<(TelemetryRecordKind Kind, DateTimeOffset Hour)>> ListRecordTablesAsync(string filter, CancellationToken cancellationToken,
        Func<(TelemetryRecordKind Kind, DateTimeOffset Hour), bool>? keep = null)
    {
        var tables = new List<(TelemetryRecordKind Kind, DateTimeOffset Hour)>();
        await foreach (var table in Service.QueryAsync(filter, cancellationToken: cancellationToken))
        {
            if (TryParse(table.Name, out var parsed) && (keep is null || keep(parsed)))
            {
                tables.Add(parsed);
            }
        }

        tables.Sort((a, b) => a.Hour != b.Hour ? a.Hour.CompareTo(b.Hour) : a.Kind.CompareTo(b.Kind));
        return tables;
    }

    /// <summary>Reads <c>{prefix}{kind}{yyyyMMddHH}</c>; false for any other name.</summary>
    bool TryParse(string tableName, out (TelemetryRecordKind Kind, DateTimeOffset Hour) table)
    {
        table = default;
        var length = TimeBuckets.HourFormat.Length;
        if (tableName.Length <= RecordsTablePrefix.Length + length || !tableName.StartsWith(RecordsTablePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var kind = Array.IndexOf(KindNames, tableName[RecordsTablePrefix.Length..^length]);
        var suffix = tableName.AsSpan(tableName.Length - length);
        if (kind < 0
            || suffix.ContainsAnyExcept("0123456789")
            || !DateTime.TryParseExact(suffix, TimeBuckets.HourFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }

        table = (Kinds[kind], new DateTimeOffset(parsed, TimeSpan.Zero));
        return true;
    }
}
