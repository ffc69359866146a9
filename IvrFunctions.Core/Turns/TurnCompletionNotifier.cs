using System.Collections.Concurrent;

namespace IvrFunctions.Core.Turns;

/// <summary>
/// Wakes requests waiting for a turn the moment this process finishes it. A signal only says "look again": storage stays
/// the source of truth, so a turn finished by another instance is still seen by the waiter's own re-check.
/// </summary>
public sealed class TurnCompletionNotifier(TimeProvider time)
{
    static readonly TimeSpan Stale = TimeSpan.FromMinutes(2);

    readonly ConcurrentDictionary<string, (TaskCompletionSource Signal, long Created)> _waiting = new(StringComparer.Ordinal);

    /// <summary>A task that completes when <see cref="Signal"/> is called for the turn. Register before reading storage.</summary>
    public Task WhenSignalled(string turnId)
    {
        Prune();
        return _waiting.GetOrAdd(turnId, _ => (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), time.GetTimestamp())).Signal.Task;
    }

    public void Signal(string turnId)
    {
        if (_waiting.TryRemove(turnId, out var entry))
        {
            entry.Signal.TrySetResult();
        }
    }

    void Prune()
    {
        if (_waiting.Count < 1024)
        {
            return;
        }

        foreach (var (key, entry) in _waiting)
        {
            if (time.GetElapsedTime(entry.Created) > Stale && _waiting.TryRemove(new KeyValuePair<string, (TaskCompletionSource, long)>(key, entry)))
            {
                entry.Signal.TrySetResult();
            }
        }
    }
}
