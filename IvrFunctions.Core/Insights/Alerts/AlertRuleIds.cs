namespace IvrFunctions.Core.Insights.Alerts;

/// <summary>The alert rules, by the id used in configuration (<c>Alerts:Rules:&lt;id&gt;</c>), storage and the API.</summary>
public static class AlertRuleIds
{
    public const string TurnP95 = "turn_p95";
    public const string ComponentP95 = "component_p95";
    public const string SuccessRate = "success_rate";
    public const string ErrorRateSpike = "error_rate_spike";
    public const string CacheHitRate = "cache_hit_rate";
    public const string FreeTier = "free_tier";
    public const string DailyCost = "daily_cost";
    public const string TelemetryDropped = "telemetry_dropped";

    public static readonly IReadOnlyList<string> All =
        [TurnP95, ComponentP95, SuccessRate, ErrorRateSpike, CacheHitRate, FreeTier, DailyCost, TelemetryDropped];
}
