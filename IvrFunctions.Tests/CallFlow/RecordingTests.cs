using System.Net;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Turns;
using IvrFunctions.Tests.CallFlow.Fakes;

namespace IvrFunctions.Tests.CallFlow;

/// <summary>The recording is untrusted: allowed hosts only, no redirects elsewhere, size and duration limits, audio only.</summary>
public sealed class RecordingTests : IAsyncLifetime
{
    CallFlowHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await CallFlowHarness.StartAsync("--Turns:MaxRecordingBytes=1048576", "--Turns:MaxRecordingSeconds=60");

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    Task<HttpResponseMessage> AskAsync(string callSid, string url) =>
        _harness.GetAsync("exotel/question", new Dictionary<string, string?> { ["CallSid"] = callSid, ["RecordingUrl"] = url });

    [Theory]
    [InlineData("http://localhost:{port}/rec/{sid}.wav")]      // same server, but "localhost" is not an allowed host
    [InlineData("https://evil.example.com/rec/{sid}.wav")]
    [InlineData("http://recordings.exotel.com/rec/{sid}.wav")] // allowed host, but plain http
    [InlineData("ftp://127.0.0.1/rec/{sid}.wav")]
    [InlineData("not a url")]
    public async Task Question_RecordingUrlNotAllowed_Refused302_NeverFetched(string template)
    {
        var callSid = CallFlowHarness.NewCallSid();
        var url = template.Replace("{port}", _harness.Recordings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{sid}", callSid, StringComparison.Ordinal);

        var response = await AskAsync(callSid, url);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        await Task.Delay(200);
        Assert.Equal(0, _harness.Recordings.RequestsFor(callSid));
        Assert.Equal(0, await _harness.Turns.CountAsync(callSid, CancellationToken.None));
        Assert.Contains(_harness.Telemetry.Errors, e => e.Category == ErrorCategory.WebhookInput && e.Context.CallSid == callSid);
    }

    [Fact]
    public async Task Question_NoRecordingUrl_Refused302()
    {
        var response = await _harness.GetAsync("exotel/question", new Dictionary<string, string?> { ["CallSid"] = CallFlowHarness.NewCallSid() });

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
    }

    async Task<(string TurnId, string Body)> TurnAsync(string path)
    {
        var callSid = CallFlowHarness.NewCallSid();
        var url = _harness.Recordings.Url(path.Replace("{sid}", callSid, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await AskAsync(callSid, url)).StatusCode);
        await _harness.WaitReadyAsync(callSid, TimeSpan.FromSeconds(20));
        return (TurnIds.For(callSid, url), await _harness.AnswerAsync(callSid));
    }

    [Fact]
    public async Task Recording_RedirectToAnotherHost_Refused_NotFollowed()
    {
        var (turnId, body) = await TurnAsync("redirect-away/{sid}");

        Assert.Equal(TurnPrompts.CouldNotHear("en-IN"), body);
        Assert.Equal(0, _harness.Recordings.Requests.Count(r => r.Host == "localhost"));
        Assert.Equal("webhook_input", (await _harness.TurnJsonAsync(turnId)).GetProperty("errorCategory").GetString());
        Assert.Single(_harness.Telemetry.StagesOf(turnId, StageNames.Stt));
        Assert.Equal(0, _harness.Speech.Behaviour.Calls);
    }

    [Fact]
    public async Task Recording_RedirectOnTheSameAllowedHost_IsFollowed()
    {
        var (_, body) = await TurnAsync("redirect-same/{sid}");

        Assert.StartsWith("http", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("huge/{sid}.wav", "audio_too_long")]    // Content-Length over the limit: refused before reading
    [InlineData("stream/{sid}.wav", "audio_too_long")]  // no Content-Length: stopped while reading
    [InlineData("long/{sid}.wav", "audio_too_long")]    // small enough, but 200 s of audio
    [InlineData("garbage/{sid}", "audio_format")]       // HTML served as audio/wav
    [InlineData("status/401/{sid}", "provider_auth")]
    public async Task Recording_Unusable_FailsFastAndAsksAgain(string path, string category)
    {
        var (turnId, body) = await TurnAsync(path);

        Assert.Equal(TurnPrompts.CouldNotHear("en-IN"), body);
        var turn = await _harness.TurnJsonAsync(turnId);
        Assert.Equal(category, turn.GetProperty("errorCategory").GetString());
        Assert.Equal(1, WholeCallTests.Stage(turn, "stt").GetProperty("attempts").GetInt32());
        Assert.Equal(0, _harness.Speech.Behaviour.Calls);
        Assert.Contains(_harness.Telemetry.ApiUsages, u => u.Service == ApiServices.Exotel && u.Context.TurnId == turnId && !u.Success);
    }

    [Fact]
    public async Task Recording_Exotel503_IsRetried()
    {
        var (turnId, body) = await TurnAsync("status/503/{sid}");

        Assert.Equal(TurnPrompts.CouldNotHear("en-IN"), body);
        Assert.Equal(3, WholeCallTests.Stage(await _harness.TurnJsonAsync(turnId), "stt").GetProperty("attempts").GetInt32());
    }
}
