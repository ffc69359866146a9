namespace IvrFunctions.Core.Configuration;

/// <summary>Azure OpenAI settings (section <c>AzureOpenAI</c>).</summary>
public sealed class AzureOpenAIOptions
{
    public const string SectionName = "AzureOpenAI";

    public Uri? Endpoint { get; set; }

    /// <summary>Empty: authenticate with the managed identity (DefaultAzureCredential).</summary>
    public string? ApiKey { get; set; }

    public string? ChatDeployment { get; set; }

    public string? EmbeddingDeployment { get; set; }

    public bool HasCredentials => !string.IsNullOrEmpty(Endpoint?.OriginalString);
}
