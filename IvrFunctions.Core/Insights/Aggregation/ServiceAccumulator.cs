using IvrFunctions.Core.Telemetry.Rollups;
using IvrFunctions.Core.Insights.Contracts;

namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>Sums one service's rollups.</summary>
public sealed class ServiceAccumulator
{
    public long Requests { get; private set; }

    public long Successes { get; private set; }

    public LatencyHistogram Latency { get; } = new();

    public UsageTotals Units { get; private set; } = UsageTotals.Zero;

    public double CostUsd { get; private set; }

    public void Add(long requests, long successes, LatencyHistogram? latency, UsageTotals units, double costUsd)
    {
        Requests += requests;
        Successes += successes;
        if (latency is not null)
        {
            Latency.Merge(latency);
        }

        Units = Units.Add(units);
        CostUsd += costUsd;
    }

    public void Add(ServiceAccumulator other) => Add(other.Requests, other.Successes, other.Latency, other.Units, other.CostUsd);
}
