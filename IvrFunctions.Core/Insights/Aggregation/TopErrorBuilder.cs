using IvrFunctions.Core.Insights.Contracts;

namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>Groups error records by category, component and provider: count, last occurrence, the latest sample turn ids and detail.</summary>
public sealed class TopErrorBuilder
{
    const int Samples = 3;

    readonly Dictionary<(string Category, string Component, string? Provider), Group> _groups = [];

    public long Scanned { get; private set; }

    public void Add(ExportRecord record)
    {
        Scanned++;
        var key = (record.ErrorCategory ?? "internal", record.Name, record.Provider);
        if (!_groups.TryGetValue(key, out var group))
        {
            _groups[key] = group = new Group();
        }

        group.Count++;
        if (record.Timestamp >= group.Last)
        {
            group.Last = record.Timestamp;
            group.Detail = record.Detail ?? group.Detail;
        }

        if (record.TurnId is { } turn && !group.Turns.Contains(turn))
        {
            group.Turns.Enqueue(turn);
            if (group.Turns.Count > Samples)
            {
                group.Turns.Dequeue();
            }
        }
    }

    public IReadOnlyList<TopError> Build(int top) =>
    [
        .. _groups
            .OrderByDescending(g => g.Value.Count).ThenByDescending(g => g.Value.Last)
            .Take(top)
            .Select(g =>
            {
                var description = PerformanceViews.Describe(g.Key.Category);
                return new TopError(
                    g.Key.Category, g.Key.Component, g.Key.Provider, g.Value.Count, g.Value.Last, [.. g.Value.Turns.Reverse()], g.Value.Detail,
                    description.Title, description.Suggestion, description.Retryable, PerformanceViews.FaultCode(description.Fault));
            }),
    ];

    sealed class Group
    {
        public long Count { get; set; }

        public DateTimeOffset Last { get; set; } = DateTimeOffset.MinValue;

        public string? Detail { get; set; }

        public Queue<string> Turns { get; } = new();
    }
}
