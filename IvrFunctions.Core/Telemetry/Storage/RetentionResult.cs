namespace IvrFunctions.Core.Telemetry.Storage;

public sealed record RetentionResult(long RecordsDeleted, long RollupRowsDeleted, DateTimeOffset Cutoff);
