namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>The most calls in progress at the same moment in each series bucket (aligned with its buckets) and in the whole window.</summary>
public sealed record OpenCallPeaks(IReadOnlyList<int> PerBucket, int Peak)
{
    /// <summary>
    /// For a window that reaches now: at least <paramref name="openNow"/> in the last bucket and the peak. (Both are read from
    /// the same rollups, so this only keeps the two figures consistent should a read see a shard the other did not.)
    /// </summary>
    public OpenCallPeaks WithNow(int openNow)
    {
        if (PerBucket.Count == 0 || openNow <= PerBucket[^1])
        {
            return openNow <= Peak ? this : this with { Peak = openNow };
        }

        return new OpenCallPeaks([.. PerBucket.Take(PerBucket.Count - 1), openNow], Math.Max(Peak, openNow));
    }
}
