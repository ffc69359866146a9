using IvrFunctions.Core.Insights.Contracts;

namespace IvrFunctions.Core.Insights.Windows;

/// <summary>
/// A half-open window <c>[From, To)</c> with both bounds on whole minutes (the finest rollup), and the width of the series
/// buckets shown for it. Bucket starts are aligned to the UTC epoch, so the first and last bucket may be partial.
/// </summary>
public sealed record TimeWindow(DateTimeOffset From, DateTimeOffset To, string? Preset, TimeSpan BucketSize)
{
    public TimeSpan Span => To - From;

    public WindowInfo ToInfo() => new(From, To, Preset, (int)BucketSize.TotalSeconds);

    /// <summary>The series bucket starts covering the window, in order.</summary>
    public IReadOnlyList<DateTimeOffset> BucketStarts()
    {
        var starts = new List<DateTimeOffset>();
        for (var start = TimeAlign.Floor(From, BucketSize); start < To; start += BucketSize)
        {
            starts.Add(start);
        }

        return starts;
    }

    /// <summary>Index of the series bucket holding <paramref name="time"/>, or -1 outside the window.</summary>
    public int BucketIndex(DateTimeOffset time)
    {
        if (time < From || time >= To)
        {
            return -1;
        }

        var first = TimeAlign.Floor(From, BucketSize);
        return (int)((time - first).Ticks / BucketSize.Ticks);
    }

    /// <summary>A window of the same length immediately before this one (for "spike versus previous window" comparisons).</summary>
    public TimeWindow Previous() => this with { From = From - Span, To = From, Preset = null };

    /// <summary>The series bucket width for a span: minutes up to 6 h, hours up to 7 days, days beyond.</summary>
    public static TimeSpan BucketSizeFor(TimeSpan span) =>
        span <= TimeSpan.FromHours(6) ? TimeSpan.FromMinutes(1)
        : span <= TimeSpan.FromDays(7) ? TimeSpan.FromHours(1)
        : TimeSpan.FromDays(1);

    public static TimeWindow Create(DateTimeOffset from, DateTimeOffset to, string? preset = null)
    {
        var start = TimeAlign.Floor(from.ToUniversalTime(), TimeSpan.FromMinutes(1));
        var end = TimeAlign.Ceiling(to.ToUniversalTime(), TimeSpan.FromMinutes(1));
        return new TimeWindow(start, end, preset, BucketSizeFor(end - start));
    }
}
