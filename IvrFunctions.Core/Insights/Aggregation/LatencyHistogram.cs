namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>
/// A mergeable log-bucketed histogram of latencies in milliseconds: bucket <c>i</c> holds values in
/// <c>(γ^(i-1), γ^i]</c> with γ = 1.02, and a quantile is answered with the bucket's midpoint <c>2γ^i/(γ+1)</c>, so its
/// relative error is at most (γ-1)/(γ+1) &lt; 1%. Values at or below <see cref="MinimumMs"/> share one bucket.
/// </summary>
public sealed class LatencyHistogram
{
    public const double Gamma = 1.02;
    public const double MinimumMs = 0.01;

    static readonly double LogGamma = Math.Log(Gamma);

    readonly Dictionary<int, long> _buckets = [];

    public long Count { get; private set; }

    public double SumMs { get; private set; }

    public double MaxMs { get; private set; }

    /// <summary>Bucket index → count; for serialisation by whoever stores the histogram.</summary>
    public IReadOnlyDictionary<int, long> Buckets => _buckets;

    public static int IndexOf(double ms) => ms <= MinimumMs ? int.MinValue : (int)Math.Ceiling(Math.Log(ms) / LogGamma);

    public static double ValueOf(int index) => index == int.MinValue ? MinimumMs : 2 * Math.Pow(Gamma, index) / (Gamma + 1);

    public void Add(double ms) => AddBucket(IndexOf(Math.Max(0, ms)), 1, Math.Max(0, ms), Math.Max(0, ms));

    /// <summary>Adds a stored bucket count; <paramref name="sumMs"/> and <paramref name="maxMs"/> are for the whole addition.</summary>
    public void AddBucket(int index, long count, double sumMs = 0, double maxMs = 0)
    {
        if (count <= 0)
        {
            return;
        }

        _buckets[index] = _buckets.GetValueOrDefault(index) + count;
        Count += count;
        SumMs += sumMs;
        MaxMs = Math.Max(MaxMs, maxMs);
    }

    /// <summary>Sets totals known exactly from a rollup (sum and max are kept beside the buckets there).</summary>
    public void AddTotals(double sumMs, double maxMs)
    {
        SumMs += sumMs;
        MaxMs = Math.Max(MaxMs, maxMs);
    }

    public void Merge(LatencyHistogram other)
    {
        foreach (var (index, count) in other._buckets)
        {
            _buckets[index] = _buckets.GetValueOrDefault(index) + count;
        }

        Count += other.Count;
        SumMs += other.SumMs;
        MaxMs = Math.Max(MaxMs, other.MaxMs);
    }

    /// <summary>The q-quantile (0..1) by nearest rank, or null when empty. Never above the exact maximum.</summary>
    public double? Quantile(double q)
    {
        if (Count == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(q * Count));
        long seen = 0;
        foreach (var index in _buckets.Keys.Order())
        {
            seen += _buckets[index];
            if (seen >= rank)
            {
                var value = ValueOf(index);
                return MaxMs > 0 ? Math.Min(value, MaxMs) : value;
            }
        }

        return MaxMs;
    }

    public double? AverageMs => Count == 0 ? null : SumMs / Count;
}
