namespace IvrFunctions.Core.Insights.Configuration;

/// <summary>Overrides for one alert rule; anything left empty keeps the rule's default.</summary>
public sealed class AlertRuleOptions
{
    public bool? Enabled { get; set; }

    /// <summary>The rule's threshold in its own unit (ms, ratio 0..1, USD, records, or a multiplier for the spike rule).</summary>
    public double? Threshold { get; set; }

    /// <summary><c>warning</c> or <c>critical</c>.</summary>
    public string? Severity { get; set; }
}
