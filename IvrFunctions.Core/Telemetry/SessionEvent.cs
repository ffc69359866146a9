namespace IvrFunctions.Core.Telemetry;

public enum SessionEventKind
{
    Started = 1,
    Ended,

    /// <summary>
    /// No end arrived within <c>OpenCallRegister.MaxCallDuration</c> of the start (a lost status callback): the call was taken
    /// off the open-call count. Only the count changes; it is not an ended call.
    /// </summary>
    Expired,
}

/// <summary>
/// A call starting or ending. <paramref name="CallerNumber"/> is the raw number as the call flow knows it; telemetry stores
/// only a keyed hash of it. <paramref name="OpenCalls"/> is the shared open-call count right after this call was counted
/// open (started) or closed (ended, expired); null when the call flow could not count it (the event then says nothing
/// about concurrency). A counted event is recorded at <see cref="OpenCallCount.At"/>.
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
    bool? Success = null,
    OpenCallCount? OpenCalls = null);
