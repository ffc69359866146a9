using System.Text.Json.Serialization;

namespace IvrFunctions.SelfHost.Dashboard;

/// <summary>The page's <c>config.json</c>: where the API is, and the refresh defaults.</summary>
public sealed record DashboardConfig(
    [property: JsonPropertyName("apiBaseUrl")] string ApiBaseUrl,
    [property: JsonPropertyName("refreshSeconds")] int RefreshSeconds = 10,
    [property: JsonPropertyName("defaultWindow")] string DefaultWindow = "1h",
    [property: JsonPropertyName("source")] string? Source = null);
