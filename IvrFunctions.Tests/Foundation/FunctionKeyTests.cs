using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IvrFunctions.Tests.Infrastructure;

namespace IvrFunctions.Tests.Foundation;

public sealed class FunctionKeyTests : IAsyncLifetime
{
    SelfHostServer _server = null!;

    public async Task InitializeAsync() => _server = await SelfHostServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task KeyedRoute_NoKey_Returns401ProblemNamingHowToPassIt()
    {
        var response = await _server.Client.GetAsync("/api/info");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Contains("code", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("x-functions-key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData(SelfHostServer.TestKey + "x")]
    [InlineData("test-function-key-012345678")]
    public async Task KeyedRoute_WrongKey_Returns401(string key)
    {
        var byQuery = await _server.Client.GetAsync($"/api/info?code={Uri.EscapeDataString(key)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/info");
        request.Headers.Add("x-functions-key", key);
        var byHeader = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, byQuery.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byHeader.StatusCode);
    }

    [Fact]
    public async Task KeyedRoute_RightKeyInQueryOrHeader_Returns200WithoutSecrets()
    {
        var byQuery = await _server.Client.GetAsync($"/api/info?code={SelfHostServer.TestKey}");
        using var keyed = _server.KeyedClient();
        var byHeader = await keyed.GetAsync("/api/info");

        Assert.Equal(HttpStatusCode.OK, byQuery.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byHeader.StatusCode);
        var text = await byHeader.Content.ReadAsStringAsync();
        Assert.Contains("\"speechProvider\":\"offline\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(SelfHostServer.TestKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Eby8vdM02", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthRoute_NoKey_IsServed()
    {
        var response = await _server.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
