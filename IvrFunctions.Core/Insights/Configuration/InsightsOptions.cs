namespace IvrFunctions.Core.Insights.Configuration;

/// <summary>Performance API settings (section <c>Insights</c>).</summary>
public sealed class InsightsOptions
{
    public const string SectionName = "Insights";

    /// <summary>Longest window a request may ask for. The default value is 31 days.</summary>
    public int MaxWindowDays { get; set; } = 31;

    /// <summary>
    /// Latency target per component in seconds (<c>Insights:TargetSeconds:stt</c>, ...). Defaults: stt 2, rag 3, tts 2, turn 8;
    /// components without a target show none.
    /// </summary>
    public IDictionary<string, double> TargetSeconds { get; } = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
    {
        ["stt"] = 2,
        ["rag"] = 3,
        ["tts"] = 2,
        ["turn"] = 8,
    };

    /// <summary>Hit-rate target per cache kind as a fraction. Defaults: response 0.4, audio 0.6.</summary>
    public IDictionary<string, double> CacheHitRateTargets { get; } = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
    {
        ["response"] = 0.4,
        ["audio"] = 0.6,
    };

    /// <summary>Daily budget in USD; empty means none (the daily-cost alert is then off).</summary>
    public double? DailyBudgetUsd { get; set; }

    /// <summary>Monthly budget in USD; empty means none.</summary>
    public double? MonthlyBudgetUsd { get; set; }

    /// <summary>How many calls the sessions view lists at most. The default value is 100.</summary>
    public int MaxCallsListed { get; set; } = 100;

    /// <summary>How many error records the errors view scans at most for top errors and samples. The default value is 50,000.</summary>
    public int MaxErrorRecordsScanned { get; set; } = 50_000;

    /// <summary>Blob container for exports with <c>destination=blob</c>. The default value is <c>exports</c>.</summary>
    public string ExportContainer { get; set; } = Storage.StorageNames.ExportsContainer;

    /// <summary>How long an export link stays valid. The default value is 60 minutes.</summary>
    public int ExportLinkMinutes { get; set; } = 60;

    /// <summary>
    /// Record queries one export (or sessions/errors listing) keeps in flight, and segments of about 1,000 records each kind
    /// reads ahead; memory is bounded by record kinds × (this + 1) pages. The default value is 4.
    /// </summary>
    public int ExportReadParallelism { get; set; } = 4;
}
