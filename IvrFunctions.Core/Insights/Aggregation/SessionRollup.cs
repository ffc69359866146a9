namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>Calls in one rollup bucket: started, ended (and of those successful), turns finished, and the concurrent-call gauge's peak.</summary>
public sealed record SessionRollup(DateTimeOffset Bucket, long CallsStarted, long CallsEnded, long SuccessfulCalls, long Turns, int PeakConcurrent);
