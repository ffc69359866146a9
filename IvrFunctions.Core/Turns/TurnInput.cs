namespace IvrFunctions.Core.Turns;

/// <summary>Everything a turn needs, fixed when the question webhook accepts it (so replays see the same values).</summary>
public sealed record TurnInput(
    string TurnId,
    string CallSid,
    string RecordingUrl,
    string Language,
    DateTimeOffset AcceptedAt,
    DateTimeOffset Deadline);
