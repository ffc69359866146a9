namespace IvrFunctions.Core.Sessions;

/// <summary>
/// One phone call as the call flow knows it. The only place a caller's number is kept (E.164); every output masks it.
/// </summary>
public sealed record CallSession(
    string CallSid,
    string? CallerNumber,
    string? ExoPhone,
    string Language,
    DateTimeOffset StartedAt,
    bool Closed = false,
    DateTimeOffset? EndedAt = null,
    string? CallStatus = null,
    double? DurationSeconds = null,
    int? BilledPulses = null);
