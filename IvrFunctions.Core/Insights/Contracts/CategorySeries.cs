namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>Error count of one category per bucket, aligned with the response's buckets.</summary>
public sealed record CategorySeries(string Category, IReadOnlyList<long> Counts);
