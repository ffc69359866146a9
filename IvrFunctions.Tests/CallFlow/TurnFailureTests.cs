using System.Net;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Turns;
using IvrFunctions.Tests.CallFlow.Fakes;

namespace IvrFunctions.Tests.CallFlow;

/// <summary>Deadlines, retries and fallbacks: the caller always hears something sensible, in their language.</summary>
public sealed class TurnFailureTests : IAsyncLifetime
{
    CallFlowHarness _harness = null!;

    // Generous limits: these tests share two cores with other builds, and a slow first attempt must not count as a failure.
    public async Task InitializeAsync() => _harness = await CallFlowHarness.StartAsync(
        "--Turns:DeadlineSeconds=8", "--Turns:AttemptTimeoutSeconds=3", "--Turns:MaxAttempts=3", "--Turns:ReadyWaitSeconds=0.5");

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    async Task<(string CallSid, string TurnId, string Body)> RunTurnAsync(string language = "en-IN")
    {
        var callSid = CallFlowHarness.NewCallSid();
        if (language == "hi-IN")
        {
            await _harness.GetAsync("exotel/incoming", new Dictionary<string, string?> { ["CallSid"] = callSid, ["digits"] = "\"2\"" });
        }

        var turnId = await _harness.AskAsync(callSid, _harness.Recordings.Url($"rec/{callSid}.wav"));
        return (callSid, turnId, await _harness.AnswerAsync(callSid));
    }

    [Fact]
    public async Task Turn_OverrunsItsDeadline_EndsWithAnApologyOnTime()
    {
        // The answer waits well past the deadline, so it returns the turn's own fallback even when a loaded machine starts
        // the turn late (with the default 4 s wait, a late start could return the hold text before the deadline fired).
        await using var harness = await CallFlowHarness.StartAsync("--Turns:DeadlineSeconds=3", "--Turns:AttemptTimeoutSeconds=30", "--Turns:AnswerWaitSeconds=15");
        harness.Answers.Behaviour.Always = FakeBehaviour.Hang;
        var callSid = CallFlowHarness.NewCallSid();
        var started = DateTimeOffset.UtcNow;

        var turnId = await harness.AskAsync(callSid, harness.Recordings.Url($"rec/{callSid}.wav"));
        var body = await harness.AnswerAsync(callSid);

        Assert.Equal(TurnPrompts.Apology("en-IN"), body);
        var turn = await harness.TurnJsonAsync(turnId);
        Assert.True(turn.GetProperty("timedOut").GetBoolean());
        Assert.Equal("timeout", turn.GetProperty("errorCategory").GetString());
        Assert.Equal("rag", turn.GetProperty("errorStage").GetString());
        Assert.InRange(turn.GetProperty("totalMs").GetDouble(), 2900, 8000);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(20));
        Assert.Contains(harness.Telemetry.Errors, e => e.Category == ErrorCategory.Timeout && e.Component == StageNames.Turn && e.Context.TurnId == turnId);
        Assert.False(Assert.Single(harness.Telemetry.StagesOf(turnId, StageNames.Turn)).Succeeded);
    }

    [Fact]
    public async Task Stt_Provider5xxTwice_RetriesThenAnswers()
    {
        _harness.Speech.Behaviour.FailNext(2, ErrorCategory.ProviderUnavailable);

        var (_, turnId, body) = await RunTurnAsync();

        Assert.StartsWith("http", body, StringComparison.Ordinal);
        var attempts = _harness.Telemetry.StagesOf(turnId, StageNames.Stt);
        Assert.Equal([1, 2, 3], attempts.Select(a => a.Attempt).Order());
        Assert.Equal([false, false, true], attempts.OrderBy(a => a.Attempt).Select(a => a.Succeeded));
        Assert.Equal(1, _harness.Recordings.RequestsFor(turnId.Split('-')[0]));
        var stt = WholeCallTests.Stage(await _harness.TurnJsonAsync(turnId), "stt");
        Assert.Equal(3, stt.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task Rag_RateLimitedWithRetryAfter_WaitsAsAskedThenAnswers()
    {
        _harness.Answers.Behaviour.FailNext(1, ErrorCategory.RateLimited, TimeSpan.FromMilliseconds(600));

        var (_, turnId, body) = await RunTurnAsync();

        Assert.StartsWith("http", body, StringComparison.Ordinal);
        var calls = _harness.Answers.Behaviour.CallTimes;
        Assert.True(calls[^1] - calls[^2] >= TimeSpan.FromMilliseconds(550), $"retried after {(calls[^1] - calls[^2]).TotalMilliseconds} ms");
        Assert.Contains(_harness.Telemetry.Errors, e => e.Category == ErrorCategory.RateLimited && e.Context.TurnId == turnId);
    }

    [Fact]
    public async Task Rag_FailsEveryAttempt_SpeaksTheApologyInHindi()
    {
        _harness.Answers.Behaviour.Always = _ => throw new ClassifiedException(ErrorCategory.ProviderUnavailable, "fake 500");

        var (_, turnId, body) = await RunTurnAsync("hi-IN");

        Assert.Equal(TurnPrompts.Apology("hi-IN"), body);
        Assert.Equal(3, _harness.Telemetry.StagesOf(turnId, StageNames.Rag).Count);
        var turn = await _harness.TurnJsonAsync(turnId);
        Assert.Equal("provider_unavailable", turn.GetProperty("errorCategory").GetString());
        Assert.Equal("Fallback", turn.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Tts_TimesOutEveryAttempt_ExotelSpeaksTheAnswerText()
    {
        await using var harness = await CallFlowHarness.StartAsync("--Turns:DeadlineSeconds=8", "--Turns:AttemptTimeoutSeconds=1", "--Turns:ReadyWaitSeconds=0.5");
        harness.Synthesizer.Behaviour.Always = FakeBehaviour.Hang;
        var callSid = CallFlowHarness.NewCallSid();

        var turnId = await harness.AskAsync(callSid, harness.Recordings.Url($"rec/{callSid}.wav"));
        var body = await harness.AnswerAsync(callSid);

        Assert.Equal("The Nashik centre is open from 10 to 5.", body);
        var attempts = harness.Telemetry.StagesOf(turnId, StageNames.Tts);
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(ErrorCategory.Timeout, a.Error));
        var turn = await harness.TurnJsonAsync(turnId);
        Assert.Equal("AnswerText", turn.GetProperty("outcome").GetString());
        Assert.False(turn.GetProperty("timedOut").GetBoolean());
    }

    [Fact]
    public async Task Stage_AttemptCutOffAtTheDeadline_FailsAsTheDeadlineWithoutRetrying()
    {
        // The attempt limit (3 s) is longer than what is left of the turn, so the attempt ends at the deadline.
        _harness.Answers.Behaviour.Always = FakeBehaviour.Hang;
        var callSid = CallFlowHarness.NewCallSid();
        var recording = _harness.Recordings.Url($"rec/{callSid}.wav");
        var now = DateTimeOffset.UtcNow;
        var input = new TurnInput(TurnIds.For(callSid, recording), callSid, recording, "en-IN", now, now.AddSeconds(1));

        var failure = await Assert.ThrowsAsync<TurnStepException>(() => _harness.Get<TurnSteps>().AnswerAsync(new AnswerStepInput(input, "question"), CancellationToken.None));

        Assert.True(failure.DeadlinePassed);
        Assert.Equal((ErrorCategory.Timeout, "rag"), (failure.Category, failure.Stage));
        Assert.Single(_harness.Telemetry.StagesOf(input.TurnId, StageNames.Rag));
        Assert.Single(_harness.Answers.Behaviour.CallTimes);
    }

    [Fact]
    public async Task Stt_PermanentFailure_FailsFastAndAsksAgain()
    {
        _harness.Speech.Behaviour.FailNext(1, ErrorCategory.ProviderAuth);

        var (_, turnId, body) = await RunTurnAsync();

        Assert.Equal(TurnPrompts.CouldNotHear("en-IN"), body);
        Assert.Single(_harness.Telemetry.StagesOf(turnId, StageNames.Stt));
        Assert.Equal(0, _harness.Answers.Behaviour.Calls);
    }

    [Fact]
    public async Task Stt_EmptyTranscript_AsksAgain()
    {
        _harness.Speech.Transcript = "  ";

        var (_, turnId, body) = await RunTurnAsync("hi-IN");

        Assert.Equal(TurnPrompts.CouldNotHear("hi-IN"), body);
        Assert.Equal("empty_transcript", (await _harness.TurnJsonAsync(turnId)).GetProperty("errorCategory").GetString());
        Assert.Contains(_harness.Telemetry.Errors, e => e.Category == ErrorCategory.EmptyTranscript && e.Context.TurnId == turnId);
    }

    [Fact]
    public async Task HostStopping_TurnInFlight_IsMarkedFailedNotLost()
    {
        var harness = await CallFlowHarness.StartAsync("--Turns:DeadlineSeconds=60", "--Turns:AttemptTimeoutSeconds=60");
        harness.Speech.Behaviour.Always = FakeBehaviour.Hang;
        var callSid = CallFlowHarness.NewCallSid();
        var recording = harness.Recordings.Url($"rec/{callSid}.wav");
        var turns = harness.Turns;
        var question = await harness.GetAsync("exotel/question", new Dictionary<string, string?> { ["CallSid"] = callSid, ["RecordingUrl"] = recording });
        Assert.Equal(HttpStatusCode.OK, question.StatusCode);
        await Task.Delay(300);

        await harness.DisposeAsync();

        var turn = await turns.GetAsync(TurnIds.For(callSid, recording), CancellationToken.None);
        Assert.NotNull(turn);
        Assert.True(turn.IsCompleted);
        Assert.Equal(TurnOutcomeKind.Fallback, turn.Outcome!.Kind);
        Assert.Equal(ErrorCategory.Internal, turn.Outcome.Error);
    }
}
