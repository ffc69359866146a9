namespace IvrFunctions.Core.Insights.Alerts;

/// <summary>A component's measurement count and p95 (ms) in the evaluation window.</summary>
public sealed record ComponentSample(long Count, double? P95Ms);
