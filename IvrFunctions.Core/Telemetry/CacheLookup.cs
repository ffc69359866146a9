namespace IvrFunctions.Core.Telemetry;

/// <summary>One cache lookup. On a hit, <paramref name="SavedService"/> and <paramref name="SavedUnits"/> say what call was avoided, so its cost can be counted as saved.</summary>
public sealed record CacheLookup(
    string Kind,
    bool Hit,
    TelemetryContext Context,
    string? SavedService = null,
    UsageUnits? SavedUnits = null);
