using Azure;
using Azure.Data.Tables;

namespace IvrFunctions.Core.Insights.Alerts;

/// <summary>The current state of one alert (rule + subject), row <c>s_&lt;key&gt;</c> of the alerts partition.</summary>
public sealed class AlertStateEntity : ITableEntity
{
    public string PartitionKey { get; set; } = AlertStore.Partition;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Rule { get; set; } = string.Empty;

    public string? Subject { get; set; }

    public string Severity { get; set; } = string.Empty;

    /// <summary><c>firing</c> or <c>resolved</c>.</summary>
    public string State { get; set; } = string.Empty;

    public DateTimeOffset Since { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public double? Value { get; set; }

    public double Threshold { get; set; }

    public string Unit { get; set; } = string.Empty;

    public string Message { get; set; } = string.Empty;

    public string Suggestion { get; set; } = string.Empty;

    public DateTimeOffset LastEvaluated { get; set; }
}
