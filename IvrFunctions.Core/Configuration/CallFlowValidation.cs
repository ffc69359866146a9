namespace IvrFunctions.Core.Configuration;

/// <summary>The call flow's settings (<c>Turns:*</c>, <c>Audio:*</c>), checked by <see cref="ConfigurationValidator"/> at start.</summary>
static class CallFlowValidation
{
    public static void Validate(TurnsOptions turns, AudioOptions audio, StorageOptions storage, List<string> errors)
    {
        Range(errors, "Turns:DeadlineSeconds", turns.DeadlineSeconds, 1, 120);
        Range(errors, "Turns:AnswerWaitSeconds", turns.AnswerWaitSeconds, 0, 25);
        Range(errors, "Turns:ReadyWaitSeconds", turns.ReadyWaitSeconds, 0, 10);
        Range(errors, "Turns:MaxAttempts", turns.MaxAttempts, 1, 10);
        Range(errors, "Turns:AttemptTimeoutSeconds", turns.AttemptTimeoutSeconds, 0.05, 120);
        Range(errors, "Turns:RetryBaseDelayMilliseconds", turns.RetryBaseDelayMilliseconds, 0, 60_000);
        Range(errors, "Turns:CompletionRetrySeconds", turns.CompletionRetrySeconds, 1, 86_400);
        Range(errors, "Turns:MaxRecordingBytes", turns.MaxRecordingBytes, 1024, 100L * 1024 * 1024);
        Range(errors, "Turns:MaxRecordingSeconds", turns.MaxRecordingSeconds, 1, 3600);
        Range(errors, "Turns:Workers", turns.Workers, 1, 1024);
        Range(errors, "Turns:QueueCapacity", turns.QueueCapacity, 1, 100_000);
        Range(errors, "Audio:UrlValidityMinutes", audio.UrlValidityMinutes, 1, 24 * 60);

        if (string.IsNullOrEmpty(audio.SigningKey))
        {
            if (!IsEmulator(storage))
            {
                errors.Add($"{ConfigurationKey.Describe("Audio:SigningKey")} is required unless storage is the local emulator (Azurite): set a random key of at least {AudioOptions.MinimumKeyLength} characters (it signs the answer audio URLs Exotel fetches).");
            }
        }
        else if (audio.SigningKey.Trim().Length < AudioOptions.MinimumKeyLength)
        {
            errors.Add($"{ConfigurationKey.Describe("Audio:SigningKey")} is too short: use at least {AudioOptions.MinimumKeyLength} characters.");
        }

        if (audio.PublicBaseUrl is { OriginalString.Length: > 0 } baseUrl && (!baseUrl.IsAbsoluteUri || baseUrl.Scheme is not ("https" or "http")))
        {
            errors.Add($"{ConfigurationKey.Describe("Audio:PublicBaseUrl")} must be an absolute http(s) URL; got '{baseUrl}'.");
        }
    }

    /// <summary>Azurite, by the development shortcut or by its well-known account name.</summary>
    static bool IsEmulator(StorageOptions storage) =>
        storage.IsDevelopmentStorage
        || (storage.ConnectionString?.Contains("AccountName=devstoreaccount1", StringComparison.OrdinalIgnoreCase) ?? false);

    static void Range(List<string> errors, string key, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            errors.Add($"{ConfigurationKey.Describe(key)} must be between {min} and {max}; got {value}.");
        }
    }
}
