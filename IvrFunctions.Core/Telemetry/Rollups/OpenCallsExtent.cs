namespace IvrFunctions.Core.Telemetry.Rollups;

/// <summary>
/// What a set of counted session events (<see cref="TelemetryRecord.OpenCalls"/>) says about the number of calls open at
/// once. Each event tells the count right before it and right after it; folded together: <see cref="Max"/>, the highest of
/// those counts; <see cref="BeforeFirst"/>, the count before the event with the lowest <see cref="FirstSequence"/>; and
/// <see cref="AfterLast"/>, the count after the event with the highest <see cref="LastSequence"/>. Every part merges by
/// max or min, so writers' shards, rollup buckets and granularities combine in any order and grouping with the same result.
/// </summary>
public sealed class OpenCallsExtent
{
    public OpenCallsExtent()
    {
    }

    public OpenCallsExtent(long max, long firstSequence, long beforeFirst, long lastSequence, long afterLast)
    {
        Merge(max, firstSequence, beforeFirst, lastSequence, afterLast);
    }

    /// <summary>The most calls open at once at any moment next to one of the events (right before or right after it).</summary>
    public long Max { get; private set; }

    /// <summary>The open-call register's change number of the earliest event; 0 when no event was added.</summary>
    public long FirstSequence { get; private set; }

    /// <summary>Calls open right before the earliest event.</summary>
    public long BeforeFirst { get; private set; }

    /// <summary>The register's change number of the latest event.</summary>
    public long LastSequence { get; private set; }

    /// <summary>Calls open right after the latest event (until the next change, wherever it was recorded).</summary>
    public long AfterLast { get; private set; }

    public bool IsEmpty => FirstSequence == 0;

    /// <summary>Adds one event: the register's change <paramref name="sequence"/> took the count from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public void Add(long sequence, long before, long after) => Merge(Math.Max(before, after), sequence, before, sequence, after);

    public void Merge(OpenCallsExtent? other)
    {
        if (other is not null)
        {
            Merge(other.Max, other.FirstSequence, other.BeforeFirst, other.LastSequence, other.AfterLast);
        }
    }

    public OpenCallsExtent Clone() => new(Max, FirstSequence, BeforeFirst, LastSequence, AfterLast);

    void Merge(long max, long firstSequence, long beforeFirst, long lastSequence, long afterLast)
    {
        if (firstSequence <= 0)
        {
            return;
        }

        var empty = IsEmpty;
        Max = empty ? max : Math.Max(Max, max);
        if (empty || firstSequence < FirstSequence)
        {
            FirstSequence = firstSequence;
            BeforeFirst = beforeFirst;
        }

        if (empty || lastSequence > LastSequence)
        {
            LastSequence = lastSequence;
            AfterLast = afterLast;
        }
    }
}
