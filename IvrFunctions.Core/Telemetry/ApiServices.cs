namespace IvrFunctions.Core.Telemetry;

/// <summary>The external services whose calls are counted and priced.</summary>
public static class ApiServices
{
    public const string GoogleStt = "google_stt";
    public const string GoogleTts = "google_tts";
    public const string OpenAIChat = "openai_chat";
    public const string OpenAIEmbeddings = "openai_embeddings";
    public const string AzureOpenAIChat = "azure_openai_chat";
    public const string AzureOpenAIEmbeddings = "azure_openai_embeddings";
    public const string Exotel = "exotel";

    public static readonly IReadOnlyList<string> All = [GoogleStt, GoogleTts, OpenAIChat, OpenAIEmbeddings, AzureOpenAIChat, AzureOpenAIEmbeddings, Exotel];
}
