namespace IvrFunctions.Core.Telemetry.Storage;

/// <summary>
/// One read of an hour's records table: the records of <see cref="Kind"/> with <c>From ≤ time &lt; To</c>, of which the rollups
/// expect about <see cref="Estimate"/> (sizing only: the query returns whatever is stored, however many that is). A
/// <see cref="QuietHour"/> segment is the kind's part of a quiet hour that one query reads for every kind at once
/// (<see cref="QuietHourReads"/>).
/// </summary>
public readonly record struct RecordSegment(TelemetryRecordKind Kind, DateTimeOffset From, DateTimeOffset To, long Estimate, bool QuietHour = false);
