using System.Net.Http.Headers;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Errors;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace IvrFunctions.Core.Providers;

/// <summary>
/// The resilience pipeline of every provider HTTP client: total timeout → retry → per-attempt timeout. Retries only what can
/// succeed on a second try (rate limit, 5xx unavailable, 504/408, connection failures, attempt timeouts); a 500 is retried
/// once; quota, auth and bad-request errors never. The wait honours Retry-After (header, or Google's RetryInfo through the
/// vendor's <see cref="IProviderErrorMapper"/>); a wait longer than <see cref="ProviderHttpOptions.MaxRetryAfterSeconds"/> is
/// not waited for here: the error goes back to the caller with its RetryAfter.
/// </summary>
public static class ProviderResilience
{
    static readonly ResiliencePropertyKey<ProviderError> LastError = new("ivr.provider-error");

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, IProviderErrorMapper mapper, ProviderHttpOptions options,
        TimeProvider time, ILogger logger, string clientName)
    {
        pipeline.AddTimeout(TimeSpan.FromSeconds(options.TotalTimeoutSeconds));
        pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = Math.Max(0, options.MaxRetries),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(options.BaseDelayMilliseconds),
            MaxDelay = TimeSpan.FromSeconds(Math.Max(1, options.MaxRetryAfterSeconds)),
            ShouldHandle = async args =>
            {
                if (args.Outcome.Exception is not null)
                {
                    return args.Outcome.Exception is HttpRequestException or TimeoutRejectedException;
                }

                var response = args.Outcome.Result!;
                if (response.IsSuccessStatusCode)
                {
                    return false;
                }

                var error = await ReadErrorAsync(response, mapper, time, args.Context.CancellationToken);
                args.Context.Properties.Set(LastError, error);
                return IsRetryable(error, args.AttemptNumber, options);
            },
            DelayGenerator = args =>
                new ValueTask<TimeSpan?>(args.Outcome.Result is not null && args.Context.Properties.TryGetValue(LastError, out var error) && error.RetryAfter is { } wait
                    ? wait
                    : null),
            OnRetry = args =>
            {
                logger.LogWarning("{Client}: attempt {Attempt} failed ({Outcome}); retrying in {DelayMs:0} ms", clientName, args.AttemptNumber + 1,
                    args.Outcome.Exception?.GetType().Name ?? ((int)args.Outcome.Result!.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    args.RetryDelay.TotalMilliseconds);
                return ValueTask.CompletedTask;
            },
        });
        pipeline.AddTimeout(TimeSpan.FromSeconds(options.AttemptTimeoutSeconds));
    }

    public static bool IsRetryable(ProviderError error, int attemptNumber, ProviderHttpOptions options) =>
        error.Category is ErrorCategory.RateLimited or ErrorCategory.ProviderUnavailable or ErrorCategory.Timeout
        && !(error.StatusCode == 500 && attemptNumber >= 1)
        && (error.RetryAfter is null || error.RetryAfter <= TimeSpan.FromSeconds(options.MaxRetryAfterSeconds));

    /// <summary>Buffers and classifies an error response (the body stays readable for the client afterwards).</summary>
    public static async Task<ProviderError> ReadErrorAsync(HttpResponseMessage response, IProviderErrorMapper mapper, TimeProvider time, CancellationToken cancellationToken)
    {
        string? body = null;
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            // The body could not be read; classify by status alone.
        }

        var error = mapper.Map((int)response.StatusCode, name => Header(response.Headers, name), body);
        return error.RetryAfter is null && RetryAfterHeader.Read(name => Header(response.Headers, name), time) is { } wait
            ? error with { RetryAfter = wait }
            : error;
    }

    static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>The category of an exception a provider call ended with (after the pipeline gave up).</summary>
    public static ErrorCategory? Classify(Exception exception, CancellationToken callerToken)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case ClassifiedException classified:
                    return classified.Category;
                case TimeoutRejectedException:
                    return ErrorCategory.Timeout;
                case OperationCanceledException when !callerToken.IsCancellationRequested:
                    return ErrorCategory.Timeout;
                case HttpRequestException:
                    return ErrorCategory.ProviderUnavailable;
                case System.Text.Json.JsonException:
                    return ErrorCategory.ProviderUnavailable; // a success status with a body that is not the API's JSON
            }
        }

        return null;
    }
}
