using System.Collections.Concurrent;

namespace IvrFunctions.Core.Turns;

/// <summary>
/// The turns this process has accepted and will finish itself (the SelfHost's in-process engine). Finishing one wakes its
/// waiters through <see cref="TurnCompletionNotifier"/>, so <see cref="TurnWaiter"/> need not poll storage for it; turns
/// run elsewhere (Durable activities on another Functions instance) are never listed and are still re-checked.
/// </summary>
public sealed class TurnsRunningHere
{
    readonly ConcurrentDictionary<string, byte> _turns = new(StringComparer.Ordinal);

    public void Add(string turnId) => _turns.TryAdd(turnId, 0);

    public void Remove(string turnId) => _turns.TryRemove(turnId, out _);

    public bool Contains(string turnId) => _turns.ContainsKey(turnId);
}
