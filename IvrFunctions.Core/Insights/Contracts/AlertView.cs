namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>An alert as the API shows it.</summary>
/// <param name="Rule">Rule id, e.g. <c>turn_p95</c>, <c>component_p95</c>, <c>success_rate</c>.</param>
/// <param name="Subject">What the rule looked at when it has several (a component, service, cache kind); null otherwise.</param>
/// <param name="Severity"><c>warning</c> or <c>critical</c>.</param>
/// <param name="State"><c>firing</c> or <c>resolved</c>.</param>
/// <param name="Since">When it started firing.</param>
/// <param name="Value">The measured value at the last evaluation while firing.</param>
/// <param name="Unit"><c>ms</c>, <c>ratio</c>, <c>usd</c> or <c>records</c>.</param>
public sealed record AlertView(
    string Rule,
    string? Subject,
    string Severity,
    string State,
    DateTimeOffset Since,
    DateTimeOffset? ResolvedAt,
    double? Value,
    double Threshold,
    string Unit,
    string Message,
    string Suggestion);
