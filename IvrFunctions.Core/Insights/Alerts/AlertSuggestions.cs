namespace IvrFunctions.Core.Insights.Alerts;

/// <summary>What a person should do when a rule fires, in the style of the error catalog.</summary>
public static class AlertSuggestions
{
    public static string For(string rule, string? subject) => rule switch
    {
        AlertRuleIds.TurnP95 =>
            "Open the components view to see which stage grew (stt, rag, tts); check the providers' status pages and the errors view for timeouts or retries. Shorter answers and warmer caches also cut turn time.",
        AlertRuleIds.ComponentP95 => subject switch
        {
            "stt" => "Speech-to-text is slow: check Google Speech status, recording length (Voicemail max duration) and retries (rate_limited errors).",
            "tts" => "Text-to-speech is slow: check Google TTS status, answer length (characters per answer) and the audio cache hit rate.",
            "rag" or "retrieval" or "llm" => "Answering is slow: check the LLM provider status and rate limits, prompt size (retrieved passages), and the response cache hit rate.",
            "webhook" => "Webhook handling is slow: look at storage latency (Table/Blob) and host CPU; the handlers must answer Exotel quickly.",
            _ => "Look at the component's latency series and the errors view for the same period.",
        },
        AlertRuleIds.SuccessRate =>
            "Open the errors view: the top categories name the failing stage and the fix (credentials, quota, provider outage, knowledge-base gaps).",
        AlertRuleIds.ErrorRateSpike =>
            "Errors jumped against the previous window: check the errors report for the new category, recent deployments or configuration changes, and provider status pages.",
        AlertRuleIds.CacheHitRate =>
            "Hit rate below target: check the cache was not cleared, that questions are normalised before lookup, and the cache TTL; new knowledge-base content also lowers hits for a while.",
        AlertRuleIds.FreeTier =>
            "The monthly free allowance is nearly used: from here each request is billed at list price. Raise the budget, enable caching, or switch the voice class if that is expected.",
        AlertRuleIds.DailyCost =>
            "Today's estimated spend is over Insights:DailyBudgetUsd: check api-usage for the service driving it (token counts, long recordings, cache misses) and for abusive call volume.",
        AlertRuleIds.TelemetryDropped =>
            "Telemetry records were dropped (in-process buffer full): storage is down or too slow. Check /api/health and the storage account; figures for this period are incomplete.",
        _ => "Check the dashboard for the period around the alert.",
    };
}
