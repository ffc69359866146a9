using Microsoft.Extensions.Logging;

namespace IvrFunctions.Core.Telemetry.Storage;

static partial class TelemetryLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning,
        Message = "Telemetry storage unavailable ({Error}); {Buffered} records buffered, retrying in {DelaySeconds} s. Records beyond the buffer of {Capacity} are dropped and counted")]
    public static partial void StorageUnavailable(ILogger logger, string error, int buffered, double delaySeconds, int capacity);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Telemetry storage reachable again; {Dropped} records dropped in total so far")]
    public static partial void StorageRecovered(ILogger logger, long dropped);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "Telemetry record rejected by storage and skipped ({Status} {Error}): partition {PartitionKey}")]
    public static partial void RecordRejected(ILogger logger, int status, string error, string partitionKey);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Telemetry shutdown flush incomplete: {Remaining} records not written ({Error})")]
    public static partial void ShutdownFlushIncomplete(ILogger logger, int remaining, string error);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Telemetry retention: dropped {RecordTables} hourly record tables and deleted {Rollups} rollup rows older than {Cutoff:o}")]
    public static partial void RetentionDone(ILogger logger, long recordTables, long rollups, DateTimeOffset cutoff);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Telemetry retention failed ({Error}); the next run retries")]
    public static partial void RetentionFailed(ILogger logger, string error);
}
