using System.Text.Json.Nodes;

namespace IvrFunctions.Tests.Deploy;

/// <summary>The deployments the tests evaluate, each snapshotted once per test run.</summary>
static class DeploymentScenarios
{
    /// <summary>Every optional part switched on: all secrets given (azd env set ...), Azure OpenAI deployed, overrides set.</summary>
    public static readonly IReadOnlyDictionary<string, string> FullEnvironment = new Dictionary<string, string>(DeploymentTemplate.MinimalEnvironment)
    {
        ["EXOTEL_API_KEY"] = "exotel-key",
        ["EXOTEL_API_TOKEN"] = "exotel-token",
        ["GOOGLE_API_KEY"] = "google-key",
        ["GOOGLE_CREDENTIALS_JSON"] = "{\"type\":\"service_account\"}",
        ["OPENAI_API_KEY"] = "openai-key",
        ["AZURE_OPENAI_API_KEY"] = "azure-openai-key",
        ["DEPLOY_AZURE_OPENAI"] = "true",
        ["ALWAYS_READY_HTTP_INSTANCES"] = "1",
    };

    /// <summary>The audio base address the full scenario overrides through additionalAppSettings (a custom domain).</summary>
    public const string CustomAudioBaseUrl = "https://ivr.example.com";

    static readonly Lazy<Task<DeploymentSnapshot>> FullSnapshot = new(async () =>
    {
        var values = await DeploymentTemplate.ResolveParametersAsync(FullEnvironment);
        values["openAIEndpoint"] = "https://gateway.example.com/v1";
        values["openAIChatModel"] = "gpt-4.1-mini";
        values["openAIEmbeddingModel"] = "text-embedding-3-small";
        values["exotelRecordingHosts"] = new JsonArray("recordings.exotel.com", "s3-ap-southeast-1.amazonaws.com");
        // What README "Deploying with azd" shows: a price row for a service without default prices, and a custom domain.
        values["additionalAppSettings"] = new JsonObject
        {
            ["Prices__Rows__0__Service"] = "azure_openai_chat",
            ["Prices__Rows__0__Sku"] = "gpt-4.1-mini",
            ["Prices__Rows__0__Unit"] = "InputToken",
            ["Prices__Rows__0__Per"] = "1000000",
            ["Prices__Rows__0__UnitPriceUsd"] = "0.4",
            ["Audio__PublicBaseUrl"] = CustomAudioBaseUrl,
        };
        return await DeploymentTemplate.SnapshotAsync("full", values);
    });

    static readonly Lazy<Task<DeploymentSnapshot>> MinimalSnapshot = new(async () =>
        await DeploymentTemplate.SnapshotAsync("minimal", await DeploymentTemplate.ResolveParametersAsync(DeploymentTemplate.MinimalEnvironment)));

    public static Task<DeploymentSnapshot> Full() => FullSnapshot.Value;

    public static Task<DeploymentSnapshot> Minimal() => MinimalSnapshot.Value;
}
