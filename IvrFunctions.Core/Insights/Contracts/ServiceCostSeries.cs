namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>Estimated cost of one service per bucket (USD), aligned with the series' buckets.</summary>
public sealed record ServiceCostSeries(string Service, IReadOnlyList<double> CostUsd);
