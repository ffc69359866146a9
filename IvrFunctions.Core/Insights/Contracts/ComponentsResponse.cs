namespace IvrFunctions.Core.Insights.Contracts;

/// <summary><c>GET /api/performance/components</c>: every known stage, in pipeline order, also when it has no data.</summary>
public sealed record ComponentsResponse(WindowInfo Window, IReadOnlyList<ComponentStats> Components);
