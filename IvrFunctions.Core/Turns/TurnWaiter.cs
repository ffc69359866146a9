namespace IvrFunctions.Core.Turns;

/// <summary>
/// Waits for a call's latest turn to finish: woken at once by <see cref="TurnCompletionNotifier"/> when this process
/// finishes it, with a storage re-check now and then for turns finished elsewhere (another Functions instance).
/// </summary>
public sealed class TurnWaiter(TurnStore store, TurnCompletionNotifier notifier, TurnsRunningHere runningHere, TimeProvider time)
{
    static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(750);

    /// <summary>The call's latest turn as last read (null if it has none): completed, or still running when <paramref name="bound"/> passed.</summary>
    public async Task<TurnRecord?> WaitForLatestAsync(string callSid, TimeSpan bound, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            // Registered before the read, so a finish between the two is never missed.
            var signal = notifier.WhenSignalled(callSid);
            var turn = await store.GetLatestAsync(callSid, cancellationToken);
            var remaining = bound - time.GetElapsedTime(started);
            if (turn is null || turn.IsCompleted || remaining <= TimeSpan.Zero)
            {
                return turn;
            }

            // A turn this process runs signals when it finishes, so only turns run elsewhere cost storage re-reads.
            var local = runningHere.Contains(turn.TurnId);
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
