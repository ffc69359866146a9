namespace IvrFunctions.Core.Telemetry.Rollups;

/// <summary>The merged rollup of one time bucket for one dimension and key (all writers' shards added together).</summary>
public sealed record RollupBucket(DateTimeOffset BucketStart, RollupGranularity Granularity, string Dimension, string Key, RollupValues Values)
{
    public DateTimeOffset BucketEnd => BucketStart + Storage.TimeBuckets.Length(Granularity);
}
