using System.Collections.Concurrent;

namespace IvrFunctions.Core.Turns;

/// <summary>
/// Wakes requests waiting on a call the moment this process finishes one of its turns. A signal only says "look again": storage stays
/// the source of truth, so a turn finished by another instance is still seen by the waiter's own re-check.
/// </summary>
public sealed class TurnCompletionNotifier(TimeProvider time)
{
    static readonly TimeSpan Stale = TimeSpan.FromMinutes(2);

    readonly ConcurrentDictionary<string, (TaskCompletionSource Signal, long Created)> _waiting = new(StringComparer.Ordinal);

    /// <summary>A task that completes when <see cref="Signal"/> is called for the call. Register before reading storage.</summary>
    public Task WhenSignalled(string callSid)
    {
        Prune();
        return _waiting.GetOrAdd(callSid, _ => (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), time.GetTimestamp())).Signal.Task;
    }

    public void Signal(string callSid)
    {
        if (_waiting.TryRemove(callSid, out var entry))
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
