namespace IvrFunctions.Core.Insights.Configuration;

/// <summary>Alert evaluation settings (section <c>Alerts</c>); each rule can be tuned under <c>Alerts:Rules:&lt;rule&gt;</c>.</summary>
public sealed class AlertsOptions
{
    public const string SectionName = "Alerts";

    /// <summary>Whether the timer evaluates alerts every minute. The default value is true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The trailing window every rule looks at. The default value is 15 minutes.</summary>
    public int EvaluationWindowMinutes { get; set; } = 15;

    /// <summary>Fewest measurements a latency or rate rule needs before it may fire (no alerts from three calls). The default value is 10.</summary>
    public int MinSamples { get; set; } = 10;

    /// <summary>How long resolved alerts stay listed by <c>GET alerts</c>. The default value is 24 hours.</summary>
    public int ResolvedLookbackHours { get; set; } = 24;

    /// <summary>Per-rule overrides keyed by rule id (see <c>AlertRuleIds</c>).</summary>
    public IDictionary<string, AlertRuleOptions> Rules { get; } = new Dictionary<string, AlertRuleOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Table holding alert state and history. The default value is <c>IvrAlerts</c>.</summary>
    public string TableName { get; set; } = Storage.StorageNames.AlertsTable;

    public AlertWebhookOptions Webhook { get; set; } = new();
}
