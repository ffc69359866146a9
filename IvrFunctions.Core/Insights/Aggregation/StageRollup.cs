using IvrFunctions.Core.Telemetry.Rollups;

namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>One component's measurements in one rollup bucket.</summary>
public sealed record StageRollup(DateTimeOffset Bucket, string Stage, long Count, long Successes, LatencyHistogram? Latency);
