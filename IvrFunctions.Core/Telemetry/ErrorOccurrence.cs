using IvrFunctions.Core.Errors;

namespace IvrFunctions.Core.Telemetry;

/// <summary>A classified failure in a component (a stage name, or <c>webhook</c>, <c>storage</c>, ...).</summary>
public sealed record ErrorOccurrence(
    ErrorCategory Category,
    string Component,
    TelemetryContext Context,
    string? Detail = null,
    string? Provider = null);
