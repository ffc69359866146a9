namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>The raw record kinds that can be streamed (and exported), with their wire names.</summary>
public static class RecordKinds
{
    public const string Stage = "stage";
    public const string Usage = "usage";
    public const string Cache = "cache";
    public const string Session = "session";
    public const string Error = "error";

    public static readonly IReadOnlyList<string> All = [Stage, Usage, Cache, Session, Error];
}
