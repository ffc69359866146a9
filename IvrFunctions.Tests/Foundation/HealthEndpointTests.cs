using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IvrFunctions.SelfHost.Azurite;
using IvrFunctions.Tests.Infrastructure;

namespace IvrFunctions.Tests.Foundation;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Health_WithAzurite_Returns200WithReachableStorageProvidersAndVersion()
    {
        await using var server = await SelfHostServer.StartAsync();

        var response = await server.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("selfhost", body.GetProperty("host").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", body.GetProperty("version").GetString());
        Assert.True(body.GetProperty("storage").GetProperty("reachable").GetBoolean());
        Assert.Equal("devstoreaccount1", body.GetProperty("storage").GetProperty("account").GetString());
        Assert.Equal("offline", body.GetProperty("providers").GetProperty("speech").GetString());
        Assert.Equal("offline", body.GetProperty("providers").GetProperty("answers").GetString());
        Assert.True(body.GetProperty("providers").GetProperty("offlineActive").GetBoolean());
    }

    [Fact]
    public async Task Health_StorageNotListening_Returns503NamingTheProblem()
    {
        using var closed = new RefusingPort();
        var unreachable = new AzuriteSettings(closed.Port, closed.Port, closed.Port, null).ConnectionString;
        await using var server = await SelfHostServer.StartAsync(unreachable);

        var response = await server.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        Assert.False(body.GetProperty("storage").GetProperty("reachable").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("storage").GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Health_GoogleAndOpenAIKeysConfigured_ReportsCloudProviders()
    {
        await using var server = await SelfHostServer.StartAsync(null, "--Google:ApiKey=fake-google-key", "--OpenAI:ApiKey=fake-openai-key");

        var body = await server.Client.GetFromJsonAsync<JsonElement>("/api/health");

        Assert.Equal("google", body.GetProperty("providers").GetProperty("speech").GetString());
        Assert.Equal("openai", body.GetProperty("providers").GetProperty("answers").GetString());
        Assert.False(body.GetProperty("providers").GetProperty("offlineActive").GetBoolean());
    }
}
