namespace IvrFunctions.Core.Configuration;

public static class ProviderNames
{
    public const string Google = "google";
    public const string OpenAI = "openai";
    public const string AzureOpenAI = "azureopenai";
    public const string Offline = "offline";

    public static readonly IReadOnlyList<string> Speech = [Google, Offline];
    public static readonly IReadOnlyList<string> Answers = [OpenAI, AzureOpenAI, Offline];
}
