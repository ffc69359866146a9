namespace IvrFunctions.Core.Insights.Contracts;

/// <summary><c>GET /api/performance/alerts</c>: firing alerts, and those resolved within the window (most recent first).</summary>
public sealed record AlertsResponse(WindowInfo Window, DateTimeOffset EvaluatedAt, IReadOnlyList<AlertView> Firing, IReadOnlyList<AlertView> RecentlyResolved);
