namespace IvrFunctions.Core.Errors;

/// <summary>The fixed set every failure is classified into; see <see cref="ErrorCatalog"/> for what each means and what to do.</summary>
public enum ErrorCategory
{
    ProviderAuth = 1,
    ProviderQuota,
    RateLimited,
    ProviderUnavailable,
    Timeout,
    BadRequest,
    AudioDownload,
    AudioFormat,
    AudioTooLong,
    EmptyTranscript,
    NoAnswerFound,
    Storage,
    WebhookInput,
    Configuration,
    Internal,
}
