namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>The rollup bucket widths telemetry keeps.</summary>
public enum RollupGranularity
{
    Minute = 1,
    Hour,
}
