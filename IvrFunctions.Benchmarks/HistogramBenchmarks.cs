using BenchmarkDotNet.Attributes;
using IvrFunctions.Core.Telemetry.Rollups;

namespace IvrFunctions.Benchmarks;

/// <summary>The latency histogram's hot operations: add one value, merge two rollups, ask a percentile, (de)serialise a row.</summary>
[MemoryDiagnoser]
public class HistogramBenchmarks
{
    LatencyHistogram _a = null!;
    LatencyHistogram _b = null!;
    byte[] _bytes = null!;
    double[] _values = null!;
    int _next;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _values = Enumerable.Range(0, 4096).Select(_ => Math.Exp(random.NextDouble() * 10)).ToArray();
        _a = new LatencyHistogram();
        _b = new LatencyHistogram();
        for (var i = 0; i < 10_000; i++)
        {
            _a.Add(Math.Exp(random.NextDouble() * 10));
            _b.Add(Math.Exp(random.NextDouble() * 10));
        }

        _bytes = _a.ToBytes();
    }

    [Benchmark]
    public void Add() => _a.Add(_values[_next++ & 4095]);

    [Benchmark(Description = "Merge (two 10k-value rollups)")]
    public LatencyHistogram Merge()
    {
        var merged = _a.Clone();
        merged.Merge(_b);
        return merged;
    }

    [Benchmark(Description = "Percentile p95")]
    public double Percentile() => _a.Percentile(0.95);

    [Benchmark]
    public byte[] ToBytes() => _a.ToBytes();

    [Benchmark]
    public LatencyHistogram FromBytes() => LatencyHistogram.FromBytes(_bytes);
}
