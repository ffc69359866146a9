namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>One stage (stt, retrieval, llm, rag, tts, turn, webhook) in the window. <paramref name="Met"/> is p95 ≤ target; null without data or target.</summary>
public sealed record ComponentStats(
    string Component,
    long Count,
    long Successes,
    double? SuccessRate,
    double? AvgMs,
    double? P50Ms,
    double? P95Ms,
    double? P99Ms,
    double? MaxMs,
    double? TargetMs,
    bool? Met);
