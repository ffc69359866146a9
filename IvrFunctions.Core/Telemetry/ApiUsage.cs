using IvrFunctions.Core.Errors;

namespace IvrFunctions.Core.Telemetry;

/// <summary>One request to an external service, recorded where the call happens.</summary>
public sealed record ApiUsage(
    string Service,
    TelemetryContext Context,
    bool Success,
    TimeSpan Latency,
    UsageUnits Units,
    string? Model = null,
    ErrorCategory? Error = null,
    int? StatusCode = null);
