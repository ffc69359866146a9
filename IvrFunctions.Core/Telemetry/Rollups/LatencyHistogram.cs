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

    // Dense counts for bucket indexes _offset .. _offset + _counts.Length - 1 (grown on demand; zeros are not serialised).
    long[] _counts = [];
    int _offset;

    public long Count { get; private set; }

    public double Sum { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public long ZeroCount { get; private set; }

    /// <summary>Non-empty buckets (for size estimates).</summary>
    public int BucketCount => _counts.Count(c => c != 0);

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
            AddToBucket(BucketIndex(value), count);
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

        if (other._counts.Length > 0)
        {
            EnsureRange(other._offset, other._offset + other._counts.Length - 1);
            var shift = other._offset - _offset;
            for (var i = 0; i < other._counts.Length; i++)
            {
                _counts[shift + i] += other._counts[i];
            }
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
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Clamp(2 * Math.Pow(Gamma, _offset + i) / (Gamma + 1), Min, Max);
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
        var bins = BucketCount;
        var buffer = new byte[1 + (8 * 3) + (10 * 2) + (bins * 20)];
        var span = buffer.AsSpan();
        span[0] = FormatVersion;
        var offset = 1;
        BinaryPrimitives.WriteDoubleLittleEndian(span[offset..], Count == 0 ? 0 : Sum);
        BinaryPrimitives.WriteDoubleLittleEndian(span[(offset + 8)..], Count == 0 ? 0 : Min);
        BinaryPrimitives.WriteDoubleLittleEndian(span[(offset + 16)..], Count == 0 ? 0 : Max);
        offset += 24;
        offset += WriteVarint(span[offset..], (ulong)ZeroCount);
        offset += WriteVarint(span[offset..], (ulong)bins);
        var previous = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] == 0)
            {
                continue;
            }

            var index = _offset + i;
            offset += WriteVarint(span[offset..], ZigZag(index - previous));
            offset += WriteVarint(span[offset..], (ulong)_counts[i]);
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
        if (bins > 0)
        {
            // Indexes ascend: read them once to size the dense array, then fill it.
            var indexes = new int[bins];
            var counts = new long[bins];
            for (var i = 0; i < bins; i++)
            {
                index += UnZigZag(ReadVarint(data, ref offset));
                indexes[i] = index;
                counts[i] = (long)ReadVarint(data, ref offset);
                count += counts[i];
            }

            histogram.EnsureRange(indexes[0], indexes[^1]);
            for (var i = 0; i < bins; i++)
            {
                histogram._counts[indexes[i] - histogram._offset] += counts[i];
            }
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

    void AddToBucket(int index, long count)
    {
        EnsureRange(index, index);
        _counts[index - _offset] += count;
    }

    void EnsureRange(int low, int high)
    {
        if (_counts.Length == 0)
        {
            _counts = new long[high - low + 1];
            _offset = low;
            return;
        }

        var currentHigh = _offset + _counts.Length - 1;
        if (low >= _offset && high <= currentHigh)
        {
            return;
        }

        // Grow with slack on the side that grew, so a run of rising or falling values does not copy every time.
        var newLow = low < _offset ? Math.Min(low, _offset - 32) : _offset;
        var newHigh = high > currentHigh ? Math.Max(high, currentHigh + 32) : currentHigh;
        var grown = new long[newHigh - newLow + 1];
        Array.Copy(_counts, 0, grown, _offset - newLow, _counts.Length);
        _counts = grown;
        _offset = newLow;
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
