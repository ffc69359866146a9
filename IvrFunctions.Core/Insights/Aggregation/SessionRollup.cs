using IvrFunctions.Core.Telemetry.Rollups;

namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>
/// Calls in one rollup bucket: started, ended (and of those successful), turns of the calls that ended, and the seconds of
/// calls in progress inside the bucket (divided by the bucket's length: the average number of concurrent calls).
/// </summary>
public sealed record SessionRollup(
    DateTimeOffset Bucket, RollupGranularity Granularity, long CallsStarted, long CallsEnded, long SuccessfulCalls, long Turns, double ActiveSeconds)
{
    public double AverageConcurrent => ActiveSeconds / (Granularity == RollupGranularity.Minute ? 60.0 : 3600.0);
}
