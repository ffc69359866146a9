using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Insights.Alerts;

namespace IvrFunctions.Core.Insights.Configuration;

/// <summary>Start-up checks of the Insights, Alerts and Dashboard settings; each message names the key.</summary>
public static class InsightsConfigurationRules
{
    public static void Validate(InsightsOptions? insights, AlertsOptions? alerts, DashboardOptions? dashboard, List<string> errors)
    {
        if (insights is not null)
        {
            Range(errors, "Insights:MaxWindowDays", insights.MaxWindowDays, 1, 400);
            Range(errors, "Insights:MaxCallsListed", insights.MaxCallsListed, 1, 1000);
            Range(errors, "Insights:MaxErrorRecordsScanned", insights.MaxErrorRecordsScanned, 1, 10_000_000);
            Range(errors, "Insights:ExportLinkMinutes", insights.ExportLinkMinutes, 1, 7 * 24 * 60);
            Range(errors, "Insights:ExportReadParallelism", insights.ExportReadParallelism, 1, 32);
            foreach (var (component, seconds) in insights.TargetSeconds)
            {
                if (!(seconds > 0))
                {
                    errors.Add($"{ConfigurationKey.Describe($"Insights:TargetSeconds:{component}")} must be a number of seconds above 0; got {seconds}.");
                }
            }

            foreach (var (kind, target) in insights.CacheHitRateTargets)
            {
                if (!(target > 0 && target <= 1))
                {
                    errors.Add($"{ConfigurationKey.Describe($"Insights:CacheHitRateTargets:{kind}")} must be a fraction above 0 and at most 1 (0.4 = 40%); got {target}.");
                }
            }

            Positive(errors, "Insights:DailyBudgetUsd", insights.DailyBudgetUsd);
            Positive(errors, "Insights:MonthlyBudgetUsd", insights.MonthlyBudgetUsd);
            if (string.IsNullOrWhiteSpace(insights.ExportContainer))
            {
                errors.Add($"{ConfigurationKey.Describe("Insights:ExportContainer")} must name a blob container.");
            }
        }

        if (alerts is not null)
        {
            Range(errors, "Alerts:EvaluationWindowMinutes", alerts.EvaluationWindowMinutes, 1, 24 * 60);
            Range(errors, "Alerts:MinSamples", alerts.MinSamples, 1, 1_000_000);
            Range(errors, "Alerts:ResolvedLookbackHours", alerts.ResolvedLookbackHours, 1, 24 * 31);
            foreach (var (rule, options) in alerts.Rules)
            {
                if (!AlertRuleIds.All.Contains(rule, StringComparer.OrdinalIgnoreCase))
                {
                    errors.Add($"{ConfigurationKey.Describe($"Alerts:Rules:{rule}")} is not a rule; rules are {string.Join(", ", AlertRuleIds.All)}.");
                }

                if (options.Severity is { } severity && severity.Trim().ToLowerInvariant() is not (AlertEvaluator.Warning or AlertEvaluator.Critical))
                {
                    errors.Add($"{ConfigurationKey.Describe($"Alerts:Rules:{rule}:Severity")} must be warning or critical; got '{severity}'.");
                }

                if (options.Threshold is { } threshold && (double.IsNaN(threshold) || threshold < 0))
                {
                    errors.Add($"{ConfigurationKey.Describe($"Alerts:Rules:{rule}:Threshold")} must be 0 or more; got {threshold}.");
                }
            }

            var webhook = alerts.Webhook;
            if (webhook.Url is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http")))
            {
                errors.Add($"{ConfigurationKey.Describe("Alerts:Webhook:Url")} must be an absolute http(s) URL; got '{url}'.");
            }

            Range(errors, "Alerts:Webhook:MaxAttempts", webhook.MaxAttempts, 1, 10);
            if (webhook.RetryDelay < TimeSpan.Zero || webhook.RetryDelay > TimeSpan.FromMinutes(5))
            {
                errors.Add($"{ConfigurationKey.Describe("Alerts:Webhook:RetryDelay")} must be between 00:00:00 and 00:05:00; got {webhook.RetryDelay}.");
            }

            if (webhook.Timeout <= TimeSpan.Zero || webhook.Timeout > TimeSpan.FromMinutes(2))
            {
                errors.Add($"{ConfigurationKey.Describe("Alerts:Webhook:Timeout")} must be above 0 and at most 00:02:00; got {webhook.Timeout}.");
            }

            if (string.IsNullOrWhiteSpace(alerts.TableName) || !alerts.TableName.All(char.IsAsciiLetterOrDigit) || !char.IsAsciiLetter(alerts.TableName[0]))
            {
                errors.Add($"{ConfigurationKey.Describe("Alerts:TableName")} must be a table name (letters and digits, starting with a letter); got '{alerts.TableName}'.");
            }
        }

        if (dashboard?.AllowedOrigin is { Length: > 0 } origin && !IsOrigin(origin))
        {
            errors.Add($"{ConfigurationKey.Describe("Dashboard:AllowedOrigin")} must be one origin such as https://account.z13.web.core.windows.net (scheme, host and optional port; no path, no '*'); got '{origin}'.");
        }
    }

    /// <summary>scheme://host[:port] with nothing after it.</summary>
    public static bool IsOrigin(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
        && uri.Scheme is "https" or "http"
        && uri.PathAndQuery == "/" && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo)
        && !value.Trim().TrimEnd('/').EndsWith('/')
        && value.Trim().TrimEnd('/').Length == uri.GetLeftPart(UriPartial.Authority).Length;

    static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{ConfigurationKey.Describe(key)} must be from {min} to {max}; got {value}.");
        }
    }

    static void Positive(List<string> errors, string key, double? value)
    {
        if (value is { } v && !(v > 0))
        {
            errors.Add($"{ConfigurationKey.Describe(key)} must be an amount above 0 (or empty for none); got {v}.");
        }
    }
}
