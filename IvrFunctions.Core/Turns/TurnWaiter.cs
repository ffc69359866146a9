namespace IvrFunctions.Core.Turns;

/// <summary>
/// Waits for a turn to finish: woken at once by <see cref="TurnCompletionNotifier"/> when this process finishes it, with
/// a storage re-check now and then for turns finished elsewhere (another Functions instance).
/// </summary>
public sealed class TurnWaiter(TurnStore store, TurnCompletionNotifier notifier, TimeProvider time)
{
    static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(750);

    /// <summary>The turn as last read: completed, or still running when <paramref name="bound"/> passed.</summary>
    public async Task<TurnRecord> WaitAsync(TurnRecord turn, TimeSpan bound, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var current = turn;
        while (!current.IsCompleted)
        {
            var remaining = bound - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            var signal = notifier.WhenSignalled(turn.TurnId);
            // Read after registering, so a finish between the two is never missed.
            current = await store.GetAsync(turn.TurnId, cancellationToken) ?? current;
            if (current.IsCompleted)
            {
                break;
            }

            var nap = remaining < Recheck ? remaining : Recheck;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(signal, Task.Delay(nap, time, stop.Token));
            await stop.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            if (signal.IsCompleted)
            {
                current = await store.GetAsync(turn.TurnId, cancellationToken) ?? current;
            }
        }

        return current;
    }
}
