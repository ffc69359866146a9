namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>One call. <paramref name="Caller"/> is masked (never the full number): e.g. <c>+91******3210</c>, or a hash prefix when only the hash is stored.</summary>
public sealed record CallSummary(
    string CallSid,
    string? Caller,
    string? Language,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    double? DurationSeconds,
    int? Turns,
    bool? Success,
    string? Status);
