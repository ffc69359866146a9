namespace IvrFunctions.Core.Telemetry.Storage;

/// <summary>What a retention run removed: hourly record tables dropped and rollup rows deleted, older than <see cref="Cutoff"/>.</summary>
public sealed record RetentionResult(long RecordTablesDropped, long RollupRowsDeleted, DateTimeOffset Cutoff);
