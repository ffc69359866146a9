namespace IvrFunctions.Core.Insights.Configuration;

/// <summary>Outgoing alert notifications (section <c>Alerts:Webhook</c>): a JSON POST per transition.</summary>
public sealed class AlertWebhookOptions
{
    /// <summary>Where to POST (e.g. a chat channel's incoming webhook). Empty: no notifications.</summary>
    public Uri? Url { get; set; }

    /// <summary>Tries per transition before it is left for the next evaluation. The default value is 4.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>First delay between tries, doubled each time. The default value is 2 seconds.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Per-try timeout. The default value is 10 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
