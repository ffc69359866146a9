namespace IvrFunctions.Core.Errors;

/// <summary>For each <see cref="ErrorCategory"/>: whether a retry can help, who is at fault, and what a person should do.</summary>
public static class ErrorCatalog
{
    static readonly Dictionary<ErrorCategory, ErrorDescription> Descriptions = new ErrorDescription[]
    {
        new(ErrorCategory.ProviderAuth, "provider_auth", false, ErrorFault.Configuration, "Provider rejected the credentials",
            "Check the API key or service-account JSON for the provider named in the error (Google__ApiKey, OpenAI__ApiKey, AzureOpenAI__ApiKey) and that the key is enabled for this API."),
        new(ErrorCategory.ProviderQuota, "provider_quota", false, ErrorFault.Configuration, "Provider quota or billing limit reached",
            "Raise the quota or fix billing in the provider's console; until then answers fall back to text or apologies."),
        new(ErrorCategory.RateLimited, "rate_limited", true, ErrorFault.Provider, "Provider rate limit hit",
            "Retries honour Retry-After; if it persists, request a higher rate limit or reduce concurrent calls."),
        new(ErrorCategory.ProviderUnavailable, "provider_unavailable", true, ErrorFault.Provider, "Provider unavailable (5xx or connection failure)",
            "Usually transient: check the provider's status page; retries are automatic. Consider the offline providers as a fallback."),
        new(ErrorCategory.Timeout, "timeout", true, ErrorFault.Provider, "A stage ran past its time limit",
            "Look at the stage's p95 on the components view; a slow provider region or oversized input is the usual cause. The turn deadline is Turns__DeadlineSeconds."),
        new(ErrorCategory.BadRequest, "bad_request", false, ErrorFault.Platform, "Provider rejected the request as invalid",
            "The request shape or a setting (model, voice, language code) is wrong: check the detail, the configured model/voice names, and the provider's changelog for retired models."),
        new(ErrorCategory.AudioDownload, "audio_download", true, ErrorFault.Provider, "The recording could not be downloaded",
            "Check Exotel__ApiKey/ApiToken and that the RecordingUrl host is listed in Exotel__RecordingHosts; Exotel may also publish the recording late."),
        new(ErrorCategory.AudioFormat, "audio_format", false, ErrorFault.Caller, "The recording is not audio we can decode",
            "Confirm the Exotel Voicemail applet records WAV or MP3; inspect the sample turn's recording."),
        new(ErrorCategory.AudioTooLong, "audio_too_long", false, ErrorFault.Caller, "The recording exceeds the size or duration limit",
            "Lower the Voicemail applet's maximum duration, or raise the recording limits if long questions are expected."),
        new(ErrorCategory.EmptyTranscript, "empty_transcript", false, ErrorFault.Caller, "Nothing intelligible was said",
            "The caller was asked to repeat. Many of these suggest line noise or the wrong recognition language: check the language menu."),
        new(ErrorCategory.NoAnswerFound, "no_answer_found", false, ErrorFault.Platform, "The knowledge base had nothing relevant",
            "Add documents covering the sample turns' questions to the knowledge base and re-ingest."),
        new(ErrorCategory.Storage, "storage", true, ErrorFault.Platform, "Table or Blob storage failed",
            "Check the storage account (or Azurite locally) is reachable and the app's identity has Blob/Table data roles."),
        new(ErrorCategory.WebhookInput, "webhook_input", false, ErrorFault.Caller, "A webhook arrived with missing or invalid parameters",
            "Check the Exotel flow's applet URLs and order (Passthru after Voicemail so RecordingUrl is sent)."),
        new(ErrorCategory.Configuration, "configuration", false, ErrorFault.Configuration, "A setting is missing or invalid",
            "Fix the setting named in the detail; /api/health and the start-up log name it."),
        new(ErrorCategory.Internal, "internal", false, ErrorFault.Platform, "Unexpected internal error",
            "A bug: open the sample turn (GET /api/turns/{id}) and the host log around its time, and report it."),
    }.ToDictionary(d => d.Category);

    public static ErrorDescription Describe(ErrorCategory category) => Descriptions[category];

    public static IReadOnlyCollection<ErrorDescription> All => Descriptions.Values;
}
