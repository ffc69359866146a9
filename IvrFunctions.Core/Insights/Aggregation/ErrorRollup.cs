namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>Errors of one category in one component in one rollup bucket. <paramref name="Category"/> is the snake-case code.</summary>
public sealed record ErrorRollup(DateTimeOffset Bucket, string Category, string Component, long Count);
