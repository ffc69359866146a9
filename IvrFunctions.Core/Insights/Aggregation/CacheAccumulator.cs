namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>Sums one cache's rollups.</summary>
public sealed class CacheAccumulator
{
    public long Lookups { get; private set; }

    public long Hits { get; private set; }

    public double SavedUsd { get; private set; }

    public void Add(long lookups, long hits, double savedUsd)
    {
        Lookups += lookups;
        Hits += hits;
        SavedUsd += savedUsd;
    }

    public double? HitRate => Lookups == 0 ? null : (double)Hits / Lookups;
}
