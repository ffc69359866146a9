using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Storage;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Health;

/// <summary>What this host is configured to do, without any secret: for operators checking a deployment.</summary>
public sealed class InfoService(
    HostInfo host,
    ActiveProviders providers,
    StorageAccount storage,
    IOptions<IvrOptions> ivr,
    IOptions<OpenAIOptions> openAI,
    IOptions<AzureOpenAIOptions> azureOpenAI,
    IOptions<ExotelOptions> exotel)
{
    public HostConfigurationInfo Describe() => new(
        ProductInfo.Version,
        host.Name,
        storage.Blobs.AccountName,
        providers.Speech,
        providers.Answers,
        providers.Answers switch
        {
            ProviderNames.OpenAI => openAI.Value.ChatModel,
            ProviderNames.AzureOpenAI => azureOpenAI.Value.ChatDeployment,
            _ => null,
        },
        ivr.Value.DefaultLanguage,
        [.. exotel.Value.RecordingHosts],
        !string.IsNullOrWhiteSpace(exotel.Value.ApiKey) && !string.IsNullOrWhiteSpace(exotel.Value.ApiToken));
}

public sealed record HostConfigurationInfo(
    string Version,
    string Host,
    string StorageAccount,
    string SpeechProvider,
    string AnswersProvider,
    string? ChatModel,
    string DefaultLanguage,
    IReadOnlyList<string> RecordingHosts,
    bool ExotelCredentialsConfigured);
