using Azure;
using Azure.Data.Tables;

namespace IvrFunctions.Core.Insights.Alerts;

/// <summary>
/// One transition (firing or resolved) in the alert history, row <c>t_&lt;inverted ticks&gt;_&lt;key&gt;_&lt;state&gt;</c> (newest
/// first). Written in the same entity-group transaction as the state change, so a transition exists exactly once; it is also
/// the webhook outbox (<see cref="Delivered"/>), with <see cref="TransitionId"/> as the idempotency key.
/// </summary>
public sealed class AlertTransitionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = AlertStore.Partition;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string TransitionId { get; set; } = string.Empty;

    public string Rule { get; set; } = string.Empty;

    public string? Subject { get; set; }

    public string Severity { get; set; } = string.Empty;

    public string State { get; set; } = string.Empty;

    /// <summary>When the alert started firing (for a resolved transition too).</summary>
    public DateTimeOffset Since { get; set; }

    /// <summary>When this transition happened.</summary>
    public DateTimeOffset At { get; set; }

    public double? Value { get; set; }

    public double Threshold { get; set; }

    public string Unit { get; set; } = string.Empty;

    public string Message { get; set; } = string.Empty;

    public string Suggestion { get; set; } = string.Empty;

    /// <summary>True once the webhook answered 2xx, or when no webhook is configured.</summary>
    public bool Delivered { get; set; }

    public int Attempts { get; set; }

    /// <summary>An instance delivering it holds it until then, so two instances do not both send it.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    public string? LastError { get; set; }
}
