using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace IvrFunctions.Tests.Insights;

/// <summary>Every parameter the API takes, given a bad value, answers 400 problem+json naming that parameter.</summary>
public sealed class BadParameterTests(SeededHostFixture fixture) : IClassFixture<SeededHostFixture>
{
    static readonly string[] WindowedRoutes =
    [
        "metrics", "dashboard", "components", "api-usage", "cache", "sessions", "errors", "errors/report", "alerts",
    ];

    public static TheoryData<string, string, string> BadWindows()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var route in WindowedRoutes)
        {
            data.Add(route, "window=2h", "window");
            data.Add(route, "window=1h&from=2026-11-24T08:00:00Z", "window");
            data.Add(route, "from=yesterday", "from");
            data.Add(route, "from=2026-11-24T08:00:00Z&to=2026-13-01T00:00:00Z", "to");
            data.Add(route, "to=2026-11-24T08:00:00Z", "from");
            data.Add(route, "from=2026-11-24T09:00:00Z&to=2026-11-24T08:00:00Z", "to");
            data.Add(route, "from=2026-09-01T00:00:00Z&to=2026-11-24T00:00:00Z", "from");
        }

        data.Add("sessions", "limit=0", "limit");
        data.Add("sessions", "limit=many", "limit");
        data.Add("sessions", "limit=1001", "limit");
        data.Add("errors", "top=51", "top");
        data.Add("errors", "top=-1", "top");
        data.Add("errors/report", "format=pdf", "format");
        return data;
    }

    [Theory]
    [MemberData(nameof(BadWindows))]
    public async Task Get_BadParameter_Answers400ProblemNamingIt(string route, string query, string parameter)
    {
        var response = await fixture.Host.Client.GetAsync(new Uri($"/api/performance/{route}?{query}", UriKind.Relative));

        await AssertProblemAsync(response, parameter);
    }

    [Theory]
    [InlineData("format=xml", null, "format")]
    [InlineData("kinds=stage,calls", null, "kinds")]
    [InlineData("destination=ftp", null, "destination")]
    [InlineData("window=90d", null, "window")]
    [InlineData("from=soon", null, "from")]
    [InlineData(null, """{"format":"yaml"}""", "format")]
    [InlineData(null, """{"kinds":["usage","everything"]}""", "kinds")]
    [InlineData(null, """{"from":"2026-11-24T09:00:00Z","to":"2026-11-24T08:00:00Z"}""", "to")]
    [InlineData(null, """{"from":"not a date"}""", "from")]
    [InlineData(null, """{"format": csv""", "format")]
    [InlineData(null, "not json at all", "body")]
    public async Task Export_BadParameter_Answers400ProblemNamingIt(string? query, string? json, string parameter)
    {
        using var content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json");
        var response = await fixture.Host.Client.PostAsync(new Uri($"/api/performance/export?{query}", UriKind.Relative), content);

        await AssertProblemAsync(response, parameter);
    }

    [Fact]
    public async Task Export_BodyThatIsNotJson_Answers400NamingTheBody()
    {
        using var content = new StringContent("format=csv", Encoding.UTF8, "application/x-www-form-urlencoded");
        var response = await fixture.Host.Client.PostAsync(new Uri("/api/performance/export", UriKind.Relative), content);

        await AssertProblemAsync(response, "body");
    }

    [Fact]
    public async Task Performance_WithoutKey_Answers401()
    {
        var response = await fixture.Host.Server.Client.GetAsync(new Uri("/api/performance/dashboard", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    static async Task AssertProblemAsync(HttpResponseMessage response, string parameter)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.Contains($"'{parameter}'", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }
}
