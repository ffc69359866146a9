namespace IvrFunctions.Core.Telemetry;

public enum SessionEventKind
{
    Started = 1,
    Ended,
}

/// <summary>
/// A call starting or ending. <paramref name="CallerNumber"/> is the raw number as the call flow knows it; telemetry stores
/// only a keyed hash of it.
/// </summary>
public sealed record SessionEvent(
    SessionEventKind Kind,
    string CallSid,
    string? CallerNumber,
    string? Language,
    string? Status = null,
    double? DurationSeconds = null,
    int? BilledPulses = null,
    int? Turns = null,
    bool? Success = null);
