using IvrFunctions.Core.Telemetry.Rollups;

namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>Sums one component's rollups: counts, successes and the merged latency histogram.</summary>
public sealed class StageAccumulator
{
    public long Count { get; private set; }

    public long Successes { get; private set; }

    public LatencyHistogram Latency { get; } = new();

    public void Add(long count, long successes, LatencyHistogram? latency)
    {
        Count += count;
        Successes += successes;
        if (latency is not null)
        {
            Latency.Merge(latency);
        }
    }

    public void Add(StageAccumulator other) => Add(other.Count, other.Successes, other.Latency);

    public double? SuccessRate => Count == 0 ? null : (double)Successes / Count;
}
