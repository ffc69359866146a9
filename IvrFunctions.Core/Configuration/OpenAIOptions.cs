namespace IvrFunctions.Core.Configuration;

/// <summary>OpenAI settings (section <c>OpenAI</c>).</summary>
public sealed class OpenAIOptions
{
    public const string SectionName = "OpenAI";

    public string? ApiKey { get; set; }

    /// <summary>The default value is <c>https://api.openai.com/v1</c>.</summary>
    public Uri Endpoint { get; set; } = new("https://api.openai.com/v1");

    /// <summary>The default value is <c>gpt-4.1-mini</c>.</summary>
    public string ChatModel { get; set; } = "gpt-4.1-mini";

    /// <summary>The default value is <c>text-embedding-3-small</c>.</summary>
    public string EmbeddingModel { get; set; } = "text-embedding-3-small";

    public bool HasCredentials => !string.IsNullOrWhiteSpace(ApiKey);
}
