using IvrFunctions.Core.Turns;

namespace IvrFunctions.Core.Http;

/// <summary>What <c>GET /api/turns/{turnId}</c> returns. The caller's number is masked.</summary>
public sealed record TurnView(
    string TurnId,
    string CallSid,
    string? Caller,
    string Language,
    string Status,
    DateTimeOffset AcceptedAt,
    DateTimeOffset Deadline,
    DateTimeOffset? CompletedAt,
    double? TotalMs,
    IReadOnlyList<StageView> Stages,
    string? Transcript,
    string? AnswerText,
    bool? AnswerFound,
    string? Outcome,
    string? SpokenText,
    string? AudioUrl,
    double? AudioDurationSeconds,
    bool? AudioFromCache,
    string? ErrorCategory,
    string? ErrorStage,
    bool TimedOut);

public sealed record StageView(
    string Name,
    DateTimeOffset StartedAt,
    double DurationMs,
    int Attempts,
    bool Succeeded,
    string? ErrorCategory,
    string? Provider,
    string? Model);
