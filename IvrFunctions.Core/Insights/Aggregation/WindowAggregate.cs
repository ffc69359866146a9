using IvrFunctions.Core.Insights.Windows;

namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>A window's rollups folded into its series buckets and into totals.</summary>
public sealed class WindowAggregate
{
    public WindowAggregate(TimeWindow window)
    {
        Window = window;
        Buckets = window.BucketStarts();
        PerBucket = [.. Buckets.Select(_ => new BucketAggregate())];
    }

    public TimeWindow Window { get; }

    public IReadOnlyList<DateTimeOffset> Buckets { get; }

    public IReadOnlyList<BucketAggregate> PerBucket { get; }

    public BucketAggregate Total { get; } = new();

    /// <summary>Folds rows in; rows whose bucket starts outside the window are ignored.</summary>
    public void Add(RollupSet rows)
    {
        foreach (var row in rows.Stages)
        {
            Into(row.Bucket, b => b.Add(row));
        }

        foreach (var row in rows.Services)
        {
            Into(row.Bucket, b => b.Add(row));
        }

        foreach (var row in rows.Caches)
        {
            Into(row.Bucket, b => b.Add(row));
        }

        foreach (var row in rows.Sessions)
        {
            Into(row.Bucket, b => b.Add(row));
        }

        foreach (var row in rows.Errors)
        {
            Into(row.Bucket, b => b.Add(row));
        }

        Total.DroppedRecords += rows.DroppedRecords;
    }

    /// <summary>
    /// The most calls in progress at the same moment, per series bucket and over the window. A bucket with counted session
    /// events takes the highest count right before or right after any of them: the count rises only at a start, so that is
    /// the bucket's true maximum, the count it began with included. A bucket without any kept the count left by the latest
    /// event before it; before the window's first event, the count that event began from; in a window without any event,
    /// <paramref name="openBeforeWindow"/>.
    /// </summary>
    public OpenCallPeaks OpenCallPeaks(long openBeforeWindow)
    {
        var open = Total.OpenCalls.IsEmpty ? openBeforeWindow : Total.OpenCalls.BeforeFirst;
        var perBucket = new int[PerBucket.Count];
        for (var i = 0; i < perBucket.Length; i++)
        {
            var events = PerBucket[i].OpenCalls;
            if (events.IsEmpty)
            {
                perBucket[i] = Count(open);
            }
            else
            {
                perBucket[i] = Count(events.Max);
                open = events.AfterLast;
            }
        }

        return new OpenCallPeaks(perBucket, perBucket.Length == 0 ? Count(open) : perBucket.Max());
    }

    static int Count(long open) => (int)Math.Clamp(open, 0, int.MaxValue);

    void Into(DateTimeOffset bucket, Action<BucketAggregate> add)
    {
        var index = Window.BucketIndex(bucket);
        if (index < 0 || index >= PerBucket.Count)
        {
            return;
        }

        add(PerBucket[index]);
        add(Total);
    }
}
