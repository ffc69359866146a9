namespace IvrFunctions.Core.Telemetry;

/// <summary>The kinds of raw record; each is its own run of partitions (<c>{kind}-{yyyyMMddHHmm}</c>) in the records table.</summary>
public enum TelemetryRecordKind
{
    Stage = 1,
    Usage,
    Cache,
    Session,
    Error,
}
