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
/// The raw-record tables, one per UTC hour (<c>{prefix}{yyyyMMddHH}</c>, e.g. <c>IvrTelemetryRecords2026112409</c>, created
/// when the hour's first record is written), and the two rollup tables (minute rows, hour rows) named by
/// <see cref="TelemetryOptions"/>.
/// <para>
/// Why a table per hour: a query's cost on Azurite grows with the whole table it runs against (every page filters every
/// stored row), so one table for 30 days made a long export slower per page the more was stored. An hour's table holds only
/// that hour (as chunk rows, so even a busy hour is few rows), so an export's pages cost the same however much else is kept,
/// and retention drops whole tables instead of deleting rows. All kinds share the hour's table, so a quiet hour is read with
/// one query. Minute and hour rollups live apart so each read and each retention sweep only touches rows of its granularity.
/// </para>
/// </summary>
public sealed class TelemetryTables
{
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

    /// <summary>The name of the table holding records of the hour containing <paramref name="time"/>.</summary>
    public string RecordsTableName(DateTimeOffset time) => RecordsTablePrefix + TimeBuckets.Format(time, TimeBuckets.HourFormat);

    /// <summary>The table holding records of the hour containing <paramref name="time"/> (it may not exist).</summary>
    public TableClient RecordsFor(DateTimeOffset time) => Service.GetTableClient(RecordsTableName(time));

    /// <summary>The hour's record table, created first unless this process already made sure it exists.</summary>
    public async Task<TableClient> EnsureRecordsTableAsync(DateTimeOffset time, CancellationToken cancellationToken = default)
    {
        var table = RecordsFor(time);
        if (!_createdRecordTables.ContainsKey(table.Name))
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            if (_createdRecordTables.Count > 48)
            {
                _createdRecordTables.Clear(); // a long-running writer moves on hour by hour; forgetting only costs one more create
            }

            _createdRecordTables.TryAdd(table.Name, 0);
        }

        return table;
    }

    /// <summary>
    /// The start of every hour overlapping <c>[from, to)</c> that has a record table, in time order: one query of the table
    /// list, so a window's empty hours cost nothing. Other tables whose names merely start with the prefix are ignored.
    /// </summary>
    public Task<IReadOnlyList<DateTimeOffset>> ListRecordHoursAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        to <= from
            ? Task.FromResult<IReadOnlyList<DateTimeOffset>>([])
            : ListRecordHoursAsync(TableClient.CreateQueryFilter($"TableName ge {RecordsTableName(from)} and TableName le {RecordsTableName(to - TimeSpan.FromTicks(1))}"),
                cancellationToken);

    /// <summary>The start of every hour before the hour containing <paramref name="before"/> that has a record table (retention's list).</summary>
    public Task<IReadOnlyList<DateTimeOffset>> ListRecordHoursBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        ListRecordHoursAsync(TableClient.CreateQueryFilter($"TableName ge {RecordsTablePrefix + "0"} and TableName lt {RecordsTableName(TimeBuckets.Floor(before, RollupGranularity.Hour))}"),
            cancellationToken);

    /// <summary>Drops the record table of the hour containing <paramref name="time"/>; true when it existed.</summary>
    public async Task<bool> DropRecordsTableAsync(DateTimeOffset time, CancellationToken cancellationToken = default)
    {
        var name = RecordsTableName(time);
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

    async Task<IReadOnlyList<DateTimeOffset>> ListRecordHoursAsync(string filter, CancellationToken cancellationToken)
    {
        var hours = new List<DateTimeOffset>();
        await foreach (var table in Service.QueryAsync(filter, cancellationToken: cancellationToken))
        {
            if (TryParseHour(table.Name, out var hour))
            {
                hours.Add(hour);
            }
        }

        hours.Sort();
        return hours;
    }

    /// <summary>Reads <c>{prefix}{yyyyMMddHH}</c>; false for any other name.</summary>
    bool TryParseHour(string tableName, out DateTimeOffset hour)
    {
        hour = default;
        var suffix = tableName.AsSpan(Math.Min(tableName.Length, RecordsTablePrefix.Length));
        if (tableName.Length != RecordsTablePrefix.Length + TimeBuckets.HourFormat.Length
            || !tableName.StartsWith(RecordsTablePrefix, StringComparison.OrdinalIgnoreCase)
            || suffix.ContainsAnyExcept("0123456789")
            || !DateTime.TryParseExact(suffix, TimeBuckets.HourFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }

        hour = new DateTimeOffset(parsed, TimeSpan.Zero);
        return true;
    }
}
