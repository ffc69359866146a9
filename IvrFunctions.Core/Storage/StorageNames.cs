namespace IvrFunctions.Core.Storage;

/// <summary>Every table and blob container the product owns, so provisioning and health checks see the same list.</summary>
public static class StorageNames
{
    public const string SessionsTable = "IvrSessions";

    /// <summary>
    /// Raw telemetry records (stage, usage, cache, session, error): one table per UTC hour named this prefix and
    /// <c>yyyyMMddHH</c>, created by the telemetry flusher as hours begin (so not in <see cref="Tables"/>).
    /// </summary>
    public const string TelemetryRecordsTablePrefix = "IvrTelemetryRecords";

    /// <summary>Telemetry rollups per minute bucket, one row per writer shard.</summary>
    public const string TelemetryRollupsTable = "IvrTelemetryRollups";

    /// <summary>Telemetry rollups per hour bucket, one row per writer shard (kept longer than minute rows).</summary>
    public const string TelemetryHourlyRollupsTable = "IvrTelemetryRollupsHourly";

    /// <summary>The open-call register: one row per call in progress and their count (<c>Sessions.OpenCallRegister</c>).</summary>
    public const string OpenCallsTable = "IvrOpenCalls";

    public const string TurnsTable = "IvrTurns";

    /// <summary>Answers by normalised question, language and knowledge-base version.</summary>
    public const string ResponseCacheTable = "IvrResponseCache";

    /// <summary>Alert state and transition history (insights).</summary>
    public const string AlertsTable = "IvrAlerts";

    public static readonly IReadOnlyList<string> Tables =
        [SessionsTable, OpenCallsTable, TurnsTable, ResponseCacheTable, TelemetryRollupsTable, TelemetryHourlyRollupsTable, AlertsTable];

    public const string AnswersContainer = "answers";

    /// <summary>Synthesized answer audio (8 kHz mono 16-bit WAV) by hash of text, voice and format.</summary>
    public const string AudioCacheContainer = "audio-cache";

    /// <summary>Knowledge-base documents and the retrieval index.</summary>
    public const string KnowledgeContainer = "knowledge-base";

    /// <summary>Performance exports written with <c>destination=blob</c>.</summary>
    public const string ExportsContainer = "exports";

    public static readonly IReadOnlyList<string> Containers = [AnswersContainer, AudioCacheContainer, KnowledgeContainer, ExportsContainer];
}
