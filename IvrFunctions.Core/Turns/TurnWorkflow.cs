using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Core.Turns;

/// <summary>
/// The turn, written once: STT → RAG → TTS raced against the deadline, then Finish records what the caller hears.
/// Runs as the Durable orchestrator's body and in the SelfHost's worker pool, so it stays deterministic: no clock, no
/// I/O, no random values; time and work come only through <see cref="ITurnStepRunner"/>.
/// </summary>
public static class TurnWorkflow
{
    public static async Task<TurnOutcome> RunAsync(ITurnStepRunner runner, TurnInput input, CancellationToken cancellationToken = default)
    {
        var progress = new Progress();
        TurnOutcome outcome;
        using (var race = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var stages = RunStagesAsync(runner, input, progress, race.Token);
            var deadline = runner.WaitUntilAsync(input.Deadline.UtcDateTime, race.Token);
            var first = await Task.WhenAny(stages, deadline);
            race.Cancel();
            if (first == stages)
            {
                outcome = await stages;
            }
            else if (cancellationToken.IsCancellationRequested)
            {
                outcome = Stopped(input, progress);
            }
            else
            {
                outcome = DeadlinePassed(input, progress);
            }
        }

        await runner.RunAsync<bool>(TurnStepNames.Finish, new FinishStepInput(input, outcome, progress.Facts), CancellationToken.None);
        return outcome;
    }

    static async Task<TurnOutcome> RunStagesAsync(ITurnStepRunner runner, TurnInput input, Progress progress, CancellationToken cancellationToken)
    {
        try
        {
            progress.Stage = StageNames.Stt;
            var heard = await runner.RunAsync<TranscribeStepResult>(TurnStepNames.Transcribe, new TranscribeStepInput(input), cancellationToken);
            progress.Facts = progress.Facts with { Stages = [heard.Stage], Transcript = heard.Transcript, TranscriptConfidence = heard.Confidence };

            progress.Stage = StageNames.Rag;
            AnswerStepResult answer;
            try
            {
                answer = await runner.RunAsync<AnswerStepResult>(TurnStepNames.Answer, new AnswerStepInput(input, heard.Transcript), cancellationToken);
            }
            catch (TurnStepException ex) when (!ex.DeadlinePassed)
            {
                return new TurnOutcome(TurnOutcomeKind.Fallback, TurnPrompts.Apology(input.Language), Error: ex.Category, ErrorStage: StageNames.Rag);
            }

            progress.AnswerText = answer.Text;
            progress.Facts = progress.Facts with { Stages = [.. progress.Facts.Stages, answer.Stage], AnswerText = answer.Text, AnswerFound = answer.Found };
            progress.Stage = StageNames.Tts;
            try
            {
                var audio = await runner.RunAsync<SynthesizeStepResult>(TurnStepNames.Synthesize, new SynthesizeStepInput(input, answer.Text), cancellationToken);
                progress.Facts = progress.Facts with
                {
                    Stages = [.. progress.Facts.Stages, audio.Stage],
                    AudioDurationSeconds = audio.DurationSeconds,
                    AudioFromCache = audio.FromCache,
                };
                return new TurnOutcome(TurnOutcomeKind.Audio, answer.Text, audio.Container, audio.BlobName);
            }
            catch (TurnStepException ex) when (!ex.DeadlinePassed)
            {
                return new TurnOutcome(TurnOutcomeKind.AnswerText, answer.Text, Error: ex.Category, ErrorStage: StageNames.Tts);
            }
        }
        catch (TurnStepException ex) when (ex.DeadlinePassed)
        {
            // A step cut off at the deadline can finish just before the deadline timer fires: the same outcome either way.
            return DeadlinePassed(input, progress);
        }
        catch (TurnStepException ex)
        {
            return new TurnOutcome(TurnOutcomeKind.Fallback, TurnPrompts.CouldNotHear(input.Language), Error: ex.Category, ErrorStage: StageNames.Stt);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The deadline or a host shutdown won the race; the caller of this method decides what the caller hears.
            return Stopped(input, progress);
        }
    }

    /// <summary>Out of time: the answer text if there is one (Exotel speaks it), else an apology.</summary>
    static TurnOutcome DeadlinePassed(TurnInput input, Progress progress) => progress.AnswerText is { } text
        ? new TurnOutcome(TurnOutcomeKind.AnswerText, text, Error: ErrorCategory.Timeout, ErrorStage: progress.Stage, TimedOut: true)
        : new TurnOutcome(TurnOutcomeKind.Fallback, TurnPrompts.Apology(input.Language), Error: ErrorCategory.Timeout, ErrorStage: progress.Stage, TimedOut: true);

    static TurnOutcome Stopped(TurnInput input, Progress progress) =>
        new(TurnOutcomeKind.Fallback, TurnPrompts.Apology(input.Language), Error: ErrorCategory.Internal, ErrorStage: progress.Stage);

    sealed class Progress
    {
        public string Stage { get; set; } = StageNames.Stt;

        public string? AnswerText { get; set; }

        public TurnFacts Facts { get; set; } = TurnFacts.None;
    }
}
