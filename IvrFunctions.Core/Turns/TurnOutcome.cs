using IvrFunctions.Core.Errors;

namespace IvrFunctions.Core.Turns;

public enum TurnOutcomeKind
{
    /// <summary>The answer as synthesized audio.</summary>
    Audio = 1,

    /// <summary>The answer as text for Exotel's own speech (speech synthesis failed or ran out of time).</summary>
    AnswerText,

    /// <summary>No answer: a spoken apology or "please ask again" in the caller's language.</summary>
    Fallback,
}

/// <summary>How a turn ended: what the caller hears, and why if it is not the answer.</summary>
public sealed record TurnOutcome(
    TurnOutcomeKind Kind,
    string SpokenText,
    string? AudioContainer = null,
    string? AudioBlob = null,
    ErrorCategory? Error = null,
    string? ErrorStage = null,
    bool TimedOut = false);
