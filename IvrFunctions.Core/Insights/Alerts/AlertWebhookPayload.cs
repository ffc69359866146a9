namespace IvrFunctions.Core.Insights.Alerts;

/// <summary>The JSON body POSTed for each transition; <see cref="Text"/> suits chat incoming-webhooks as is.</summary>
public sealed record AlertWebhookPayload(
    string Id,
    string Rule,
    string? Subject,
    string State,
    string Severity,
    DateTimeOffset At,
    DateTimeOffset Since,
    double? Value,
    double Threshold,
    string Unit,
    string Message,
    string Suggestion,
    string Text)
{
    public static AlertWebhookPayload From(AlertTransitionEntity transition) => new(
        transition.TransitionId,
        transition.Rule,
        transition.Subject,
        transition.State,
        transition.Severity,
        transition.At,
        transition.Since,
        transition.Value,
        transition.Threshold,
        transition.Unit,
        transition.Message,
        transition.Suggestion,
        $"[{transition.State.ToUpperInvariant()} {transition.Severity}] {transition.Message}. {transition.Suggestion}");
}
