namespace IvrFunctions.Core.Telemetry;

/// <summary>
/// The capture API every component records through. Calls return at once: records are buffered and written in the
/// background, so the caller's path never waits for storage.
/// </summary>
public interface ITelemetry
{
    /// <summary>Starts timing a stage (<see cref="StageNames"/>); dispose the result to record it.</summary>
    IStageTimer StartStage(string stage, TelemetryContext context);

    /// <summary>
    /// Times a stage that began at <paramref name="startedAt"/> (wall clock), possibly in another process: a turn accepted
    /// by one Functions instance and finished by another.
    /// </summary>
    IStageTimer StartStage(string stage, TelemetryContext context, DateTimeOffset startedAt);

    void RecordApiUsage(ApiUsage usage);

    void RecordCacheLookup(CacheLookup lookup);

    void RecordSession(SessionEvent session);

    void RecordError(ErrorOccurrence error);
}
