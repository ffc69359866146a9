namespace IvrFunctions.Core.Errors;

/// <summary>A failure already classified by the code that saw it (a provider client, the recording fetcher, ...).</summary>
public class ClassifiedException : Exception
{
    public ClassifiedException(ErrorCategory category, string message, Exception? innerException = null, TimeSpan? retryAfter = null)
        : base(message, innerException)
    {
        Category = category;
        RetryAfter = retryAfter;
    }

    public ErrorCategory Category { get; }

    /// <summary>How long the provider asked us to wait (Retry-After, Google RetryInfo), if it said.</summary>
    public TimeSpan? RetryAfter { get; }

    public bool IsRetryable => ErrorCatalog.Describe(Category).Retryable;
}
