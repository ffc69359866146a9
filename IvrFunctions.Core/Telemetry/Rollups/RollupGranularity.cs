namespace IvrFunctions.Core.Telemetry.Rollups;

public enum RollupGranularity
{
    Minute = 1,
    Hour,
}
