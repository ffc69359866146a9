using IvrFunctions.Core.Insights.Contracts;

namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>
/// Folds session records (in time order) into per-call summaries, keeping only the <c>limit</c> calls with the latest
/// activity, so memory stays bounded however many calls the window holds. Callers are masked as they are read.
/// </summary>
public sealed class CallListBuilder(int limit)
{
    readonly Dictionary<string, LinkedListNode<CallSummary>> _calls = new(StringComparer.Ordinal);
    readonly LinkedList<CallSummary> _order = new();

    public bool Truncated { get; private set; }

    public void Add(ExportRecord record)
    {
        if (record.CallSid is null)
        {
            return;
        }

        var existing = _calls.TryGetValue(record.CallSid, out var node) ? node.Value : new CallSummary(record.CallSid, null, null, null, null, null, null, null, null);
        var updated = record.Name switch
        {
            "started" => existing with
            {
                StartedAt = record.Timestamp,
                Caller = CallerMask.Mask(record.Caller) ?? existing.Caller,
                Language = record.Language ?? existing.Language,
            },
            // No end arrived within the longest call duration: the call is no longer counted as in progress.
            "expired" => existing with { Status = existing.Status ?? "expired" },
            _ => existing with
            {
                EndedAt = record.Timestamp,
                Caller = existing.Caller ?? CallerMask.Mask(record.Caller),
                Language = existing.Language ?? record.Language,
                DurationSeconds = record.DurationMs is { } ms ? Math.Round(ms / 1000, 3) : existing.DurationSeconds,
                Turns = record.Turns ?? existing.Turns,
                Success = record.Success ?? existing.Success,
                Status = record.Status ?? existing.Status,
            },
        };

        if (node is not null)
        {
            _order.Remove(node);
        }

        _calls[record.CallSid] = _order.AddLast(updated);
        if (_calls.Count > limit)
        {
            _calls.Remove(_order.First!.Value.CallSid);
            _order.RemoveFirst();
            Truncated = true;
        }
    }

    /// <summary>Most recent activity first.</summary>
    public IReadOnlyList<CallSummary> Build() => [.. _order.Reverse()];
}
