using System.Net;
using System.Text.Json;
using IvrFunctions.Tests.Infrastructure;

namespace IvrFunctions.Tests.Insights;

public sealed class OpenApiAndCorsTests
{
    const string Origin = "https://dashboard.example.net";

    [Fact]
    public async Task OpenApi_WithoutKey_DescribesEveryPerformanceRouteWithSchemas()
    {
        await using var server = await SelfHostServer.StartAsync();

        var response = await server.Client.GetAsync(new Uri("/api/openapi.json", UriKind.Relative));
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths");
        foreach (var route in new[] { "metrics", "dashboard", "components", "api-usage", "cache", "sessions", "errors", "errors/report", "alerts" })
        {
            var get = paths.GetProperty($"/api/performance/{route}").GetProperty("get");
            Assert.Contains(get.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "window");
            Assert.True(get.GetProperty("responses").TryGetProperty("400", out _));
        }

        Assert.True(paths.GetProperty("/api/performance/export").TryGetProperty("post", out _));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var kpis = schemas.GetProperty("DashboardResponse").GetProperty("properties").GetProperty("kpis").GetProperty("properties");
        Assert.True(kpis.TryGetProperty("turnLatency", out _));
        Assert.True(kpis.TryGetProperty("monthToDateCostUsd", out _));
        Assert.True(schemas.GetProperty("ExportRequest").GetProperty("properties").TryGetProperty("kinds", out _));
    }

    [Fact]
    public async Task Cors_ConfiguredOrigin_PreflightAndRequestAreAllowed()
    {
        await using var server = await SelfHostServer.StartAsync(null, $"--Dashboard:AllowedOrigin={Origin}/");

        using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri("/api/performance/dashboard", UriKind.Relative));
        preflight.Headers.Add("Origin", Origin);
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "x-functions-key");
        var answer = await server.Client.SendAsync(preflight);

        Assert.True(answer.IsSuccessStatusCode, $"preflight answered {(int)answer.StatusCode}");
        Assert.Equal(Origin, answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("x-functions-key", string.Join(',', answer.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);

        using var client = server.KeyedClient();
        using var get = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/performance/components?window=15m", UriKind.Relative));
        get.Headers.Add("Origin", Origin);
        var response = await client.SendAsync(get);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Origin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Cors_OtherOriginOrNoneConfigured_GetsNoAllowOrigin(bool configured)
    {
        await using var server = configured
            ? await SelfHostServer.StartAsync(null, $"--Dashboard:AllowedOrigin={Origin}")
            : await SelfHostServer.StartAsync();

        using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri("/api/performance/dashboard", UriKind.Relative));
        preflight.Headers.Add("Origin", "https://evil.example.com");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        var answer = await server.Client.SendAsync(preflight);

        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));
        using var client = server.KeyedClient();
        using var get = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/performance/components?window=15m", UriKind.Relative));
        get.Headers.Add("Origin", "https://evil.example.com");
        var response = await client.SendAsync(get);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
