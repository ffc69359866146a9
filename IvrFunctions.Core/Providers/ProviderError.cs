using IvrFunctions.Core.Errors;

namespace IvrFunctions.Core.Providers;

/// <summary>A provider's error response, classified: what kind of failure, how long it asked us to wait, and a short detail
/// (the provider's own status/reason and message, never request content).</summary>
public sealed record ProviderError(ErrorCategory Category, int StatusCode, string Detail, TimeSpan? RetryAfter)
{
    public ClassifiedException ToException(string provider) =>
        new(Category, $"{provider} returned {StatusCode}: {Detail}", retryAfter: RetryAfter);
}
