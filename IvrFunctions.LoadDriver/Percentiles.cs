using System.Globalization;

namespace IvrFunctions.LoadDriver;

/// <summary>Latency samples in milliseconds, their nearest-rank percentiles, and when in the run the slowest happened.</summary>
sealed class Percentiles(string name)
{
    readonly List<double> _samples = [];
    readonly List<(double Milliseconds, double At)> _timed = [];

    public string Name { get; } = name;

    public int Count
    {
        get
        {
            lock (_samples)
            {
                return _samples.Count;
            }
        }
    }

    public void Add(double milliseconds)
    {
        lock (_samples)
        {
            _samples.Add(milliseconds);
        }
    }

    /// <summary>A sample that started <paramref name="atSeconds"/> into the run.</summary>
    public void Add(double milliseconds, double atSeconds)
    {
        lock (_samples)
        {
            _samples.Add(milliseconds);
            _timed.Add((milliseconds, atSeconds));
        }
    }

    /// <summary>When the slowest 1% (at least 5) of the timed samples started, in seconds into the run; empty if none were timed.</summary>
    public string SlowestStarts()
    {
        lock (_samples)
        {
            if (_timed.Count == 0)
            {
                return string.Empty;
            }

            var slowest = _timed.OrderByDescending(s => s.Milliseconds).Take(Math.Max(5, _timed.Count / 100)).OrderBy(s => s.At).ToList();
            return string.Create(CultureInfo.InvariantCulture,
                $"{Name}: slowest {slowest.Count} started at {string.Join(", ", slowest.Select(s => $"{s.At:0.0} s ({s.Milliseconds:0} ms)"))}");
        }
    }

    public double At(double percentile)
    {
        lock (_samples)
        {
            if (_samples.Count == 0)
            {
                return double.NaN;
            }

            var sorted = _samples.Order().ToList();
            var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
            return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
        }
    }

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Name} | {Count} | {At(50):0.0} | {At(95):0.0} | {At(99):0.0} | {At(100):0.0} |");
}
