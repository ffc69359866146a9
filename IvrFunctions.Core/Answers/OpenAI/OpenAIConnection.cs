using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Azure.Identity;
using global::OpenAI;
using global::OpenAI.Chat;
using global::OpenAI.Embeddings;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Providers;
using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Answers.OpenAI;

/// <summary>
/// The chat and embedding clients of the active answer provider (OpenAI or Azure OpenAI, SDK 2.1.0), built over the
/// resilient <see cref="ProviderHttpClients.OpenAI"/> HttpClient. The SDK's own retries are off (ours honour Retry-After
/// and know the error classes); its network timeout sits above ours.
/// </summary>
public sealed class OpenAIConnection
{
    readonly OpenAIErrorMapper _errors;
    readonly TimeProvider _time;

    public OpenAIConnection(
        ActiveProviders providers,
        IHttpClientFactory clients,
        OpenAIErrorMapper errors,
        IOptions<OpenAIOptions> openAI,
        IOptions<AzureOpenAIOptions> azure,
        IOptions<ProviderHttpOptions> http,
        TimeProvider time)
    {
        _errors = errors;
        _time = time;
        Provider = providers.Answers;
        var transport = new HttpClientPipelineTransport(clients.CreateClient(ProviderHttpClients.OpenAI));
        var networkTimeout = TimeSpan.FromSeconds(http.Value.TotalTimeoutSeconds + 5);
        if (Provider == ProviderNames.AzureOpenAI)
        {
            var settings = azure.Value;
            var options = new AzureOpenAIClientOptions { Transport = transport, RetryPolicy = new ClientRetryPolicy(0), NetworkTimeout = networkTimeout };
            var client = string.IsNullOrWhiteSpace(settings.ApiKey)
                ? new AzureOpenAIClient(settings.Endpoint!, new DefaultAzureCredential(), options)
                : new AzureOpenAIClient(settings.Endpoint!, new ApiKeyCredential(settings.ApiKey), options);
            ChatModel = settings.ChatDeployment ?? "";
            EmbeddingModel = settings.EmbeddingDeployment ?? "";
            Chat = client.GetChatClient(ChatModel);
            Embeddings = client.GetEmbeddingClient(EmbeddingModel);
            ChatService = ApiServices.AzureOpenAIChat;
            EmbeddingService = ApiServices.AzureOpenAIEmbeddings;
        }
        else
        {
            var settings = openAI.Value;
            var options = new OpenAIClientOptions { Endpoint = settings.Endpoint, Transport = transport, RetryPolicy = new ClientRetryPolicy(0), NetworkTimeout = networkTimeout };
            var client = new OpenAIClient(new ApiKeyCredential(settings.ApiKey ?? ""), options);
            ChatModel = settings.ChatModel;
            EmbeddingModel = settings.EmbeddingModel;
            Chat = client.GetChatClient(ChatModel);
            Embeddings = client.GetEmbeddingClient(EmbeddingModel);
            ChatService = ApiServices.OpenAIChat;
            EmbeddingService = ApiServices.OpenAIEmbeddings;
        }
    }

    /// <summary><c>openai</c> or <c>azureopenai</c>.</summary>
    public string Provider { get; }

    public string ChatModel { get; }

    public string EmbeddingModel { get; }

    public string ChatService { get; }

    public string EmbeddingService { get; }

    public ChatClient Chat { get; }

    public EmbeddingClient Embeddings { get; }

    /// <summary>Turns what the SDK threw into a <see cref="ClassifiedException"/> (null when it is not a provider failure).</summary>
    public ClassifiedException? Classify(Exception exception, CancellationToken cancellationToken, out int? statusCode)
    {
        statusCode = null;
        var name = Provider == ProviderNames.AzureOpenAI ? "Azure OpenAI" : "OpenAI";
        if (exception is ClientResultException result && result.Status > 0)
        {
            statusCode = result.Status;
            var response = result.GetRawResponse();
            string? Header(string header) => response is not null && response.Headers.TryGetValue(header, out var value) ? value : null;
            var error = _errors.Map(result.Status, Header, response?.Content?.ToString());
            if (error.RetryAfter is null && RetryAfterHeader.Read(Header, _time) is { } wait)
            {
                error = error with { RetryAfter = wait };
            }

            return error.ToException(name);
        }

        return ProviderResilience.Classify(exception, cancellationToken) is { } category
            ? exception as ClassifiedException ?? new ClassifiedException(category, $"{name} call failed: {exception.GetBaseException().Message}", exception)
            : null;
    }
}
