namespace IvrFunctions.Core.Storage;

/// <summary>Every table and blob container the product owns, so provisioning and health checks see the same list.</summary>
public static class StorageNames
{
    public const string SessionsTable = "IvrSessions";

    /// <summary>Raw telemetry records (stage, usage, cache, session, error), partitioned by kind and minute.</summary>
    public const string TelemetryRecordsTable = "IvrTelemetryRecords";

    /// <summary>Telemetry rollups per minute bucket, one row per writer shard.</summary>
    public const string TelemetryRollupsTable = "IvrTelemetryRollups";

    /// <summary>Telemetry rollups per hour bucket, one row per writer shard (kept longer than minute rows).</summary>
    public const string TelemetryHourlyRollupsTable = "IvrTelemetryRollupsHourly";

    /// <summary>Alert state and transition history (insights).</summary>
    public const string AlertsTable = "IvrAlerts";

    public static readonly IReadOnlyList<string> Tables =
        [SessionsTable, TelemetryRecordsTable, TelemetryRollupsTable, TelemetryHourlyRollupsTable, AlertsTable];

    public const string AnswersContainer = "answers";

    /// <summary>Performance exports written with <c>destination=blob</c>.</summary>
    public const string ExportsContainer = "exports";

    public static readonly IReadOnlyList<string> Containers = [AnswersContainer, ExportsContainer];
}
