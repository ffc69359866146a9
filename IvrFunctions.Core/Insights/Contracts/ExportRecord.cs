namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>
/// One telemetry record as exported (a CSV row or a JSON object). Columns not used by a kind are empty. <see cref="Caller"/> is
/// always masked.
/// </summary>
/// <param name="Kind"><c>stage</c>, <c>usage</c>, <c>cache</c>, <c>session</c> or <c>error</c>.</param>
/// <param name="Name">The stage, service, cache kind, session event (<c>started</c>/<c>ended</c>) or error component.</param>
/// <param name="Caller">Masked: <c>hash:</c> and 8 characters of the keyed hash telemetry stores (never a number).</param>
/// <param name="Status">Session end status from Exotel (<c>completed</c>, <c>no-answer</c>, ...).</param>
public sealed record ExportRecord(
    string Kind,
    DateTimeOffset Timestamp,
    string Name,
    string? CallSid = null,
    string? TurnId = null,
    bool? Success = null,
    double? DurationMs = null,
    string? ErrorCategory = null,
    string? Provider = null,
    string? Model = null,
    int? Attempt = null,
    double? AudioSeconds = null,
    long? Characters = null,
    long? InputTokens = null,
    long? CachedInputTokens = null,
    long? OutputTokens = null,
    double? CostUsd = null,
    bool? Hit = null,
    double? SavedUsd = null,
    string? Caller = null,
    string? Language = null,
    int? Turns = null,
    string? Detail = null,
    string? Status = null);
