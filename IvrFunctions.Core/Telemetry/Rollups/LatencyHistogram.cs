using System.Buffers.Binary;

namespace IvrFunctions.Core.Telemetry.Rollups;

/// <summary>
/// A mergeable latency histogram with logarithmic buckets (the DDSketch layout): every value lands in a bucket
/// <c>(γ^(i-1), γ^i]</c>, and a percentile answers with the bucket's representative value, which is within
/// <see cref="RelativeAccuracy"/> of the exact nearest-rank percentile. Two histograms merge by adding bucket counts, so
/// rollups from many writers and many time buckets combine without losing accuracy. Values are milliseconds by convention.
/// </summary>
public sealed class LatencyHistogram
{
    /// <summary>Worst relative error of <see cref="Percentile"/> against the exact value (kept under 1%).</summary>
    public const double RelativeAccuracy = 0.0095;

    /// <summary>Values at or below this (including zero and negatives) are counted in a zero bucket and reported as 0.</summary>
    public const double MinTrackedValue = 1e-3;

    const byte FormatVersion = 1;
    static readonly double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);
    static readonly double LogGamma = Math.Log(Gamma);

    readonly SortedDictionary<int, long> _bins = [];

    public long Count { get; private set; }

    public double Sum { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public long ZeroCount { get; private set; }

    /// <summary>Non-empty buckets (for size estimates).</summary>
    public int BucketCount => _bins.Count;

    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    public void Add(double value, long count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return;
        }

        if (value <= MinTrackedValue)
        {
            ZeroCount += count;
        }
        else
        {
            var index = BucketIndex(value);
            _bins[index] = _bins.GetValueOrDefault(index) + count;
        }

        Count += count;
        Sum += value * count;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
    }

    /// <summary>Adds every count of <paramref name="other"/> into this histogram.</summary>
    public void Merge(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0)
        {
            return;
        }

        foreach (var (index, count) in other._bins)
        {
            _bins[index] = _bins.GetValueOrDefault(index) + count;
        }

        ZeroCount += other.ZeroCount;
        Count += other.Count;
        Sum += other.Sum;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>
    /// The nearest-rank percentile: the value of rank <c>max(1, ceil(q·Count))</c>, within <see cref="RelativeAccuracy"/>.
    /// <paramref name="q"/> is in [0, 1] (0.95 for p95). NaN when empty.
    /// </summary>
    public double Percentile(double q)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        if (Count == 0)
        {
            return double.NaN;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(q * Count));
        if (rank <= ZeroCount)
        {
            return Math.Max(0, Min);
        }

        var seen = ZeroCount;
        foreach (var (index, count) in _bins)
        {
            seen += count;
            if (seen >= rank)
            {
                return Math.Clamp(2 * Math.Pow(Gamma, index) / (Gamma + 1), Min, Max);
            }
        }

        return Max;
    }

    public LatencyHistogram Clone()
    {
        var copy = new LatencyHistogram();
        copy.Merge(this);
        return copy;
    }

    /// <summary>Compact binary form (a few hundred bytes for typical latencies), as stored in a rollup row.</summary>
    public byte[] ToBytes()
    {
        var buffer = new byte[1 + (8 * 3) + (10 * 2) + (_bins.Count * 20)];
        var span = buffer.AsSpan();
        span[0] = FormatVersion;
        var offset = 1;
        BinaryPrimitives.WriteDoubleLittleEndian(span[offset..], Count == 0 ? 0 : Sum);
        BinaryPrimitives.WriteDoubleLittleEndian(span[(offset + 8)..], Count == 0 ? 0 : Min);
        BinaryPrimitives.WriteDoubleLittleEndian(span[(offset + 16)..], Count == 0 ? 0 : Max);
        offset += 24;
        offset += WriteVarint(span[offset..], (ulong)ZeroCount);
        offset += WriteVarint(span[offset..], (ulong)_bins.Count);
        var previous = 0;
        foreach (var (index, count) in _bins)
        {
            offset += WriteVarint(span[offset..], ZigZag(index - previous));
            offset += WriteVarint(span[offset..], (ulong)count);
            previous = index;
        }

        return buffer[..offset];
    }

    public static LatencyHistogram FromBytes(ReadOnlySpan<byte> data)
    {
        var histogram = new LatencyHistogram();
        if (data.IsEmpty)
        {
            return histogram;
        }

        if (data[0] != FormatVersion)
        {
            throw new FormatException($"Unknown latency histogram format {data[0]}.");
        }

        var offset = 1;
        var sum = BinaryPrimitives.ReadDoubleLittleEndian(data[offset..]);
        var min = BinaryPrimitives.ReadDoubleLittleEndian(data[(offset + 8)..]);
        var max = BinaryPrimitives.ReadDoubleLittleEndian(data[(offset + 16)..]);
        offset += 24;
        var zero = (long)ReadVarint(data, ref offset);
        var bins = (int)ReadVarint(data, ref offset);
        var index = 0;
        long count = zero;
        for (var i = 0; i < bins; i++)
        {
            index += UnZigZag(ReadVarint(data, ref offset));
            var binCount = (long)ReadVarint(data, ref offset);
            histogram._bins[index] = binCount;
            count += binCount;
        }

        histogram.ZeroCount = zero;
        histogram.Count = count;
        if (count > 0)
        {
            histogram.Sum = sum;
            histogram.Min = min;
            histogram.Max = max;
        }

        return histogram;
    }

    static int BucketIndex(double value) => (int)Math.Ceiling(Math.Log(value) / LogGamma);

    static ulong ZigZag(int value) => (ulong)((value << 1) ^ (value >> 31));

    static int UnZigZag(ulong value) => (int)(value >> 1) ^ -(int)(value & 1);

    static int WriteVarint(Span<byte> span, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        return i;
    }

    static ulong ReadVarint(ReadOnlySpan<byte> data, ref int offset)
    {
        ulong result = 0;
        var shift = 0;
        while (true)
        {
            var b = data[offset++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }

            shift += 7;
        }
    }
}
