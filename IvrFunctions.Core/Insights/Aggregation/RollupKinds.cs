namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>Which rollup families a read needs (a month-to-date cost needs services only).</summary>
[Flags]
public enum RollupKinds
{
    None = 0,
    Stages = 1,
    Services = 2,
    Caches = 4,
    Sessions = 8,
    Errors = 16,
    All = Stages | Services | Caches | Sessions | Errors,
}
