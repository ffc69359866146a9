using IvrFunctions.Core.Answers;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Exotel;
using IvrFunctions.Core.Speech;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Turns;

/// <summary>
/// The work behind each workflow step, shared by the Durable activities and the in-process runner. Each stage retries
/// retryable failures (timeouts, 429 with Retry-After, 5xx) a bounded number of times within the turn's deadline, fails
/// fast on permanent ones, times every attempt, and records its result on the turn.
/// </summary>
public sealed class TurnSteps(
    IServiceProvider services,
    RecordingFetcher recordings,
    TurnStore store,
    TurnCompletionNotifier notifier,
    PendingTurnCompletions pending,
    ITelemetry telemetry,
    IOptions<TurnsOptions> options,
    TimeProvider time,
    ILogger<TurnSteps> logger)
{
    /// <summary>Dispatch by step name, for runners that call steps directly.</summary>
    public async Task<object> InvokeAsync(string step, object input, CancellationToken cancellationToken) => step switch
    {
        TurnStepNames.Transcribe => await TranscribeAsync((TranscribeStepInput)input, cancellationToken),
        TurnStepNames.Answer => await AnswerAsync((AnswerStepInput)input, cancellationToken),
        TurnStepNames.Synthesize => await SynthesizeAsync((SynthesizeStepInput)input, cancellationToken),
        TurnStepNames.Finish => await FinishAsync((FinishStepInput)input, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Unknown turn step."),
    };

    /// <summary>STT: downloads the recording (kept in memory for retries, never passed on) and transcribes it.</summary>
    public Task<TranscribeStepResult> TranscribeAsync(TranscribeStepInput input, CancellationToken cancellationToken)
    {
        var turn = input.Turn;
        RecordedAudio? audio = null;
        return RunStageAsync(
            StageNames.Stt,
            turn,
            async (attempt, token) =>
            {
                var speech = Resolve<ISpeechToText>("speech-to-text");
                audio ??= await recordings.FetchAsync(turn.RecordingUrl, Context(turn), token);
                var heard = await speech.TranscribeAsync(audio, turn.Language, Context(turn), token);
                attempt.SetProvider(heard.Provider, heard.Model);
                if (string.IsNullOrWhiteSpace(heard.Text))
                {
                    throw new ClassifiedException(ErrorCategory.EmptyTranscript, "Nothing intelligible in the recording.");
                }

                return new TranscribeStepResult(heard.Text.Trim(), heard.Confidence, attempt.Succeeded());
            },
            cancellationToken);
    }

    /// <summary>RAG: answers the question from the knowledge base.</summary>
    public Task<AnswerStepResult> AnswerAsync(AnswerStepInput input, CancellationToken cancellationToken)
    {
        var turn = input.Turn;
        return RunStageAsync(
            StageNames.Rag,
            turn,
            async (attempt, token) =>
            {
                var answers = Resolve<IAnswerService>("answer");
                var answer = await answers.AnswerAsync(input.Question, turn.Language, Context(turn), token);
                attempt.SetProvider(answer.Provider, answer.Model);
                if (string.IsNullOrWhiteSpace(answer.Text))
                {
                    throw new ClassifiedException(ErrorCategory.Internal, "The answer service returned an empty answer.");
                }

                if (!answer.Found)
                {
                    telemetry.RecordError(new ErrorOccurrence(ErrorCategory.NoAnswerFound, StageNames.Rag, Context(turn), Provider: answer.Provider));
                }

                return new AnswerStepResult(answer.Text.Trim(), answer.Found, attempt.Succeeded());
            },
            cancellationToken);
    }

    /// <summary>TTS: synthesizes (or finds in the audio cache) the answer's 8 kHz WAV; returns its blob reference.</summary>
    public Task<SynthesizeStepResult> SynthesizeAsync(SynthesizeStepInput input, CancellationToken cancellationToken)
    {
        var turn = input.Turn;
        return RunStageAsync(
            StageNames.Tts,
            turn,
            async (attempt, token) =>
            {
                var synthesizer = Resolve<IAnswerAudioSynthesizer>("speech synthesis");
                var audio = await synthesizer.SynthesizeAsync(input.Text, turn.Language, Context(turn), token);
                attempt.SetProvider(audio.Voice, null);
                return new SynthesizeStepResult(audio.Container, audio.BlobName, audio.Duration.TotalSeconds, audio.FromCache, attempt.Succeeded());
            },
            cancellationToken);
    }

    /// <summary>
    /// Finish: stores the outcome, records the turn's total (timed from its acceptance) and wakes anyone waiting for the
    /// answer. When storage fails the turn is still over: the outcome waits in <see cref="PendingTurnCompletions"/> (served
    /// to this process's waiters, saved in the background) instead of failing the step.
    /// </summary>
    public async Task<bool> FinishAsync(FinishStepInput input, CancellationToken cancellationToken)
    {
        var (turn, outcome) = (input.Turn, input.Outcome);
        var completedAt = time.GetUtcNow();
        try
        {
            await store.CompleteAsync(turn, outcome, input.Facts, completedAt, cancellationToken);
        }
        catch (ClassifiedException ex) when (ex.Category == ErrorCategory.Storage)
        {
            pending.Add(input, completedAt, ex.Message);
            telemetry.RecordError(new ErrorOccurrence(ex.Category, "storage", Context(turn), $"turn completion not saved, retrying in the background: {ex.Message}"));
            logger.LogWarning("Turn {TurnId}: completion not saved ({Error}); served from memory in this process and retried in the background", turn.TurnId, ex.Message);
        }
        catch (ClassifiedException ex)
        {
            throw new TurnStepException(ex.Category, "finish", ex.Message, ex);
        }

        if (outcome.TimedOut)
        {
            telemetry.RecordError(new ErrorOccurrence(ErrorCategory.Timeout, StageNames.Turn, Context(turn), $"deadline passed during {outcome.ErrorStage}"));
        }

        RecordTurnTotal(turn, outcome);
        notifier.Signal(turn.CallSid);
        logger.LogInformation("Turn {TurnId} finished: {Outcome}{Error}", turn.TurnId, outcome.Kind, outcome.Error is { } e ? $" ({e} in {outcome.ErrorStage})" : string.Empty);
        return true;
    }

    /// <summary>
    /// The <c>turn</c> stage: from the question webhook's acceptance to now, timed by the turn's own acceptance time so it is
    /// recorded wherever Finish runs (in Functions, often not the instance that accepted the question).
    /// </summary>
    void RecordTurnTotal(TurnInput turn, TurnOutcome outcome)
    {
        using var timer = telemetry.StartStage(StageNames.Turn, Context(turn), turn.AcceptedAt);
        timer.Attempt = 1;
        if (outcome.Kind == TurnOutcomeKind.Fallback)
        {
            timer.Fail(outcome.Error ?? ErrorCategory.Internal, outcome.TimedOut ? "deadline passed" : outcome.ErrorStage);
        }
        else
        {
            timer.Succeed();
        }
    }

    async Task<T> RunStageAsync<T>(
        string stage,
        TurnInput turn,
        Func<StageAttempt, CancellationToken, Task<T>> attemptAsync,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        for (var number = 1; ; number++)
        {
            var remaining = turn.Deadline - time.GetUtcNow();
            using var timer = telemetry.StartStage(stage, Context(turn));
            timer.Attempt = number;
            var attempt = new StageAttempt(stage, number, timer, startedAt, started, time);
            ErrorCategory category;
            TimeSpan? retryAfter = null;
            string detail;
            var outOfTime = false;
            try
            {
                if (remaining <= TimeSpan.Zero)
                {
                    outOfTime = true;
                    throw new ClassifiedException(ErrorCategory.Timeout, "The turn's deadline passed before the stage could start.");
                }

                var limit = TimeSpan.FromSeconds(Math.Min(settings.AttemptTimeoutSeconds, remaining.TotalSeconds));
                using var attemptTimeout = new CancellationTokenSource(limit, time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimeout.Token);
                T result;
                try
                {
                    result = await attemptAsync(attempt, linked.Token);
                }
                catch (OperationCanceledException) when (attemptTimeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    // An attempt cut short to end at the deadline is the turn running out of time, not a slow attempt.
                    outOfTime = limit < TimeSpan.FromSeconds(settings.AttemptTimeoutSeconds);
                    throw new ClassifiedException(
                        ErrorCategory.Timeout,
                        outOfTime ? $"Attempt {number} ran into the turn's deadline after {limit.TotalSeconds:0.##} s." : $"Attempt {number} ran past {limit.TotalSeconds:0.##} s.");
                }

                // Recorded on the turn by Finish, with the others: one write per turn when all goes well.
                timer.Succeed();
                return result;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The turn's deadline (or a host shutdown) stopped this stage: record where time ran out, then let the workflow decide.
                timer.Fail(ErrorCategory.Timeout, "stopped by the turn deadline or host shutdown");
                await RecordStageAsync(turn, attempt.Failed(ErrorCategory.Timeout));
                throw;
            }
            catch (ClassifiedException ex)
            {
                (category, retryAfter, detail) = (ex.Category, ex.RetryAfter, ex.Message);
            }
            catch (HttpRequestException ex)
            {
                (category, detail) = (ErrorCategory.ProviderUnavailable, ex.Message);
            }
            catch (Exception ex) when (StorageFailures.IsStorageFailure(ex))
            {
                // A step that reached storage itself (an audio cache, a test double) and got the SDK's failure unclassified.
                (category, detail) = (ErrorCategory.Storage, StorageFailures.Describe(ex));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                (category, detail) = (ErrorCategory.Internal, $"{ex.GetType().Name}: {ex.Message}");
            }

            timer.Fail(category, detail);
            var delay = RetryDelay(settings, number, retryAfter);
            var retry = !outOfTime
                && ErrorCatalog.Describe(category).Retryable
                && number < settings.MaxAttempts
                && time.GetUtcNow() + delay < turn.Deadline;
            telemetry.RecordError(new ErrorOccurrence(category, stage, Context(turn), retry ? $"attempt {number}, retrying: {detail}" : detail, attempt.Provider));
            if (!retry)
            {
                await RecordStageAsync(turn, attempt.Failed(category));
                throw new TurnStepException(category, stage, detail, deadlinePassed: outOfTime);
            }

            logger.LogWarning("Turn {TurnId} {Stage} attempt {Attempt} failed ({Category}); retrying in {DelayMs} ms", turn.TurnId, stage, number, category, delay.TotalMilliseconds);
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    static TimeSpan RetryDelay(TurnsOptions settings, int attempt, TimeSpan? retryAfter)
    {
        var backoff = TimeSpan.FromMilliseconds(settings.RetryBaseDelayMilliseconds * Math.Pow(2, attempt - 1));
        return retryAfter is { } asked && asked > backoff ? asked : backoff;
    }

    /// <summary>A failed stage is recorded at once: the workflow may never pass it on (the deadline may already have won).</summary>
    async Task RecordStageAsync(TurnInput turn, StageRecord stage)
    {
        try
        {
            await store.RecordStageAsync(turn, stage, CancellationToken.None);
        }
        catch (ClassifiedException ex)
        {
            // The stage's result still flows on; only the turn's record of it is incomplete.
            telemetry.RecordError(new ErrorOccurrence(ex.Category, "storage", Context(turn), ex.Message));
            logger.LogWarning("Turn {TurnId}: could not record stage {Stage} ({Error})", turn.TurnId, stage.Name, ex.Message);
        }
    }

    T Resolve<T>(string what) where T : class =>
        services.GetService<T>() ?? throw new ClassifiedException(ErrorCategory.Configuration, $"No {what} provider is registered in this host.");

    static TelemetryContext Context(TurnInput turn) => new(turn.CallSid, turn.TurnId, turn.Language);
}
