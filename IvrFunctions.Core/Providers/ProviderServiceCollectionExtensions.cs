using IvrFunctions.Core.Answers;
using IvrFunctions.Core.Answers.KnowledgeBase;
using IvrFunctions.Core.Answers.Offline;
using IvrFunctions.Core.Answers.OpenAI;
using IvrFunctions.Core.Answers.Retrieval;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Speech;
using IvrFunctions.Core.Speech.Google;
using IvrFunctions.Core.Speech.Offline;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Providers;

public static class ProviderServiceCollectionExtensions
{
    /// <summary>
    /// Registers the speech and answer providers, chosen at resolve time by <see cref="ActiveProviders"/>:
    /// <see cref="ISpeechToText"/> (Google or pocketsphinx), <see cref="IAnswerAudioSynthesizer"/> (audio cache over Google TTS or
    /// espeak-ng), <see cref="IAnswerService"/> (response cache, hybrid retrieval, OpenAI / Azure OpenAI chat or extractive), the
    /// knowledge-base ingestor and index, and the resilient provider HTTP clients.
    /// </summary>
    public static IServiceCollection AddIvrProviders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GoogleSpeechOptions>().Bind(configuration.GetSection(GoogleSpeechOptions.SectionName));
        services.AddOptions<OfflineSpeechOptions>().Bind(configuration.GetSection(OfflineSpeechOptions.SectionName));
        services.AddOptions<ProviderHttpOptions>().Bind(configuration.GetSection(ProviderHttpOptions.SectionName));
        services.AddOptions<RagOptions>().Bind(configuration.GetSection(RagOptions.SectionName));
        services.AddOptions<KnowledgeBaseOptions>().Bind(configuration.GetSection(KnowledgeBaseOptions.SectionName));
        services.AddOptions<CacheOptions>().Bind(configuration.GetSection(CacheOptions.SectionName));
        services.AddSingleton<ProviderSettingsValidator>();

        services.AddProviderHttpClient<GoogleErrorMapper>(ProviderHttpClients.Google);
        services.AddProviderHttpClient<OpenAIErrorMapper>(ProviderHttpClients.OpenAI);

        // Speech
        services.AddSingleton<OfflineToolCheck>();
        services.AddSingleton<GoogleAuthenticator>();
        services.AddSingleton<GoogleSpeechToText>();
        services.AddSingleton<GoogleTextToSpeech>();
        services.AddSingleton<PocketSphinxSpeechToText>();
        services.AddSingleton<EspeakTextToSpeech>();
        services.AddSingleton<ISpeechToText>(sp => IsGoogle(sp)
            ? sp.GetRequiredService<GoogleSpeechToText>()
            : sp.GetRequiredService<PocketSphinxSpeechToText>());
        services.AddSingleton<ITextToSpeechEngine>(sp => IsGoogle(sp)
            ? sp.GetRequiredService<GoogleTextToSpeech>()
            : sp.GetRequiredService<EspeakTextToSpeech>());
        services.AddSingleton<IAnswerAudioSynthesizer, AnswerAudioSynthesizer>();

        // Answers
        services.AddSingleton<OpenAIConnection>();
        services.AddSingleton<OpenAIEmbeddingGenerator>();
        services.AddSingleton<OpenAIChatAnswerGenerator>();
        services.AddSingleton<ExtractiveAnswerGenerator>();
        services.AddSingleton<IAnswerGenerator>(sp => IsCloudAnswers(sp)
            ? sp.GetRequiredService<OpenAIChatAnswerGenerator>()
            : sp.GetRequiredService<ExtractiveAnswerGenerator>());
        services.AddSingleton<KnowledgeIndexProvider>();
        services.AddSingleton<IRetriever>(sp => new HybridRetriever(
            sp.GetRequiredService<KnowledgeIndexProvider>(),
            sp.GetRequiredService<IOptions<RagOptions>>(),
            sp.GetRequiredService<ILogger<HybridRetriever>>(),
            Embeddings(sp)));
        services.AddSingleton(sp => new KnowledgeBaseIngestor(
            sp.GetRequiredService<StorageAccount>(),
            sp.GetRequiredService<IOptions<KnowledgeBaseOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            Embeddings(sp)));
        services.AddSingleton<ResponseCache>();
        services.AddSingleton<IAnswerService, AnswerService>();

        services.AddHostedService<ProviderStartupCheck>();
        services.AddHostedService<KnowledgeBaseStartupService>();
        return services;
    }

    static bool IsGoogle(IServiceProvider services) => services.GetRequiredService<ActiveProviders>().Speech == ProviderNames.Google;

    static bool IsCloudAnswers(IServiceProvider services) =>
        services.GetRequiredService<ActiveProviders>().Answers is ProviderNames.OpenAI or ProviderNames.AzureOpenAI;

    static IEmbeddingGenerator? Embeddings(IServiceProvider services) =>
        IsCloudAnswers(services) ? services.GetRequiredService<OpenAIEmbeddingGenerator>() : null;
}
