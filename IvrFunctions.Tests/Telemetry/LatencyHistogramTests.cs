using IvrFunctions.Core.Telemetry.Rollups;

namespace IvrFunctions.Tests.Telemetry;

public sealed class LatencyHistogramTests
{
    static double ExactNearestRank(double[] sorted, double q) => sorted[Math.Max(1, (int)Math.Ceiling(q * sorted.Length)) - 1];

    static double[] LogNormal(Random random, int count, double medianMs, double sigma) =>
        Enumerable.Range(0, count).Select(_ =>
        {
            // Box-Muller
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            return medianMs * Math.Exp(sigma * normal);
        }).ToArray();

    [Theory]
    [InlineData(1, 5_000, 800.0, 0.6)]
    [InlineData(2, 20_000, 40.0, 1.5)]
    [InlineData(3, 1_000, 3_000.0, 0.2)]
    [InlineData(4, 50_000, 0.5, 2.5)]
    public void Percentile_RandomLatencies_WithinOnePercentOfExact(int seed, int count, double median, double sigma)
    {
        var values = LogNormal(new Random(seed), count, median, sigma);
        var histogram = new LatencyHistogram();
        foreach (var value in values)
        {
            histogram.Add(value);
        }

        Array.Sort(values);
        foreach (var q in new[] { 0.0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0 })
        {
            var exact = ExactNearestRank(values, q);
            var estimate = histogram.Percentile(q);
            Assert.True(Math.Abs(estimate - exact) <= 0.01 * exact, $"q={q}: estimate {estimate} vs exact {exact}");
        }

        Assert.Equal(count, histogram.Count);
        Assert.Equal(values.Sum(), histogram.Sum, 6);
        Assert.Equal(values[0], histogram.Min);
        Assert.Equal(values[^1], histogram.Max);
    }

    [Fact]
    public void Merge_ShardsOfOneSample_EqualTheWholeSampleHistogram()
    {
        var values = LogNormal(new Random(7), 30_000, 250, 1.0);
        var whole = new LatencyHistogram();
        var shards = Enumerable.Range(0, 7).Select(_ => new LatencyHistogram()).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            whole.Add(values[i]);
            shards[i % shards.Length].Add(values[i]);
        }

        var merged = new LatencyHistogram();
        foreach (var shard in shards)
        {
            merged.Merge(shard);
        }

        Assert.Equal(whole.Count, merged.Count);
        Assert.Equal(whole.ToBytes().Length, merged.ToBytes().Length);
        foreach (var q in new[] { 0.5, 0.9, 0.95, 0.99 })
        {
            Assert.Equal(whole.Percentile(q), merged.Percentile(q));
        }
    }

    [Fact]
    public void ToBytes_RoundTrip_KeepsCountsSumsAndPercentiles()
    {
        var histogram = new LatencyHistogram();
        foreach (var value in LogNormal(new Random(11), 10_000, 120, 1.2).Append(0).Append(0.0005))
        {
            histogram.Add(value);
        }

        var bytes = histogram.ToBytes();
        var copy = LatencyHistogram.FromBytes(bytes);

        Assert.True(bytes.Length < 4_000, $"{bytes.Length} bytes");
        Assert.Equal(histogram.Count, copy.Count);
        Assert.Equal(histogram.ZeroCount, copy.ZeroCount);
        Assert.Equal(2, copy.ZeroCount);
        Assert.Equal(histogram.Sum, copy.Sum);
        Assert.Equal(histogram.Min, copy.Min);
        Assert.Equal(histogram.Max, copy.Max);
        foreach (var q in new[] { 0.0, 0.5, 0.99, 1.0 })
        {
            Assert.Equal(histogram.Percentile(q), copy.Percentile(q));
        }
    }

    [Fact]
    public void Percentile_Empty_IsNaN()
    {
        var histogram = new LatencyHistogram();
        Assert.True(double.IsNaN(histogram.Percentile(0.5)));
        Assert.True(double.IsNaN(LatencyHistogram.FromBytes(histogram.ToBytes()).Percentile(0.5)));
    }
}
