using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Core.Answers;

/// <summary>One cached answer, with the generator usage it cost when it was made.</summary>
public sealed record CachedAnswer(
    string Text,
    bool Found,
    IReadOnlyList<RetrievedPassage> Passages,
    string Provider,
    string? Model,
    UsageUnits? Usage,
    DateTimeOffset CreatedAt);
