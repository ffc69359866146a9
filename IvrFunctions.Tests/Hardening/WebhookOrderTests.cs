using System.Net;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Turns;
using IvrFunctions.Tests.CallFlow.Fakes;

namespace IvrFunctions.Tests.Hardening;

/// <summary>Exotel retries and reorders webhooks: duplicates start nothing twice, out-of-order ones never 5xx (floods: <see cref="WebhookFloodTests"/>).</summary>
public sealed class WebhookOrderTests : IAsyncLifetime
{
    CallFlowHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await CallFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task OutOfOrderAndRepeated_Never5xx_OneTurnPerRecording_CallerAnswered()
    {
        var walk = new CallerWalk(_harness);
        var callSid = CallFlowHarness.NewCallSid();
        var url = _harness.Recordings.Url($"rec/{callSid}.wav");

        // Answer and answer-ready before any question or incoming: nothing to wait for, the caller is asked again.
        Assert.Equal(HttpStatusCode.OK, await walk.SendAsync("exotel/answer-ready", new() { ["CallSid"] = callSid }));
        Assert.Equal(TurnPrompts.CouldNotHear("en-IN"), await _harness.AnswerAsync(callSid));

        // Status before the question (the incoming webhook was lost), twice.
        Assert.Equal(HttpStatusCode.OK, await walk.SendAsync("exotel/status", new() { ["CallSid"] = callSid, ["Status"] = "completed" }));
        Assert.Equal(HttpStatusCode.OK, await walk.SendAsync("exotel/status", new() { ["CallSid"] = callSid, ["Status"] = "completed" }));

        // The question after the status, delivered 20 times at once, then incoming late, then the question again.
        var questions = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => walk.SendAsync("exotel/question", new() { ["CallSid"] = callSid, ["RecordingUrl"] = url })));
        Assert.All(questions, q => Assert.True(q is HttpStatusCode.OK or HttpStatusCode.Found, q.ToString()));
        Assert.Equal(HttpStatusCode.OK, await walk.SendAsync("exotel/incoming", new() { ["CallSid"] = callSid }));
        await walk.SendAsync("exotel/question", new() { ["CallSid"] = callSid, ["RecordingUrl"] = url });
        await _harness.WaitReadyAsync(callSid, TimeSpan.FromSeconds(20));

        Assert.True(CallerWalk.IsSensible(await _harness.AnswerAsync(callSid)));
        Assert.True(await _harness.Turns.CountAsync(callSid, CancellationToken.None) <= 1);
        Assert.True(_harness.Telemetry.StagesOf(TurnIds.For(callSid, url), StageNames.Turn).Count <= 1);
        Assert.True(_harness.Recordings.RequestsFor(callSid) <= 1);
        var sessions = await _harness.SessionEventsAsync(callSid);
        Assert.Equal(1, sessions.Count(s => s.Kind == SessionEventKind.Started));
        Assert.Equal(1, sessions.Count(s => s.Kind == SessionEventKind.Ended));
        Assert.Empty(walk.ServerErrors);
    }

    [Fact]
    public async Task RepeatedWholeCall_DuplicateQuestionsAndStatuses_OneTurnEach()
    {
        var walk = new CallerWalk(_harness);
        var callSid = CallFlowHarness.NewCallSid();
        for (var turn = 0; turn < 3; turn++)
        {
            var url = _harness.Recordings.Url($"rec/{callSid}-{turn}.wav");
            await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => walk.SendAsync("exotel/question", new() { ["CallSid"] = callSid, ["RecordingUrl"] = url })));
            await _harness.WaitReadyAsync(callSid, TimeSpan.FromSeconds(20));
            Assert.StartsWith("http", await _harness.AnswerAsync(callSid), StringComparison.Ordinal);
            // A late repeat of the question just answered starts nothing new.
            Assert.Equal(HttpStatusCode.OK, await walk.SendAsync("exotel/question", new() { ["CallSid"] = callSid, ["RecordingUrl"] = url }));
        }

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => walk.SendAsync("exotel/status", new() { ["CallSid"] = callSid, ["Status"] = "completed" })));

        Assert.Equal(3, await _harness.Turns.CountAsync(callSid, CancellationToken.None));
        Assert.Equal(3, _harness.Recordings.RequestsFor(callSid));
        Assert.Empty(walk.ServerErrors);
        Assert.True((await _harness.SessionEventsAsync(callSid)).Count(s => s.Kind == SessionEventKind.Ended) >= 1);
    }
}
