using IvrFunctions.Core.Errors;

namespace IvrFunctions.Core.Telemetry;

/// <summary>
/// One stored telemetry record, as written to and read back from the records table. Which properties are set depends on
/// <see cref="Kind"/>; every kind carries <see cref="CallSid"/> and <see cref="TurnId"/> when known, so a turn's stages,
/// usage, cache lookups and errors join on <see cref="TurnId"/>. Never holds a raw caller number or a transcript.
/// </summary>
public sealed class TelemetryRecord
{
    public required TelemetryRecordKind Kind { get; init; }

    /// <summary>When the event completed (a stage's end, a provider call's end, a session event's arrival, or for a counted
    /// session event the moment the open-call count changed).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Unique per record, assigned at capture; makes the row key deterministic so a retried write is idempotent.</summary>
    public required string Id { get; init; }

    /// <summary>Stage name (<see cref="StageNames"/>), service (<see cref="ApiServices"/>), cache kind (<see cref="CacheKinds"/>),
    /// <c>call</c> for sessions, or the failing component for errors.</summary>
    public required string Component { get; init; }

    public string? CallSid { get; init; }

    public string? TurnId { get; init; }

    public string? Language { get; init; }

    /// <summary>Host that recorded it (<c>selfhost</c> or <c>functions</c>).</summary>
    public string? Host { get; init; }

    public bool Success { get; init; }

    /// <summary>Stage duration, API latency, or call duration (session ended), in milliseconds.</summary>
    public double? DurationMs { get; init; }

    public int? Attempt { get; init; }

    public string? Provider { get; init; }

    public string? Model { get; init; }

    public ErrorCategory? ErrorCategory { get; init; }

    /// <summary>From <see cref="ErrorCatalog"/> for <see cref="ErrorCategory"/>.</summary>
    public bool? Retryable { get; init; }

    public ErrorFault? Fault { get; init; }

    /// <summary>Short failure detail with digit runs that could be phone numbers masked.</summary>
    public string? Detail { get; init; }

    public int? StatusCode { get; init; }

    public double? AudioSeconds { get; init; }

    public long? Characters { get; init; }

    public string? VoiceClass { get; init; }

    /// <summary>All input tokens, cached included.</summary>
    public long? InputTokens { get; init; }

    public long? CachedInputTokens { get; init; }

    public long? OutputTokens { get; init; }

    /// <summary>The price row's SKU that priced the usage (or the saved call for a cache hit).</summary>
    public string? PriceSku { get; init; }

    /// <summary>Gross list-price cost at ingestion (free tiers are applied monthly, not per record); null when no price row matched.</summary>
    public double? CostUsd { get; init; }

    public bool? Hit { get; init; }

    public string? SavedService { get; init; }

    public double? SavedCostUsd { get; init; }

    public SessionEventKind? SessionKind { get; init; }

    /// <summary>HMAC-SHA256 of the caller number (hex); the raw number never reaches telemetry storage.</summary>
    public string? CallerHash { get; init; }

    public string? Status { get; init; }

    public int? BilledPulses { get; init; }

    public int? Turns { get; init; }

    /// <summary>Session events: calls in progress across all instances right after this one was counted (null: not counted).</summary>
    public long? OpenCalls { get; init; }

    /// <summary>Session events: the open-call register's change number for <see cref="OpenCalls"/> (orders events across instances).</summary>
    public long? OpenCallsSequence { get; init; }
}
