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
