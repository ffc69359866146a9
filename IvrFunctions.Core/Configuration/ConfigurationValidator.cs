using IvrFunctions.Core.Insights.Configuration;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Configuration;

/// <summary>
/// Checks the settings that only make sense together (a provider and its credentials). Every failure names the key,
/// so the host can stop with one line a person can act on.
/// </summary>
public sealed class ConfigurationValidator(
    IOptions<StorageOptions> storage,
    IOptions<SpeechOptions> speech,
    IOptions<AnswersOptions> answers,
    IOptions<GoogleOptions> google,
    IOptions<OpenAIOptions> openAI,
    IOptions<AzureOpenAIOptions> azureOpenAI,
    IOptions<ExotelOptions> exotel,
    IOptions<InsightsOptions>? insights = null,
    IOptions<AlertsOptions>? alerts = null,
    IOptions<DashboardOptions>? dashboard = null)
{
    public IReadOnlyList<string> Validate(IvrOptions ivr)
    {
        var errors = new List<string>();
        ValidateStorage(storage.Value, errors);
        ValidateProviders(errors);
        ValidateLanguage(ivr, errors);
        ValidateEndpoint($"{GoogleOptions.SectionName}:SpeechEndpoint", google.Value.SpeechEndpoint, errors);
        ValidateEndpoint($"{GoogleOptions.SectionName}:TextToSpeechEndpoint", google.Value.TextToSpeechEndpoint, errors);
        ValidateEndpoint($"{OpenAIOptions.SectionName}:Endpoint", openAI.Value.Endpoint, errors);
        ValidateEndpoint($"{AzureOpenAIOptions.SectionName}:Endpoint", azureOpenAI.Value.Endpoint, errors);
        for (var i = 0; i < exotel.Value.RecordingHosts.Count; i++)
        {
            var host = exotel.Value.RecordingHosts[i];
            if (string.IsNullOrWhiteSpace(host) || Uri.CheckHostName(host.Trim()) == UriHostNameType.Unknown)
            {
                errors.Add($"{ConfigurationKey.Describe($"{ExotelOptions.SectionName}:RecordingHosts:{i}")} must be a host name such as recordings.exotel.com; got '{host}'.");
            }
        }

        InsightsConfigurationRules.Validate(insights?.Value, alerts?.Value, dashboard?.Value, errors);
        return errors;
    }

    static void ValidateStorage(StorageOptions options, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString) && options.BlobServiceUri is null && options.TableServiceUri is null)
        {
            errors.Add($"{ConfigurationKey.Describe(StorageOptions.Key)} is missing: set a storage connection string (UseDevelopmentStorage=true for Azurite) or {StorageOptions.Key}__blobServiceUri and __tableServiceUri.");
            return;
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString) && (options.BlobServiceUri is null || options.TableServiceUri is null))
        {
            errors.Add($"{ConfigurationKey.Describe(StorageOptions.Key)}: identity-based storage needs both {StorageOptions.Key}__blobServiceUri and {StorageOptions.Key}__tableServiceUri.");
        }

        if (!string.IsNullOrWhiteSpace(options.ConnectionString) && !options.IsDevelopmentStorage && !LooksLikeConnectionString(options.ConnectionString))
        {
            errors.Add($"{ConfigurationKey.Describe(StorageOptions.Key)} is not a storage connection string (expected key=value pairs such as AccountName=...;AccountKey=... or UseDevelopmentStorage=true).");
        }
    }

    static bool LooksLikeConnectionString(string value) =>
        value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(part => part.Contains('=', StringComparison.Ordinal));

    void ValidateProviders(List<string> errors)
    {
        var speechProvider = speech.Value.Provider?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(speechProvider) && !ProviderNames.Speech.Contains(speechProvider))
        {
            errors.Add($"{ConfigurationKey.Describe($"{SpeechOptions.SectionName}:Provider")} must be one of {string.Join(", ", ProviderNames.Speech)}; got '{speech.Value.Provider}'.");
        }
        else if (speechProvider == ProviderNames.Google && !google.Value.HasCredentials)
        {
            errors.Add($"{ConfigurationKey.Describe($"{GoogleOptions.SectionName}:ApiKey")} or {ConfigurationKey.Describe($"{GoogleOptions.SectionName}:CredentialsJson")} is required when Speech:Provider is google.");
        }

        var answersProvider = answers.Value.Provider?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(answersProvider) && !ProviderNames.Answers.Contains(answersProvider))
        {
            errors.Add($"{ConfigurationKey.Describe($"{AnswersOptions.SectionName}:Provider")} must be one of {string.Join(", ", ProviderNames.Answers)}; got '{answers.Value.Provider}'.");
        }
        else if (answersProvider == ProviderNames.OpenAI && !openAI.Value.HasCredentials)
        {
            errors.Add($"{ConfigurationKey.Describe($"{OpenAIOptions.SectionName}:ApiKey")} is required when Answers:Provider is openai.");
        }
        else if (answersProvider == ProviderNames.AzureOpenAI || (string.IsNullOrEmpty(answersProvider) && !openAI.Value.HasCredentials && azureOpenAI.Value.HasCredentials))
        {
            var azure = azureOpenAI.Value;
            if (!azure.HasCredentials)
            {
                errors.Add($"{ConfigurationKey.Describe($"{AzureOpenAIOptions.SectionName}:Endpoint")} is required when Answers:Provider is azureopenai.");
            }
            else if (string.IsNullOrWhiteSpace(azure.ChatDeployment))
            {
                errors.Add($"{ConfigurationKey.Describe($"{AzureOpenAIOptions.SectionName}:ChatDeployment")} is required when Answers:Provider is azureopenai.");
            }
            else if (string.IsNullOrWhiteSpace(azure.EmbeddingDeployment))
            {
                errors.Add($"{ConfigurationKey.Describe($"{AzureOpenAIOptions.SectionName}:EmbeddingDeployment")} is required when Answers:Provider is azureopenai.");
            }
        }
    }

    static void ValidateEndpoint(string key, Uri? endpoint, List<string> errors)
    {
        if (!string.IsNullOrEmpty(endpoint?.OriginalString) && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("https" or "http")))
        {
            errors.Add($"{ConfigurationKey.Describe(key)} must be an absolute http(s) URL; got '{endpoint}'.");
        }
    }

    static void ValidateLanguage(IvrOptions options, List<string> errors)
    {
        if (options.DefaultLanguage is not ("en-IN" or "hi-IN"))
        {
            errors.Add($"{ConfigurationKey.Describe($"{IvrOptions.SectionName}:DefaultLanguage")} must be en-IN or hi-IN; got '{options.DefaultLanguage}'.");
        }
    }
}
