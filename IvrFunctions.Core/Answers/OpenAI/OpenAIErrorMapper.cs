using System.Text.Json;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Providers;

namespace IvrFunctions.Core.Answers.OpenAI;

/// <summary>
/// OpenAI and Azure OpenAI error bodies (<c>{"error":{"message","type","param","code"}}</c>): 401/403 → auth, 429 with
/// <c>insufficient_quota</c> → quota (never retried), other 429 → rate limit (Retry-After / retry-after-ms), 400/404/422 → bad
/// request (404 is usually a retired model or a wrong deployment name), 408/504 → timeout, other 5xx → unavailable.
/// </summary>
public sealed class OpenAIErrorMapper : IProviderErrorMapper
{
    public ProviderError Map(int statusCode, Func<string, string?> header, string? body)
    {
        var (message, type, code) = Parse(body);
        var quota = code == "insufficient_quota" || type == "insufficient_quota";
        var category = statusCode switch
        {
            401 or 403 => ErrorCategory.ProviderAuth,
            429 when quota => ErrorCategory.ProviderQuota,
            429 => ErrorCategory.RateLimited,
            408 or 504 => ErrorCategory.Timeout,
            >= 500 => ErrorCategory.ProviderUnavailable,
            _ => ErrorCategory.BadRequest,
        };
        var detail = string.Join(' ', new[] { code ?? type, message is { Length: > 200 } ? message[..200] + "…" : message }.Where(s => !string.IsNullOrEmpty(s)));
        return new ProviderError(category, statusCode, detail.Length == 0 ? $"HTTP {statusCode}" : detail, null);
    }

    static (string? Message, string? Type, string? Code) Parse(string? body)
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

            static string? Text(JsonElement e, string name) =>
                e.TryGetProperty(name, out var v) ? v.ValueKind switch { JsonValueKind.String => v.GetString(), JsonValueKind.Number => v.GetRawText(), _ => null } : null;
            return (Text(error, "message"), Text(error, "type"), Text(error, "code"));
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
