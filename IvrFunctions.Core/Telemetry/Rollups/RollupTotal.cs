namespace IvrFunctions.Core.Telemetry.Rollups;

/// <summary>A dimension and key's rollup merged over a whole window.</summary>
public sealed record RollupTotal(string Dimension, string Key, RollupValues Values);
