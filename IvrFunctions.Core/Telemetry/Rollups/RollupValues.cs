namespace IvrFunctions.Core.Telemetry.Rollups;

/// <summary>
/// The aggregates of one rollup row (one bucket, dimension and key). Every field is a sum, a mergeable histogram or a
/// max/min fold (<see cref="OpenCalls"/>), so rows from different writers or buckets combine with <see cref="Merge"/>. Which fields a dimension fills is listed in
/// <see cref="RollupDimensions"/>.
/// </summary>
public sealed class RollupValues
{
    public long Count { get; set; }

    public long Successes { get; set; }

    public long Failures => Count - Successes;

    /// <summary>Durations in milliseconds (stage duration, API latency, call duration); null where the dimension has none.</summary>
    public LatencyHistogram? Latency { get; set; }

    public double AudioSeconds { get; set; }

    public long Characters { get; set; }

    public long InputTokens { get; set; }

    public long CachedInputTokens { get; set; }

    public long OutputTokens { get; set; }

    /// <summary>Gross list-price cost of the priced records.</summary>
    public double CostUsd { get; set; }

    /// <summary>Records no price row matched (their cost is not in <see cref="CostUsd"/>).</summary>
    public long Unpriced { get; set; }

    public long Hits { get; set; }

    public double SavedCostUsd { get; set; }

    /// <summary>Calls started in the bucket.</summary>
    public long Started { get; set; }

    /// <summary>Turns of the calls that ended in the bucket.</summary>
    public long Turns { get; set; }

    /// <summary>Seconds of calls in progress inside the bucket; divided by the bucket's length it is the average number of concurrent calls.</summary>
    public double ActiveSeconds { get; set; }

    /// <summary>Open-call counts of the counted session events in the bucket (the true concurrency); null when there were none.</summary>
    public OpenCallsExtent? OpenCalls { get; set; }

    public double SuccessRate => Count == 0 ? double.NaN : (double)Successes / Count;

    public double HitRate => Count == 0 ? double.NaN : (double)Hits / Count;

    public void AddLatency(double milliseconds)
    {
        Latency ??= new LatencyHistogram();
        Latency.Add(milliseconds);
    }

    public void Merge(RollupValues other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Count += other.Count;
        Successes += other.Successes;
        if (other.Latency is not null)
        {
            Latency ??= new LatencyHistogram();
            Latency.Merge(other.Latency);
        }

        AudioSeconds += other.AudioSeconds;
        Characters += other.Characters;
        InputTokens += other.InputTokens;
        CachedInputTokens += other.CachedInputTokens;
        OutputTokens += other.OutputTokens;
        CostUsd += other.CostUsd;
        Unpriced += other.Unpriced;
        Hits += other.Hits;
        SavedCostUsd += other.SavedCostUsd;
        Started += other.Started;
        Turns += other.Turns;
        ActiveSeconds += other.ActiveSeconds;
        if (other.OpenCalls is { IsEmpty: false })
        {
            OpenCalls ??= new OpenCallsExtent();
            OpenCalls.Merge(other.OpenCalls);
        }
    }

    public RollupValues Clone()
    {
        var copy = new RollupValues();
        copy.Merge(this);
        return copy;
    }
}
