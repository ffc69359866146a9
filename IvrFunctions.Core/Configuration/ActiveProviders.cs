using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Configuration;

/// <summary>The providers in effect once defaults are applied: an explicit setting wins, else the first with credentials, else offline.</summary>
public sealed class ActiveProviders(
    IOptions<SpeechOptions> speech,
    IOptions<AnswersOptions> answers,
    IOptions<GoogleOptions> google,
    IOptions<OpenAIOptions> openAI,
    IOptions<AzureOpenAIOptions> azureOpenAI)
{
    public string Speech { get; } = Resolve(speech.Value.Provider, google.Value.HasCredentials ? ProviderNames.Google : null);

    public string Answers { get; } = Resolve(
        answers.Value.Provider,
        openAI.Value.HasCredentials ? ProviderNames.OpenAI : azureOpenAI.Value.HasCredentials ? ProviderNames.AzureOpenAI : null);

    public bool AnyOffline => Speech == ProviderNames.Offline || Answers == ProviderNames.Offline;

    static string Resolve(string? configured, string? withCredentials) =>
        !string.IsNullOrWhiteSpace(configured) ? configured.Trim().ToLowerInvariant() : withCredentials ?? ProviderNames.Offline;
}
