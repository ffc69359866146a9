namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>One external service (google_stt, google_tts, openai_chat, ...) in the window.</summary>
public sealed record ServiceUsageStats(
    string Service,
    long Requests,
    long Successes,
    double? SuccessRate,
    LatencySummary Latency,
    UsageTotals Units,
    double CostUsd);
