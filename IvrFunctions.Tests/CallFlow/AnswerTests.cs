using System.Diagnostics;
using System.Net;
using IvrFunctions.Core.Turns;
using IvrFunctions.Tests.CallFlow.Fakes;

namespace IvrFunctions.Tests.CallFlow;

public sealed class AnswerTests : IAsyncLifetime
{
    CallFlowHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await CallFlowHarness.StartAsync("--Turns:AnswerWaitSeconds=8", "--Turns:ReadyWaitSeconds=0.2");

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Head_ReturnsTheSameHeadersAsGet_WithoutBody()
    {
        var callSid = CallFlowHarness.NewCallSid();
        await _harness.AskAsync(callSid, _harness.Recordings.Url($"rec/{callSid}.wav"));
        var parameters = new Dictionary<string, string?> { ["CallSid"] = callSid, ["From"] = "09876543210", ["DialWhomNumber"] = string.Empty };

        var head = await _harness.SendAsync(HttpMethod.Head, "exotel/answer", parameters);
        var get = await _harness.GetAsync("exotel/answer", parameters);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("text/plain", head.Content.Headers.ContentType?.ToString());
        Assert.Equal("text/plain", get.Content.Headers.ContentType?.ToString());
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.NotEmpty(await get.Content.ReadAsStringAsync());
        Assert.Equal(Names(get), Names(head));
    }

    static IReadOnlyList<string> Names(HttpResponseMessage response) =>
        [.. response.Headers.Concat(response.Content.Headers).Select(h => h.Key.ToLowerInvariant())
            .Where(n => n is not ("date" or "content-length" or "transfer-encoding")).Order()];

    [Fact]
    public async Task Answer_RequestedBeforeTheTurnEnds_WaitsAndReturnsWhenItCompletes()
    {
        var callSid = CallFlowHarness.NewCallSid();
        var recording = _harness.Recordings.Url($"rec/{callSid}.wav");
        _harness.Answers.Behaviour.Latency = TimeSpan.FromMilliseconds(1500);

        var question = await _harness.GetAsync("exotel/question", new Dictionary<string, string?> { ["CallSid"] = callSid, ["RecordingUrl"] = recording });
        Assert.Equal(HttpStatusCode.OK, question.StatusCode);
        var notReady = await _harness.GetAsync("exotel/answer-ready", new Dictionary<string, string?> { ["CallSid"] = callSid });
        Assert.Equal(HttpStatusCode.Found, notReady.StatusCode);

        var watch = Stopwatch.StartNew();
        var body = await _harness.AnswerAsync(callSid);
        watch.Stop();

        Assert.StartsWith("http", body, StringComparison.Ordinal);
        var turn = await _harness.Turns.GetAsync(TurnIds.For(callSid, recording), CancellationToken.None);
        Assert.NotNull(turn?.CompletedAt);
        // It waited for the turn (about 1.5 s of RAG) and returned when it completed, well before the 8 s bound
        // (the answer, not the hold text, proves it did not simply time out).
        Assert.InRange(watch.Elapsed.TotalMilliseconds, 800, 6000);
    }

    [Fact]
    public async Task Answer_TurnStillRunningAfterTheWait_SpeaksTheHoldTextInTheCallersLanguage()
    {
        await using var harness = await CallFlowHarness.StartAsync("--Turns:AnswerWaitSeconds=0.3", "--Turns:DeadlineSeconds=20");
        var callSid = CallFlowHarness.NewCallSid();
        harness.Answers.Behaviour.Latency = TimeSpan.FromSeconds(3);
        await harness.GetAsync("exotel/incoming", new Dictionary<string, string?> { ["CallSid"] = callSid, ["digits"] = "\"2\"" });
        await harness.GetAsync("exotel/question", new Dictionary<string, string?> { ["CallSid"] = callSid, ["RecordingUrl"] = harness.Recordings.Url($"rec/{callSid}.wav") });

        var body = await harness.AnswerAsync(callSid);

        Assert.Equal(TurnPrompts.Hold("hi-IN"), body);
    }

    [Fact]
    public async Task Answer_NoTurnForTheCall_AsksAgain()
    {
        var body = await _harness.AnswerAsync(CallFlowHarness.NewCallSid());

        Assert.Equal(TurnPrompts.CouldNotHear("en-IN"), body);
    }
}
