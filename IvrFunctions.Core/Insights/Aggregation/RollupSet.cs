namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>The rollup rows of a time range, by family.</summary>
public sealed class RollupSet
{
    public List<StageRollup> Stages { get; } = [];

    public List<ServiceRollup> Services { get; } = [];

    public List<CacheRollup> Caches { get; } = [];

    public List<SessionRollup> Sessions { get; } = [];

    public List<ErrorRollup> Errors { get; } = [];

    /// <summary>Telemetry records dropped (buffer full) in the range, as persisted by the writers.</summary>
    public long DroppedRecords { get; set; }
}
