using System.Net;
using System.Text;
using IvrFunctions.Core.Errors;
using IvrFunctions.Tests.CallFlow.Fakes;

namespace IvrFunctions.Tests.CallFlow;

/// <summary>Garbage in, never a 5xx out: Passthru routes answer 200 or 302, the Greeting route 200 text/plain.</summary>
public sealed class WebhookInputTests : IAsyncLifetime
{
    static readonly string[] PassthruRoutes = ["exotel/incoming", "exotel/question", "exotel/answer-ready", "exotel/status"];

    CallFlowHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await CallFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    public static TheoryData<string> Garbage() =>
    [
        "",
        "CallSid=",
        "CallSid=%22%22",
        "CallSid=abc",
        "CallSid=../../etc/passwd",
        "CallSid=" + new string('a', 500),
        "CallSid=ab'cd%27%20or%201%3D1%20--aaaa",
        "CallSid=0123456789abcdef0123456789abcdef&RecordingUrl=javascript:alert(1)",
        "CallSid=0123456789abcdef0123456789abcdef&digits=%22%22%22&CallFrom=notanumber&ConversationDuration=-5",
        "CallSid=0123456789abcdef0123456789abcdef&ConversationDuration=NaN&StartTime=garbage&EndTime=0000-00-00%2000:00:00",
        "%ZZ=%%&&==&CallSid",
    ];

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task AnyRoute_GarbageQuery_NeverA5xx(string query)
    {
        foreach (var route in PassthruRoutes)
        {
            var response = await _harness.Client.GetAsync($"/api/{route}?code={Infrastructure.SelfHostServer.TestKey}&{query}");
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Found, $"{route}?{query} -> {(int)response.StatusCode}");
        }

        var answer = await _harness.Client.GetAsync($"/api/exotel/answer?code={Infrastructure.SelfHostServer.TestKey}&{query}");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/plain", answer.Content.Headers.ContentType?.ToString());
        Assert.NotEmpty(await answer.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("application/json", "{\"CallSid\": ")]
    [InlineData("application/json", "[1,2,3]")]
    [InlineData("application/json", "{\"CallSid\": {\"nested\": {\"deep\": [1]}}, \"RecordingUrl\": 42}")]
    [InlineData("application/x-www-form-urlencoded", "CallSid=%%%&&&RecordingUrl")]
    [InlineData("text/xml", "<Response><Say>hi</Say></Response>")]
    [InlineData("multipart/form-data; boundary=x", "--x\r\nbroken")]
    public async Task PassthruRoute_GarbageBody_NeverA5xx(string contentType, string body)
    {
        foreach (var route in PassthruRoutes)
        {
            using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            var response = await _harness.Client.PostAsync($"/api/{route}?code={Infrastructure.SelfHostServer.TestKey}", content);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Found, $"{route} {contentType} -> {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Question_MissingCallSid_Refused302AndClassifiedAsWebhookInput()
    {
        var response = await _harness.GetAsync("exotel/question", new Dictionary<string, string?> { ["RecordingUrl"] = _harness.Recordings.Url("rec/x.wav") });

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Contains(_harness.Telemetry.Errors, e => e.Category == ErrorCategory.WebhookInput && e.Detail!.Contains("CallSid", StringComparison.Ordinal));
        Assert.Equal(0, _harness.Recordings.RequestsFor("x.wav"));
    }

    [Fact]
    public async Task Passthru_HugeBody_NeverA5xx()
    {
        using var content = new StringContent("{\"CallSid\":\"" + new string('x', 200_000) + "\"}", Encoding.UTF8, "application/json");

        var response = await _harness.Client.PostAsync($"/api/exotel/incoming?code={Infrastructure.SelfHostServer.TestKey}", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
