namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>What telemetry knows right now: calls in progress, and records dropped since the process started (buffer full, storage down).</summary>
public sealed record LiveTelemetryStatus(int ConcurrentCalls, long DroppedRecords);
