using IvrFunctions.Core.Errors;

namespace IvrFunctions.Core.Turns;

public static class TurnStatuses
{
    public const string Running = "running";
    public const string Completed = "completed";

    /// <summary>Shown by the turn view for a turn still <see cref="Running"/> past its deadline and grace (never stored).</summary>
    public const string Unfinished = "unfinished";
}

/// <summary>One stage of a turn as it ran: when, how long, how many attempts, and how it ended.</summary>
public sealed record StageRecord(
    string Name,
    DateTimeOffset StartedAt,
    double DurationMs,
    int Attempts,
    bool Succeeded,
    ErrorCategory? Error = null,
    string? Provider = null,
    string? Model = null);

/// <summary>A turn as stored: its input, each stage, and the outcome once finished.</summary>
public sealed record TurnRecord(
    string TurnId,
    string CallSid,
    string Language,
    string Status,
    DateTimeOffset AcceptedAt,
    DateTimeOffset Deadline,
    IReadOnlyList<StageRecord> Stages,
    string? Transcript = null,
    string? AnswerText = null,
    bool? AnswerFound = null,
    TurnOutcome? Outcome = null,
    DateTimeOffset? CompletedAt = null,
    double? AudioDurationSeconds = null,
    bool? AudioFromCache = null)
{
    /// <summary>How long past its deadline a turn may stay unfinished before the call flow stops waiting for it.</summary>
    public static readonly TimeSpan StuckGrace = TimeSpan.FromSeconds(3);

    public bool IsCompleted => Status == TurnStatuses.Completed && Outcome is not null;

    /// <summary>
    /// Still not completed <see cref="StuckGrace"/> past its deadline: its host crashed, or its completion was never saved.
    /// Nothing is worth waiting for: the caller hears the apology.
    /// </summary>
    public bool IsStuck(DateTimeOffset now) => !IsCompleted && now > Deadline + StuckGrace;

    public double? TotalMs => CompletedAt is { } done ? Math.Round((done - AcceptedAt).TotalMilliseconds, 1) : null;
}
