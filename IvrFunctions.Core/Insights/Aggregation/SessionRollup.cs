using IvrFunctions.Core.Telemetry.Rollups;

namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>
/// Calls in one rollup bucket: started, ended (and of those successful), turns of the calls that ended, and what the
/// bucket's counted session events say about how many calls were open at once (<see cref="OpenCallsExtent"/>; null
/// when none was counted in it).
/// </summary>
public sealed record SessionRollup(
    DateTimeOffset Bucket, RollupGranularity Granularity, long CallsStarted, long CallsEnded, long SuccessfulCalls, long Turns, OpenCallsExtent? OpenCalls);
