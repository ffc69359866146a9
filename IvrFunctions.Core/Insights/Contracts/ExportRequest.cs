namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>Body (or query) of <c>POST /api/performance/export</c>. Query parameters win over body fields.</summary>
/// <param name="Format"><c>csv</c> (default) or <c>json</c> (a JSON array, streamed).</param>
/// <param name="Kinds">Any of <c>stage</c>, <c>usage</c>, <c>cache</c>, <c>session</c>, <c>error</c>; default all.</param>
/// <param name="Destination">Absent or <c>response</c>: stream the file; <c>blob</c>: write it to Blob <c>exports/</c> and answer with a time-limited link.</param>
public sealed record ExportRequest(
    string? Format = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Window = null,
    IReadOnlyList<string>? Kinds = null,
    string? Destination = null);
