namespace IvrFunctions.Tests.Insights;

/// <summary>What a test seeded, as the test remembers it: the ground truth its expectations are computed from.</summary>
sealed record SeededRecord(
    string Kind,
    DateTimeOffset Timestamp,
    string Name,
    string? CallSid = null,
    string? TurnId = null,
    bool Success = true,
    double? DurationMs = null,
    string? ErrorCategory = null,
    string? Provider = null,
    double? AudioSeconds = null,
    long? Characters = null,
    long? InputTokens = null,
    long? CachedInputTokens = null,
    long? OutputTokens = null,
    bool? Hit = null,
    string? Caller = null,
    int? Turns = null,
    double? CallSeconds = null);
