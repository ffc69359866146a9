namespace IvrFunctions.Core.Telemetry.Storage;

/// <summary>
/// Cuts one kind's part of a window into <see cref="RecordSegment"/>s of at most about <c>target</c> records, from counted
/// spans given in time order (an hour, or a minute where the hour is too full). Spans join the open segment while it stays
/// within the target, empty ones always, so a stretch without records costs no query of its own; a span that alone holds
/// more than the target (a busy minute) is cut into equal time sub-ranges. The segments cover the window exactly, without
/// gaps, so records the counts miss (rollups late or lost) are still read, only in a segment larger than planned.
/// </summary>
public sealed class RecordSegmentBuilder
{
    readonly TelemetryRecordKind _kind;
    readonly DateTimeOffset _to;
    readonly long _target;
    DateTimeOffset _start;
    DateTimeOffset _next;
    long _count;
    bool _finished;

    public RecordSegmentBuilder(TelemetryRecordKind kind, DateTimeOffset from, DateTimeOffset to, long target)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(target, 1);
        if (to <= from)
        {
            throw new ArgumentException("The window must end after it starts.", nameof(to));
        }

        _kind = kind;
        _to = to;
        _target = target;
        _start = from;
        _next = from;
    }

    /// <summary>Adds the span <c>[from, to)</c> holding <paramref name="count"/> records; completed segments go to <paramref name="output"/>.</summary>
    public void Add(DateTimeOffset from, DateTimeOffset to, long count, ICollection<RecordSegment> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_finished || from != _next || to <= from || to > _to)
        {
            throw new ArgumentException($"Spans must follow each other inside the window: expected one from {_next:O}, got [{from:O}, {to:O}).");
        }

        _next = to;
        if (count > _target)
        {
            if (_count > 0)
            {
                output.Add(new RecordSegment(_kind, _start, from, _count));
                _start = from;
            }

            // Equal time slices of the busy span; the first also takes any empty stretch before it, the last stays open.
            var parts = (count + _target - 1) / _target;
            var each = (count + parts - 1) / parts;
            var ticks = (to - from).Ticks;
            for (var i = 1; i < parts; i++)
            {
                var end = from.AddTicks(ticks * i / parts);
                if (end > _start)
                {
                    output.Add(new RecordSegment(_kind, _start, end, each));
                    _start = end;
                }
            }

            _count = each;
            return;
        }

        if (_count > 0 && _count + count > _target)
        {
            output.Add(new RecordSegment(_kind, _start, from, _count));
            _start = from;
            _count = 0;
        }

        _count += count;
    }

    /// <summary>Closes the last segment at the window's end (also when no span was added: then it is the whole window).</summary>
    public void Finish(ICollection<RecordSegment> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_finished)
        {
            return;
        }

        _finished = true;
        output.Add(new RecordSegment(_kind, _start, _to, _count));
    }
}
