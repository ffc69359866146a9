using System.Globalization;
using System.Text.Json;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Providers;

namespace IvrFunctions.Core.Speech.Google;

/// <summary>
/// Google's error body (<c>{"error":{"code","message","status","details":[ErrorInfo, RetryInfo]}}</c>, AIP-193) to an error
/// class: INVALID_ARGUMENT etc. → bad request (API_KEY_INVALID → auth), UNAUTHENTICATED/PERMISSION_DENIED → auth (billing →
/// quota), RESOURCE_EXHAUSTED → quota when ErrorInfo says RESOURCE_QUOTA_EXCEEDED (or a daily limit), else rate limit with
/// RetryInfo's delay; UNAVAILABLE/INTERNAL → unavailable; DEADLINE_EXCEEDED → timeout.
/// </summary>
public sealed class GoogleErrorMapper : IProviderErrorMapper
{
    public ProviderError Map(int statusCode, Func<string, string?> header, string? body)
    {
        var (status, message, reason, retryDelay) = Parse(body);
        var detail = string.Join(' ', new[] { status, reason is null ? null : $"({reason})", Shorten(message) }.Where(s => !string.IsNullOrEmpty(s)));
        if (detail.Length == 0)
        {
            detail = $"HTTP {statusCode}";
        }

        var category = (status, reason, statusCode) switch
        {
            (_, "API_KEY_INVALID" or "API_KEY_SERVICE_BLOCKED" or "CREDENTIALS_MISSING" or "ACCESS_TOKEN_EXPIRED" or "ACCESS_TOKEN_SCOPE_INSUFFICIENT" or "SERVICE_DISABLED", _) => ErrorCategory.ProviderAuth,
            (_, "BILLING_DISABLED" or "RESOURCE_QUOTA_EXCEEDED", _) => ErrorCategory.ProviderQuota,
            (_, "RATE_LIMIT_EXCEEDED", _) => ErrorCategory.RateLimited,
            ("RESOURCE_EXHAUSTED", _, _) => message?.Contains("per day", StringComparison.OrdinalIgnoreCase) == true ? ErrorCategory.ProviderQuota : ErrorCategory.RateLimited,
            ("UNAUTHENTICATED" or "PERMISSION_DENIED", _, _) => ErrorCategory.ProviderAuth,
            ("INVALID_ARGUMENT" or "FAILED_PRECONDITION" or "OUT_OF_RANGE" or "NOT_FOUND" or "ALREADY_EXISTS", _, _) => ErrorCategory.BadRequest,
            ("UNAVAILABLE" or "INTERNAL" or "UNKNOWN" or "DATA_LOSS", _, _) => ErrorCategory.ProviderUnavailable,
            ("DEADLINE_EXCEEDED", _, _) => ErrorCategory.Timeout,
            (_, _, 401 or 403) => ErrorCategory.ProviderAuth,
            (_, _, 429) => ErrorCategory.RateLimited,
            (_, _, 408 or 504) => ErrorCategory.Timeout,
            (_, _, >= 500) => ErrorCategory.ProviderUnavailable,
            _ => ErrorCategory.BadRequest,
        };
        return new ProviderError(category, statusCode, detail, retryDelay);
    }

    static (string? Status, string? Message, string? Reason, TimeSpan? RetryDelay) Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return default;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            {
                return default;
            }

            string? reason = null;
            TimeSpan? delay = null;
            if (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
            {
                foreach (var detail in details.EnumerateArray())
                {
                    var type = detail.TryGetProperty("@type", out var t) ? t.GetString() : null;
                    if (type?.EndsWith("google.rpc.ErrorInfo", StringComparison.Ordinal) == true && detail.TryGetProperty("reason", out var r))
                    {
                        reason = r.GetString();
                    }
                    else if (type?.EndsWith("google.rpc.RetryInfo", StringComparison.Ordinal) == true && detail.TryGetProperty("retryDelay", out var d))
                    {
                        delay = ParseDuration(d.GetString());
                    }
                }
            }

            return (Text(error, "status"), Text(error, "message"), reason, delay);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A protobuf JSON Duration such as <c>"30s"</c> or <c>"4.230s"</c>.</summary>
    public static TimeSpan? ParseDuration(string? value) =>
        value is { Length: > 1 } && value.EndsWith('s') && double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;

    static string? Shorten(string? message) => message is { Length: > 200 } ? message[..200] + "…" : message;
}
