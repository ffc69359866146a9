namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>A frequent error (category × component × provider) with where to look and what to do.</summary>
public sealed record TopError(
    string Category,
    string Component,
    string? Provider,
    long Count,
    DateTimeOffset LastOccurred,
    IReadOnlyList<string> SampleTurnIds,
    string? SampleDetail,
    string Title,
    string Suggestion,
    bool Retryable,
    string Fault);
