namespace IvrFunctions.Core.Storage;

/// <summary>Every table and blob container the product owns, so provisioning and health checks see the same list.</summary>
public static class StorageNames
{
    public const string SessionsTable = "IvrSessions";

    /// <summary>Raw telemetry records (stage, usage, cache, session, error), partitioned by kind and hour.</summary>
    public const string TelemetryRecordsTable = "IvrTelemetryRecords";

    /// <summary>Telemetry rollups per minute and hour bucket, one row per writer shard.</summary>
    public const string TelemetryRollupsTable = "IvrTelemetryRollups";

    public const string TurnsTable = "IvrTurns";

    public static readonly IReadOnlyList<string> Tables = [SessionsTable, TurnsTable, TelemetryRecordsTable, TelemetryRollupsTable];

    public const string AnswersContainer = "answers";

    public static readonly IReadOnlyList<string> Containers = [AnswersContainer];
}
