using IvrFunctions.Core.Insights.Contracts;

namespace IvrFunctions.Core.Insights.Alerts;

/// <summary>The numbers the alert rules look at, taken over the trailing evaluation window; pure data, so rules are testable without storage.</summary>
/// <param name="Traffic">Turns plus webhook requests (the error rate's denominator).</param>
/// <param name="PreviousErrorRate">The error rate of the window just before; null without traffic then.</param>
/// <param name="DroppedRecords">Telemetry records dropped in the window (persisted by any writer), or by this process since the previous evaluation.</param>
public sealed record MetricsSnapshot(
    DateTimeOffset At,
    int WindowMinutes,
    IReadOnlyDictionary<string, ComponentSample> Components,
    long Turns,
    long SuccessfulTurns,
    long Errors,
    long Traffic,
    double? PreviousErrorRate,
    IReadOnlyDictionary<string, CacheSample> Caches,
    IReadOnlyList<FreeTierStatus> FreeTiers,
    double TodayCostUsd,
    long DroppedRecords);
