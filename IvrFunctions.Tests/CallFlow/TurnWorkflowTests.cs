using System.Collections.Concurrent;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Turns;
using Microsoft.Extensions.Time.Testing;

namespace IvrFunctions.Tests.CallFlow;

/// <summary>The workflow alone, against a scripted step runner and a fake clock: the same code the orchestrator runs.</summary>
public sealed class TurnWorkflowTests
{
    static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    static TurnInput Input(string language = "en-IN") =>
        new("0123456789abcdef0123456789abcdef-0123456789abcdef", "0123456789abcdef0123456789abcdef", "https://recordings.exotel.com/a.mp3", language, Start, Start.AddSeconds(10));

    sealed class ScriptedRunner(FakeTimeProvider time) : ITurnStepRunner
    {
        public ConcurrentDictionary<string, Func<object, CancellationToken, Task<object>>> Steps { get; } = new();

        public List<string> Calls { get; } = [];

        public FinishStepInput? Finished { get; private set; }

        public async Task<TResult> RunAsync<TResult>(string step, object input, CancellationToken cancellationToken)
        {
            Calls.Add(step);
            if (step == TurnStepNames.Finish)
            {
                Finished = (FinishStepInput)input;
                return (TResult)(object)true;
            }

            return (TResult)await Steps[step](input, cancellationToken);
        }

        public Task WaitUntilAsync(DateTime fireAtUtc, CancellationToken cancellationToken) =>
            Task.Delay(new DateTimeOffset(fireAtUtc) - time.GetUtcNow(), time, cancellationToken);

        public ScriptedRunner Returns(string step, object result)
        {
            Steps[step] = (_, _) => Task.FromResult(result);
            return this;
        }

        public ScriptedRunner Fails(string step, ErrorCategory category)
        {
            Steps[step] = (_, _) => Task.FromException<object>(new TurnStepException(category, step, "scripted"));
            return this;
        }

        public ScriptedRunner Hangs(string step)
        {
            Steps[step] = async (_, ct) =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                return null!;
            };
            return this;
        }
    }

    static StageRecord Stage(string name) => new(name, Start, 12.5, 1, true, Provider: "fake");

    static ScriptedRunner AllSucceed(FakeTimeProvider time) => new ScriptedRunner(time)
        .Returns(TurnStepNames.Transcribe, new TranscribeStepResult("question", 0.9, Stage("stt")))
        .Returns(TurnStepNames.Answer, new AnswerStepResult("answer", true, Stage("rag")))
        .Returns(TurnStepNames.Synthesize, new SynthesizeStepResult("answers", "a.wav", 1.2, false, Stage("tts")));

    [Fact]
    public async Task RunAsync_AllStepsSucceed_AudioOutcomeThenFinish()
    {
        var time = new FakeTimeProvider(Start);
        var runner = AllSucceed(time);

        var outcome = await TurnWorkflow.RunAsync(runner, Input());

        Assert.Equal(new TurnOutcome(TurnOutcomeKind.Audio, "answer", "answers", "a.wav"), outcome);
        Assert.Equal([TurnStepNames.Transcribe, TurnStepNames.Answer, TurnStepNames.Synthesize, TurnStepNames.Finish], runner.Calls);
        Assert.Equal(outcome, runner.Finished!.Outcome);
        var facts = runner.Finished.Facts;
        Assert.Equal(["stt", "rag", "tts"], facts.Stages.Select(s => s.Name));
        Assert.Equal(("question", "answer", true, 1.2), (facts.Transcript, facts.AnswerText, facts.AnswerFound, facts.AudioDurationSeconds));
    }

    [Theory]
    [InlineData(TurnStepNames.Transcribe, TurnOutcomeKind.Fallback, "Sorry, I could not hear that, please ask again.")]
    [InlineData(TurnStepNames.Answer, TurnOutcomeKind.Fallback, "Sorry, I cannot answer that right now. Please ask again in a little while.")]
    [InlineData(TurnStepNames.Synthesize, TurnOutcomeKind.AnswerText, "answer")]
    public async Task RunAsync_StepFails_FallsBackForThatStage(string failing, TurnOutcomeKind kind, string spoken)
    {
        var time = new FakeTimeProvider(Start);
        var runner = AllSucceed(time).Fails(failing, ErrorCategory.ProviderUnavailable);

        var outcome = await TurnWorkflow.RunAsync(runner, Input());

        Assert.Equal(kind, outcome.Kind);
        Assert.Equal(spoken, outcome.SpokenText);
        Assert.Equal(ErrorCategory.ProviderUnavailable, outcome.Error);
        Assert.False(outcome.TimedOut);
        Assert.Equal(TurnStepNames.Finish, runner.Calls[^1]);
    }

    [Fact]
    public async Task RunAsync_SttFailsInHindi_AsksAgainInHindi()
    {
        var runner = AllSucceed(new FakeTimeProvider(Start)).Fails(TurnStepNames.Transcribe, ErrorCategory.EmptyTranscript);

        var outcome = await TurnWorkflow.RunAsync(runner, Input("hi-IN"));

        Assert.Equal(TurnPrompts.CouldNotHear("hi-IN"), outcome.SpokenText);
    }

    [Theory]
    [InlineData(TurnStepNames.Transcribe, TurnOutcomeKind.Fallback, "stt")]
    [InlineData(TurnStepNames.Synthesize, TurnOutcomeKind.AnswerText, "tts")]
    public async Task RunAsync_StepOverrunsTheDeadline_EndsAtTheDeadline(string hanging, TurnOutcomeKind kind, string stage)
    {
        var time = new FakeTimeProvider(Start);
        var runner = AllSucceed(time).Hangs(hanging);

        var run = TurnWorkflow.RunAsync(runner, Input());
        time.Advance(TimeSpan.FromSeconds(9.9));
        await Task.Delay(50);
        Assert.False(run.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.2));
        var outcome = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(kind, outcome.Kind);
        Assert.True(outcome.TimedOut);
        Assert.Equal(ErrorCategory.Timeout, outcome.Error);
        Assert.Equal(stage, outcome.ErrorStage);
        Assert.Equal(hanging == TurnStepNames.Synthesize ? ["stt", "rag"] : [], runner.Finished!.Facts.Stages.Select(s => s.Name));
    }

    [Theory]
    [InlineData(TurnStepNames.Transcribe, TurnOutcomeKind.Fallback, "stt")]
    [InlineData(TurnStepNames.Answer, TurnOutcomeKind.Fallback, "rag")]
    [InlineData(TurnStepNames.Synthesize, TurnOutcomeKind.AnswerText, "tts")]
    public async Task RunAsync_StepCutOffAtTheDeadlineBeforeTheTimerFires_EndsAsTimedOut(string cutOff, TurnOutcomeKind kind, string stage)
    {
        // The step's last attempt ends at the deadline too: whichever notices first, the turn timed out.
        var time = new FakeTimeProvider(Start);
        var runner = AllSucceed(time);
        runner.Steps[cutOff] = (_, _) => Task.FromException<object>(
            new TurnStepException(ErrorCategory.Timeout, stage, "attempt ran into the deadline", deadlinePassed: true));

        var outcome = await TurnWorkflow.RunAsync(runner, Input()).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(kind, outcome.Kind);
        Assert.Equal(kind == TurnOutcomeKind.AnswerText ? "answer" : TurnPrompts.Apology("en-IN"), outcome.SpokenText);
        Assert.True(outcome.TimedOut);
        Assert.Equal(ErrorCategory.Timeout, outcome.Error);
        Assert.Equal(stage, outcome.ErrorStage);
        Assert.Equal(outcome, runner.Finished!.Outcome);
    }

    [Fact]
    public async Task RunAsync_StepTimesOutWithTimeLeft_IsThatStagesFailureNotTheDeadline()
    {
        var runner = AllSucceed(new FakeTimeProvider(Start)).Fails(TurnStepNames.Answer, ErrorCategory.Timeout);

        var outcome = await TurnWorkflow.RunAsync(runner, Input());

        Assert.Equal((TurnOutcomeKind.Fallback, ErrorCategory.Timeout, "rag"), (outcome.Kind, outcome.Error, outcome.ErrorStage));
        Assert.False(outcome.TimedOut);
    }

    [Fact]
    public async Task RunAsync_HostStopping_FinishesWithAFallback()
    {
        var time = new FakeTimeProvider(Start);
        var runner = AllSucceed(time).Hangs(TurnStepNames.Answer);
        using var stopping = new CancellationTokenSource();

        var run = TurnWorkflow.RunAsync(runner, Input(), stopping.Token);
        await stopping.CancelAsync();
        var outcome = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(TurnOutcomeKind.Fallback, outcome.Kind);
        Assert.Equal(ErrorCategory.Internal, outcome.Error);
        Assert.False(outcome.TimedOut);
        Assert.NotNull(runner.Finished);
    }

    [Fact]
    public void StepException_RoundTripsThroughTypeNameAndMessage()
    {
        var original = new TurnStepException(ErrorCategory.RateLimited, "rag", "fake 429: slow down");

        var rebuilt = TurnStepException.FromFailure(typeof(TurnStepException).FullName, original.Message, TurnStepNames.Answer);

        Assert.Equal(ErrorCategory.RateLimited, rebuilt.Category);
        Assert.Equal("rag", rebuilt.Stage);
        Assert.Equal(original.Message, rebuilt.Message);
        Assert.Equal(ErrorCategory.Internal, TurnStepException.FromFailure("System.InvalidOperationException", "boom", "x").Category);
        Assert.True(TurnStepException.IsRetryableByHost("System.IO.IOException", "worker lost", "x"));
        Assert.False(TurnStepException.IsRetryableByHost(typeof(TurnStepException).FullName, original.Message, "x"));
        Assert.True(TurnStepException.IsRetryableByHost(typeof(TurnStepException).FullName, new TurnStepException(ErrorCategory.Storage, "finish", "503").Message, "x"));
        Assert.False(rebuilt.DeadlinePassed);
    }

    [Fact]
    public void StepException_CutOffAtTheDeadline_KeepsThatThroughTypeNameAndMessage()
    {
        var original = new TurnStepException(ErrorCategory.Timeout, "tts", "Attempt 1 ran into the turn's deadline: after 2.5 s.", deadlinePassed: true);

        var rebuilt = TurnStepException.FromFailure(typeof(TurnStepException).FullName, original.Message, TurnStepNames.Synthesize);

        Assert.True(rebuilt.DeadlinePassed);
        Assert.Equal((ErrorCategory.Timeout, "tts"), (rebuilt.Category, rebuilt.Stage));
        Assert.Equal(original.Message, rebuilt.Message);
        Assert.False(TurnStepException.IsRetryableByHost(typeof(TurnStepException).FullName, original.Message, "x"));
    }
}
