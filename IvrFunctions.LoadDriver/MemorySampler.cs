using System.Diagnostics;
using System.Globalization;

namespace IvrFunctions.LoadDriver;

/// <summary>
/// Samples this process's working set and GC heap once a second while the load runs. The SelfHost runs inside the
/// driver's process, so the figures include the driver's own HTTP clients: an upper bound for the SelfHost alone.
/// </summary>
sealed class MemorySampler : IDisposable
{
    readonly List<(double WorkingSetMb, double HeapMb)> _samples = [];
    readonly ITimer _timer;

    public MemorySampler(TimeProvider time) => _timer = time.CreateTimer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromSeconds(1));

    void Sample()
    {
        using var process = Process.GetCurrentProcess();
        lock (_samples)
        {
            _samples.Add((process.WorkingSet64 / 1048576.0, GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0));
        }
    }

    /// <summary>Stops sampling; describes the steady state (the second half of the run) and the peak.</summary>
    public string Stop()
    {
        _timer.Dispose();
        lock (_samples)
        {
            if (_samples.Count == 0)
            {
                return "Memory: no samples";
            }

            var steady = _samples.Skip(_samples.Count / 2).ToList();
            return string.Create(CultureInfo.InvariantCulture,
                $"Memory (driver + SelfHost in one process, {_samples.Count} samples at 1 s): steady state (second half) working set median {Median(steady.Select(s => s.WorkingSetMb)):0} MB, max {steady.Max(s => s.WorkingSetMb):0} MB; GC heap median {Median(steady.Select(s => s.HeapMb)):0} MB; peak working set {_samples.Max(s => s.WorkingSetMb):0} MB");
        }
    }

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    public void Dispose() => _timer.Dispose();
}
