using System.Globalization;

namespace IvrFunctions.LoadDriver;

/// <summary>Latency samples in milliseconds and their nearest-rank percentiles.</summary>
sealed class Percentiles(string name)
{
    readonly List<double> _samples = [];

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
