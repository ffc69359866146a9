using System.Threading.Channels;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Turns;

/// <summary>
/// Turns that finished in this process whose completion could not be saved (storage down, or back without its tables).
/// The caller does not pay for it: <see cref="TurnWaiter"/> in this process reads the outcome here at once, and a
/// background loop saves it with backoff once storage answers again, until <see cref="TurnsOptions.CompletionRetrySeconds"/>
/// past the turn's deadline. A completion given up on, or still unsaved when the host stops, is counted: a <c>storage</c> error record and
/// an error log. Nothing is dropped silently.
/// </summary>
public sealed class PendingTurnCompletions(
    TurnStore store, ITelemetry telemetry, IOptions<TurnsOptions> options, TimeProvider time, ILogger<PendingTurnCompletions> logger)
    : BackgroundService
{
    static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(500);
    static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(15);
    static readonly TimeSpan ShutdownBound = TimeSpan.FromSeconds(5);

    readonly Lock _gate = new();
    readonly Dictionary<string, Completion> _pending = new(StringComparer.Ordinal);
    readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    long _saved;
    long _abandoned;

    /// <summary>Completions waiting to be saved.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Completions saved late, since start.</summary>
    public long Saved => Interlocked.Read(ref _saved);

    /// <summary>Completions given up on (and counted as storage errors), since start.</summary>
    public long Abandoned => Interlocked.Read(ref _abandoned);

    /// <summary>Keeps a finished turn whose completion write failed (<paramref name="error"/>), and saves it in the background.</summary>
    public void Add(FinishStepInput finished, DateTimeOffset completedAt, string error)
    {
        lock (_gate)
        {
            _pending[finished.Turn.TurnId] = new Completion(finished, completedAt) { LastError = error };
        }

        _wake.Writer.TryWrite(true);
    }

    /// <summary>
    /// The call's most recently accepted turn among those finished here and not yet saved, as what the caller can be
    /// served now: an audio outcome becomes its answer text for Exotel to speak, since the audio URL is served from the
    /// stored turn record, which does not exist yet. Null when the call has none.
    /// </summary>
    public TurnRecord? LatestOf(string callSid)
    {
        Completion? latest = null;
        lock (_gate)
        {
            foreach (var completion in _pending.Values)
            {
                if (completion.Finished.Turn.CallSid == callSid && (latest is null || completion.Finished.Turn.AcceptedAt > latest.Finished.Turn.AcceptedAt))
                {
                    latest = completion;
                }
            }
        }

        if (latest is null)
        {
            return null;
        }

        var (turn, outcome, facts) = (latest.Finished.Turn, latest.Finished.Outcome, latest.Finished.Facts);
        var servable = outcome.Kind == TurnOutcomeKind.Audio ? outcome with { Kind = TurnOutcomeKind.AnswerText, AudioContainer = null, AudioBlob = null } : outcome;
        return new TurnRecord(turn.TurnId, turn.CallSid, turn.Language, TurnStatuses.Completed, turn.AcceptedAt, turn.Deadline, facts.Stages,
            facts.Transcript, facts.AnswerText, facts.AnswerFound, servable, latest.CompletedAt, facts.AudioDurationSeconds, facts.AudioFromCache);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = FirstDelay;
        try
        {
            while (true)
            {
                while (Count == 0)
                {
                    await _wake.Reader.ReadAsync(stoppingToken);
                }

                // The write has just failed: give storage a moment, longer each time it still fails.
                await Task.Delay(delay, time, stoppingToken);
                delay = await SaveAllAsync(stoppingToken) ? FirstDelay : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync makes the last attempt.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (Count == 0)
        {
            return;
        }

        using var bound = new CancellationTokenSource(ShutdownBound, time);
        try
        {
            await SaveAllAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            // Out of time: what is left is counted below.
        }

        foreach (var completion in TakeAll())
        {
            Abandon(completion, "the host stopped before storage answered");
        }
    }

    /// <summary>One round, oldest first: true when everything pending was saved; false at the first storage failure (storage is still down).</summary>
    async Task<bool> SaveAllAsync(CancellationToken cancellationToken)
    {
        Completion[] round;
        lock (_gate)
        {
            round = [.. _pending.Values.OrderBy(c => c.CompletedAt)];
        }

        foreach (var completion in round)
        {
            var turn = completion.Finished.Turn;
            var giveUpAfter = TimeSpan.FromSeconds(options.Value.CompletionRetrySeconds);
            if (time.GetUtcNow() > turn.Deadline + giveUpAfter)
            {
                if (Remove(completion))
                {
                    Abandon(completion, $"still unsaved {giveUpAfter.TotalSeconds:0} s past the deadline");
                }

                continue;
            }

            completion.Attempts++;
            try
            {
                await store.CompleteAsync(turn, completion.Finished.Outcome, completion.Finished.Facts, completion.CompletedAt, cancellationToken);
            }
            catch (ClassifiedException ex) when (ex.Category == ErrorCategory.Storage)
            {
                completion.LastError = ex.Message;
                return false;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Not a storage failure: retrying will not help.
                logger.LogError(ex, "Turn {TurnId}: saving its completion failed", turn.TurnId);
                completion.LastError = $"{ex.GetType().Name}: {ex.Message}";
                if (Remove(completion))
                {
                    Abandon(completion, "the write failed for a reason other than storage");
                }

                continue;
            }

            if (Remove(completion))
            {
                Interlocked.Increment(ref _saved);
                logger.LogInformation("Turn {TurnId}: completion saved late, on write {Attempt}", turn.TurnId, completion.Attempts + 1);
            }
        }

        return true;
    }

    void Abandon(Completion completion, string why)
    {
        Interlocked.Increment(ref _abandoned);
        var turn = completion.Finished.Turn;
        var detail = $"turn completion abandoned after {completion.Attempts + 1} writes ({why}): {completion.LastError}";
        telemetry.RecordError(new ErrorOccurrence(ErrorCategory.Storage, "storage", new TelemetryContext(turn.CallSid, turn.TurnId, turn.Language), detail));
        logger.LogError("Turn {TurnId}: completion ({Outcome}) never saved, {Why}; the turn record stays running. Last error: {Error}",
            turn.TurnId, completion.Finished.Outcome.Kind, why, completion.LastError);
    }

    /// <summary>False when it is gone already, or a newer completion of the same turn replaced it (that one stays).</summary>
    bool Remove(Completion completion)
    {
        var turnId = completion.Finished.Turn.TurnId;
        lock (_gate)
        {
            return _pending.TryGetValue(turnId, out var current) && ReferenceEquals(current, completion) && _pending.Remove(turnId);
        }
    }

    Completion[] TakeAll()
    {
        lock (_gate)
        {
            Completion[] all = [.. _pending.Values];
            _pending.Clear();
            return all;
        }
    }

    sealed class Completion(FinishStepInput finished, DateTimeOffset completedAt)
    {
        public FinishStepInput Finished { get; } = finished;

        public DateTimeOffset CompletedAt { get; } = completedAt;

        public int Attempts { get; set; }

        public string? LastError { get; set; }
    }
}
