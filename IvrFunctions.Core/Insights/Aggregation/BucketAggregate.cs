using IvrFunctions.Core.Telemetry.Rollups;

namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>Everything known about one series bucket (or, for the totals, the whole window).</summary>
public sealed class BucketAggregate
{
    public Dictionary<string, StageAccumulator> Stages { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ServiceAccumulator> Services { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, CacheAccumulator> Caches { get; } = new(StringComparer.Ordinal);

    /// <summary>(category code, component) → count.</summary>
    public Dictionary<(string Category, string Component), long> Errors { get; } = [];

    public long CallsStarted { get; private set; }

    public long CallsEnded { get; private set; }

    public long SuccessfulCalls { get; private set; }

    public long SessionTurns { get; private set; }

    /// <summary>The open-call counts of the counted session events folded in (<see cref="WindowAggregate.OpenCallPeaks"/> reads them).</summary>
    public OpenCallsExtent OpenCalls { get; } = new();

    public long DroppedRecords { get; set; }

    public long ErrorTotal => Errors.Values.Sum();

    public StageAccumulator Stage(string stage) => Stages.TryGetValue(stage, out var value) ? value : Stages[stage] = new StageAccumulator();

    public ServiceAccumulator Service(string service) => Services.TryGetValue(service, out var value) ? value : Services[service] = new ServiceAccumulator();

    public CacheAccumulator Cache(string kind) => Caches.TryGetValue(kind, out var value) ? value : Caches[kind] = new CacheAccumulator();

    public void Add(StageRollup row) => Stage(row.Stage).Add(row.Count, row.Successes, row.Latency);

    public void Add(ServiceRollup row) => Service(row.Service).Add(row.Requests, row.Successes, row.Latency, row.Units, row.CostUsd);

    public void Add(CacheRollup row) => Cache(row.Kind).Add(row.Lookups, row.Hits, row.SavedUsd);

    public void Add(ErrorRollup row) => Errors[(row.Category, row.Component)] = Errors.GetValueOrDefault((row.Category, row.Component)) + row.Count;

    public void Add(SessionRollup row)
    {
        CallsStarted += row.CallsStarted;
        CallsEnded += row.CallsEnded;
        SuccessfulCalls += row.SuccessfulCalls;
        SessionTurns += row.Turns;
        OpenCalls.Merge(row.OpenCalls);
    }

    public long ErrorsOfCategory(string category) => Errors.Where(e => e.Key.Category == category).Sum(e => e.Value);
}
