using IvrFunctions.Core.Storage;

namespace IvrFunctions.Core.Telemetry;

/// <summary>How telemetry is buffered, flushed, kept and protected (section <c>Telemetry</c>).</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>
    /// Name prefix of the raw-record tables, one per UTC hour (<c>{prefix}{yyyyMMddHH}</c>): letters and digits, starting with
    /// a letter, at most 53 characters. The default value is <see cref="StorageNames.TelemetryRecordsTablePrefix"/>.
    /// </summary>
    public string RecordsTablePrefix { get; set; } = StorageNames.TelemetryRecordsTablePrefix;

    /// <summary>Table for minute rollups. The default value is <see cref="StorageNames.TelemetryRollupsTable"/>.</summary>
    public string RollupsTable { get; set; } = StorageNames.TelemetryRollupsTable;

    /// <summary>Table for hour rollups. The default value is <see cref="StorageNames.TelemetryHourlyRollupsTable"/>.</summary>
    public string HourlyRollupsTable { get; set; } = StorageNames.TelemetryHourlyRollupsTable;

    /// <summary>Records held in memory while waiting for storage; beyond it new records are dropped and counted. The default value is 100,000.</summary>
    public int BufferCapacity { get; set; } = 100_000;

    /// <summary>Most records taken from the buffer per flush cycle. The default value is 2,000.</summary>
    public int MaxBatchRecords { get; set; } = 2_000;

    /// <summary>How often the flusher writes when records trickle in. The default value is 1 second.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between attempts while storage fails. The default value is 15 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Most entity-group transactions sent at once, used when a backlog builds (a steady flush sends one at a time). The default value is 8.</summary>
    public int WriteParallelism { get; set; } = 8;

    /// <summary>How long a stopping host keeps trying to write what is buffered. The default value is 10 seconds.</summary>
    public TimeSpan ShutdownFlushTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Days raw records and minute rollups are kept. The default value is 30.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>Days hour rollups are kept (they are small and feed monthly reports). The default value is 400.</summary>
    public int RollupRetentionDays { get; set; } = 400;

    /// <summary>
    /// Key for the HMAC-SHA256 hash that replaces caller numbers. Required outside Development; in Development an empty value
    /// is generated once and stored in the user's local data folder.
    /// </summary>
    public string? CallerHashKey { get; set; }

    /// <summary>Names this writer's rollup shard; empty picks a unique id per process (the usual choice).</summary>
    public string? WriterId { get; set; }
}
