using IvrFunctions.Core.Telemetry.Rollups;
using IvrFunctions.Core.Insights.Contracts;

namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>One external service's requests in one rollup bucket.</summary>
public sealed record ServiceRollup(DateTimeOffset Bucket, string Service, long Requests, long Successes, LatencyHistogram? Latency, UsageTotals Units, double CostUsd);
