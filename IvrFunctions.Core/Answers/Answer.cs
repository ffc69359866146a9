namespace IvrFunctions.Core.Answers;

/// <summary>
/// A short spoken answer in the caller's language. <paramref name="Found"/> is false when the knowledge base had nothing
/// relevant and <paramref name="Text"/> says so plainly.
/// </summary>
public sealed record Answer(
    string Text,
    bool Found,
    IReadOnlyList<RetrievedPassage> Passages,
    bool FromCache,
    string Provider,
    string? Model);
