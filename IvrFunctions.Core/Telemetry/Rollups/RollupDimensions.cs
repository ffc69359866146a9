namespace IvrFunctions.Core.Telemetry.Rollups;

/// <summary>What a rollup row aggregates; the row's key says which stage, service, cache kind, ... within it.</summary>
public static class RollupDimensions
{
    /// <summary>Key: stage name. Count, Successes, Latency (stage duration, ms).</summary>
    public const string Stage = "stage";

    /// <summary>Key: service. Count (requests), Successes, Latency (ms), usage units, CostUsd, Unpriced.</summary>
    public const string Usage = "usage";

    /// <summary>Key: <c>{service}:{sku}</c> (the price row's SKU, e.g. <c>google_tts:standard</c>). Count, usage units, CostUsd; feeds free tiers.</summary>
    public const string Sku = "sku";

    /// <summary>Key: cache kind. Count (lookups), Hits, SavedCostUsd.</summary>
    public const string Cache = "cache";

    /// <summary>
    /// Key: <c>calls</c>. Started, Count (ended calls), Successes, Turns, Latency (call duration, ms), ActiveSeconds, and
    /// OpenCalls (the open-call counts of the bucket's counted start, end and expiry events).
    /// </summary>
    public const string Session = "session";

    /// <summary>Key: error category code (<c>provider_auth</c>, ...). Count.</summary>
    public const string Error = "error";

    /// <summary>Key: <c>{component}:{category code}</c>. Count.</summary>
    public const string ErrorComponent = "errorcomponent";

    /// <summary>Key: <c>dropped</c>. Count: records dropped because the buffer was full.</summary>
    public const string Internal = "internal";

    public const string CallsKey = "calls";

    public const string DroppedKey = "dropped";
}
