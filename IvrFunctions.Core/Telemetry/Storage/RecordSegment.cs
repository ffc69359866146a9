namespace IvrFunctions.Core.Telemetry.Storage;

/// <summary>
/// One query of the records table: the records of <see cref="Kind"/> with <c>From ≤ time &lt; To</c>, of which the rollups
/// expect about <see cref="Estimate"/> (sizing only: the query returns whatever is stored, however many that is).
/// </summary>
public readonly record struct RecordSegment(TelemetryRecordKind Kind, DateTimeOffset From, DateTimeOffset To, long Estimate);
