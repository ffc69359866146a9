using IvrFunctions.Core.Errors;

namespace IvrFunctions.Core.Turns;

/// <summary>
/// Waits for a call's latest turn to finish: woken at once by <see cref="TurnCompletionNotifier"/> when this process
/// finishes it, with a storage re-check now and then for turns finished elsewhere (another Functions instance). A turn
/// finished here whose completion is not saved yet (<see cref="PendingTurnCompletions"/>) is taken from memory, so a
/// storage outage does not keep its answer from the caller.
/// </summary>
public sealed class TurnWaiter(
    TurnStore store, TurnCompletionNotifier notifier, PendingTurnCompletions pending, TurnsRunningHere runningHere, TimeProvider time)
{
    static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(750);

    /// <summary>
    /// The call's latest turn as last read (null if it has none): completed, stuck past its deadline, or still running when
    /// <paramref name="bound"/> passed. While storage fails, waits for this process to finish the turn; throws the storage
    /// failure if the bound passes with nothing known.
    /// </summary>
    public async Task<TurnRecord?> WaitForLatestAsync(string callSid, TimeSpan bound, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            // Registered before the reads, so a finish between them is never missed.
            var signal = notifier.WhenSignalled(callSid);
            var finishedHere = pending.LatestOf(callSid);
            TurnRecord? turn;
            ClassifiedException? failure = null;
            try
            {
                turn = await store.GetLatestAsync(callSid, cancellationToken);
            }
            catch (ClassifiedException ex) when (ex.Category == ErrorCategory.Storage)
            {
                (turn, failure) = (null, ex);
            }

            if (finishedHere is not null && (turn is null || turn.AcceptedAt <= finishedHere.AcceptedAt))
            {
                return finishedHere;
            }

            var remaining = bound - time.GetElapsedTime(started);
            if (failure is not null && remaining <= TimeSpan.Zero)
            {
                throw failure;
            }

            if (failure is null && (turn is null || turn.IsCompleted || turn.IsStuck(time.GetUtcNow()) || remaining <= TimeSpan.Zero))
            {
                return turn;
            }

            // A turn this process runs signals when it finishes, so only turns run elsewhere cost storage re-reads.
            var local = turn is not null && runningHere.Contains(turn.TurnId);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(signal, Task.Delay(local || remaining < Recheck ? remaining : Recheck, time, stop.Token));
            await stop.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            if (local && !signal.IsCompleted)
            {
                return turn;
            }
        }
    }
}
