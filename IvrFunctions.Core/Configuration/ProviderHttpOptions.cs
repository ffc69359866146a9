namespace IvrFunctions.Core.Configuration;

/// <summary>Timeouts and retries for every provider HTTP call (section <c>ProviderHttp</c>). Retries happen only for retryable
/// classes (rate limit, unavailable, timeout), honour Retry-After, and give up at once when the provider asks for a longer wait
/// than <see cref="MaxRetryAfterSeconds"/> (the error then carries the wait for the caller).</summary>
public sealed class ProviderHttpOptions
{
    public const string SectionName = "ProviderHttp";

    /// <summary>The default value is <c>10</c>.</summary>
    public double AttemptTimeoutSeconds { get; set; } = 10;

    /// <summary>All attempts together. The default value is <c>25</c>.</summary>
    public double TotalTimeoutSeconds { get; set; } = 25;

    /// <summary>The default value is <c>2</c>.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>First backoff delay (exponential, with jitter). The default value is <c>200</c>.</summary>
    public int BaseDelayMilliseconds { get; set; } = 200;

    /// <summary>Longest Retry-After we wait for inside one call. The default value is <c>5</c>.</summary>
    public double MaxRetryAfterSeconds { get; set; } = 5;
}
