using System.Net;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Turns;
using IvrFunctions.Tests.CallFlow.Fakes;

namespace IvrFunctions.Tests.CallFlow;

public sealed class QuestionIdempotencyTests : IAsyncLifetime
{
    CallFlowHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await CallFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    Dictionary<string, string?> Question(string callSid, string recording) => new() { ["CallSid"] = callSid, ["RecordingUrl"] = recording };

    [Fact]
    public async Task Question_DeliveredTwice_StartsOneTurn()
    {
        var callSid = CallFlowHarness.NewCallSid();
        var recording = _harness.Recordings.Url($"rec/{callSid}.wav");

        var first = await _harness.GetAsync("exotel/question", Question(callSid, recording));
        await _harness.WaitReadyAsync(callSid, TimeSpan.FromSeconds(20));
        var second = await _harness.PostFormAsync("exotel/question", Question(callSid, recording));
        await _harness.WaitReadyAsync(callSid, TimeSpan.FromSeconds(20));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, _harness.Recordings.RequestsFor(callSid));
        Assert.Single(_harness.Telemetry.StagesOf(TurnIds.For(callSid, recording), StageNames.Turn));
    }

    [Fact]
    public async Task Question_TwentyConcurrentDeliveries_StartOneTurn()
    {
        var callSid = CallFlowHarness.NewCallSid();
        var recording = _harness.Recordings.Url($"rec/{callSid}.wav");
        _harness.Speech.Behaviour.Latency = TimeSpan.FromMilliseconds(200);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? _harness.GetAsync("exotel/question", Question(callSid, recording))
            : _harness.PostJsonAsync("exotel/question", new { CallSid = callSid, RecordingUrl = recording })));
        await _harness.WaitReadyAsync(callSid, TimeSpan.FromSeconds(20));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, _harness.Recordings.RequestsFor(callSid));
        Assert.Equal(1, _harness.Speech.Behaviour.Calls);
        var turnId = TurnIds.For(callSid, recording);
        Assert.Single(_harness.Telemetry.StagesOf(turnId, StageNames.Turn));
        Assert.Single(_harness.Telemetry.StagesOf(turnId, StageNames.Tts));
        Assert.Equal(1, await _harness.Turns.CountAsync(callSid, CancellationToken.None));
    }

    [Fact]
    public async Task Question_StreamRecordingUrlInJson_IsAccepted()
    {
        var callSid = CallFlowHarness.NewCallSid();
        var recording = _harness.Recordings.Url($"rec/{callSid}.wav");

        var response = await _harness.PostJsonAsync("exotel/question", new { CallSid = callSid, Stream = new { RecordingUrl = recording } });
        await _harness.WaitReadyAsync(callSid, TimeSpan.FromSeconds(20));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("http", await _harness.AnswerAsync(callSid), StringComparison.Ordinal);
    }
}
