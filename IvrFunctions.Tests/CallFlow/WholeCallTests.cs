using System.Net;
using System.Text.Json;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Turns;
using IvrFunctions.Tests.CallFlow.Fakes;
using IvrFunctions.Tests.Infrastructure;

namespace IvrFunctions.Tests.CallFlow;

public sealed class WholeCallTests : IAsyncLifetime
{
    CallFlowHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await CallFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task WholeCall_WalkedLikeExotel_PlaysAUniqueAudioUrlAndClosesTheSession()
    {
        var callSid = CallFlowHarness.NewCallSid();
        var recording = _harness.Recordings.Url($"rec/{callSid}.wav");

        // Passthru at call start, as GET with Exotel's parameters (caller in 0XXXXXXXXXX form).
        var incoming = await _harness.GetAsync("exotel/incoming", new Dictionary<string, string?>
        {
            ["CallSid"] = callSid,
            ["CallFrom"] = "09876543210",
            ["CallTo"] = "08047491899",
            ["Direction"] = "incoming",
        });
        Assert.Equal(HttpStatusCode.OK, incoming.StatusCode);

        // Passthru after the Voicemail applet: POSTed as a form, digits from the language Gather still in quotes.
        var question = await _harness.PostFormAsync("exotel/question", new Dictionary<string, string?>
        {
            ["CallSid"] = callSid,
            ["RecordingUrl"] = recording,
            ["digits"] = "\"2\"",
            ["CallFrom"] = "09876543210",
        });
        Assert.Equal(HttpStatusCode.OK, question.StatusCode);

        await _harness.WaitReadyAsync(callSid, TimeSpan.FromSeconds(20));

        var head = await _harness.SendAsync(HttpMethod.Head, "exotel/answer", new Dictionary<string, string?> { ["CallSid"] = callSid });
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("text/plain", head.Content.Headers.ContentType?.ToString());

        var body = await _harness.AnswerAsync(callSid);
        var line = Assert.Single(body.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var audioUrl = new Uri(line);
        Assert.Equal(_harness.Server.BaseAddress.Authority, audioUrl.Authority);
        Assert.StartsWith("/api/audio/", audioUrl.AbsolutePath, StringComparison.Ordinal);
        Assert.EndsWith(".wav", audioUrl.AbsolutePath, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", line, StringComparison.Ordinal);

        // Exotel fetches the audio without credentials.
        using (var anonymous = new HttpClient())
        {
            var audio = await anonymous.GetAsync(audioUrl);
            Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
            Assert.Equal("audio/wav", audio.Content.Headers.ContentType?.MediaType);
            var bytes = await audio.Content.ReadAsByteArrayAsync();
            Assert.Equal("RIFF"u8.ToArray(), bytes[..4]);

            var tampered = await anonymous.GetAsync(line.Replace("/api/audio/", "/api/audio/x", StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.NotFound, tampered.StatusCode);
        }

        // The recording was fetched once, with Exotel Basic auth, and the caller's Hindi reached every provider.
        Assert.Equal(1, _harness.Recordings.RequestsFor(callSid));
        Assert.StartsWith("Basic ", _harness.Recordings.Requests.First(r => r.Path.Contains(callSid, StringComparison.Ordinal)).Authorization, StringComparison.Ordinal);
        Assert.Equal("hi-IN", Assert.Single(_harness.Speech.Heard, h => h.Bytes > 0).Language);

        var status = await _harness.PostJsonAsync("exotel/status", new { CallSid = callSid, Status = "completed", ConversationDuration = "75" });
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        var again = await _harness.PostJsonAsync("exotel/status", new { CallSid = callSid, Status = "completed", ConversationDuration = "75" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        var turnId = TurnIds.For(callSid, recording);
        var turn = await _harness.TurnJsonAsync(turnId);
        Assert.Equal("completed", turn.GetProperty("status").GetString());
        Assert.Equal("Audio", turn.GetProperty("outcome").GetString());
        Assert.Equal("+91******3210", turn.GetProperty("caller").GetString());
        Assert.Equal("hi-IN", turn.GetProperty("language").GetString());
        Assert.Equal(_harness.Speech.Transcript, turn.GetProperty("transcript").GetString());
        Assert.False(string.IsNullOrEmpty(turn.GetProperty("answerText").GetString()));
        Assert.StartsWith("http", turn.GetProperty("audioUrl").GetString(), StringComparison.Ordinal);
        var stages = turn.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal(["stt", "rag", "tts"], stages);
        Assert.All(turn.GetProperty("stages").EnumerateArray(), s => Assert.True(s.GetProperty("succeeded").GetBoolean()));
        Assert.True(turn.GetProperty("totalMs").GetDouble() > 0);
        var json = turn.GetRawText();
        Assert.DoesNotContain("9876543210", json, StringComparison.Ordinal);

        // Telemetry: one session started and one ended (the repeated callback is ignored), each stage timed, the turn total.
        var sessions = await _harness.SessionEventsAsync(callSid);
        Assert.Single(sessions, s => s.Kind == SessionEventKind.Started);
        var ended = Assert.Single(sessions, s => s.Kind == SessionEventKind.Ended);
        Assert.Equal("+919876543210", ended.CallerNumber);
        Assert.Equal(75, ended.DurationSeconds);
        Assert.Equal(2, ended.BilledPulses);
        Assert.Equal(1, ended.Turns);
        foreach (var stage in new[] { StageNames.Stt, StageNames.Rag, StageNames.Tts, StageNames.Turn })
        {
            var timer = Assert.Single(_harness.Telemetry.StagesOf(turnId, stage));
            Assert.True(timer.Succeeded, stage);
            Assert.Equal(1, timer.Attempt);
        }

        var webhooks = _harness.Telemetry.Stages.Where(s => s.Stage == StageNames.Webhook && s.Context.CallSid == callSid).ToList();
        Assert.All(webhooks, w => Assert.True(w.Succeeded));
        Assert.Equal(["answer", "answer-ready", "incoming", "question", "status"], webhooks.Select(w => w.Model!).Distinct().Order());
        Assert.Contains(_harness.Telemetry.ApiUsages, u => u.Service == ApiServices.Exotel && u.Context.TurnId == turnId && u.Success);
        Assert.Contains(_harness.Telemetry.CacheLookups, c => c.Kind == CacheKinds.Session && c.Context.CallSid == callSid && c.Hit);
    }

    [Fact]
    public async Task SecondQuestion_SameAnswerText_GetsItsOwnUrlForTheSharedAudioBlob()
    {
        var callSid = CallFlowHarness.NewCallSid();
        await _harness.AskAsync(callSid, _harness.Recordings.Url($"rec/{callSid}-1.wav"));
        var first = await _harness.AnswerAsync(callSid);
        await _harness.AskAsync(callSid, _harness.Recordings.Url($"rec/{callSid}-2.mp3"));
        var second = await _harness.AnswerAsync(callSid);

        Assert.NotEqual(first, second);
        Assert.Contains(TurnIds.For(callSid, _harness.Recordings.Url($"rec/{callSid}-2.mp3")), second, StringComparison.Ordinal);
        Assert.Contains(_harness.Speech.Heard, h => h.ContentType == "audio/mpeg");
    }

    [Fact]
    public async Task WebhookRoutes_WithoutKey_Return401_AudioRouteNeedsNone()
    {
        var response = await _harness.Client.GetAsync("/api/exotel/incoming?CallSid=" + CallFlowHarness.NewCallSid());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var audio = await _harness.Client.GetAsync("/api/audio/abc-0123456789abcdef/1/x.wav");
        Assert.Equal(HttpStatusCode.NotFound, audio.StatusCode);
    }

    [Fact]
    public async Task TurnRoute_UnknownTurn_Returns404()
    {
        var response = await _harness.Client.GetAsync($"/api/turns/nothing-here?code={SelfHostServer.TestKey}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    internal static JsonElement Stage(JsonElement turn, string name) =>
        turn.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);
}
