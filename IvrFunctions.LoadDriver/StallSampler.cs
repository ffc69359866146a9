using System.Diagnostics;
using System.Globalization;

namespace IvrFunctions.LoadDriver;

/// <summary>
/// With <c>--timeline</c>: every 100 ms, what could stall every request at once — this process's GC pauses and thread-pool
/// queue, its CPU and Azurite's, and the whole machine's busy CPU (other processes included).
/// </summary>
sealed class StallSampler : IDisposable
{
    readonly List<string> _rows = [];
    readonly ITimer _timer;
    readonly int _azuritePid;
    readonly long _started;
    readonly TimeProvider _time;
    TimeSpan _lastPause = GC.GetTotalPauseDuration();
    int _lastGen0 = GC.CollectionCount(0);
    int _lastGen1 = GC.CollectionCount(1);
    int _lastGen2 = GC.CollectionCount(2);
    double _lastSelfCpu = SelfCpuMs();
    double _lastNodeCpu;
    (long Busy, long Total) _lastMachine = MachineTicks();

    public StallSampler(TimeProvider time, int azuritePid)
    {
        _time = time;
        _azuritePid = azuritePid;
        _lastNodeCpu = ProcessCpuMs(azuritePid);
        _started = time.GetTimestamp();
        _timer = time.CreateTimer(_ => Sample(), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
    }

    void Sample()
    {
        var pause = GC.GetTotalPauseDuration();
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var self = SelfCpuMs();
        var node = ProcessCpuMs(_azuritePid);
        var machine = MachineTicks();
        var busy = machine.Total == _lastMachine.Total ? 0 : 100.0 * (machine.Busy - _lastMachine.Busy) / (machine.Total - _lastMachine.Total) * Environment.ProcessorCount;
        lock (_rows)
        {
            _rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"{_time.GetElapsedTime(_started).TotalSeconds,6:0.0} s  gc pause {(pause - _lastPause).TotalMilliseconds,5:0} ms  gen0/1/2 +{gen0 - _lastGen0}/+{gen1 - _lastGen1}/+{gen2 - _lastGen2}  pool queue {ThreadPool.PendingWorkItemCount,4} threads {ThreadPool.ThreadCount,3}  cpu self {(self - _lastSelfCpu) / 100 * 100,4:0}% azurite {(node - _lastNodeCpu) / 100 * 100,4:0}% machine {busy,4:0}%"));
        }

        (_lastPause, _lastGen0, _lastGen1, _lastGen2, _lastSelfCpu, _lastNodeCpu, _lastMachine) = (pause, gen0, gen1, gen2, self, node, machine);
    }

    public IReadOnlyList<string> Stop()
    {
        _timer.Dispose();
        lock (_rows)
        {
            return [.. _rows];
        }
    }

    static double SelfCpuMs()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalMilliseconds;
    }

    static double ProcessCpuMs(int pid)
    {
        // /proc/<pid>/stat fields 14 and 15: user and system time in clock ticks (100 per second on Linux).
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    static (long Busy, long Total) MachineTicks()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var idle = cpu[3] + cpu[4];
        var total = cpu.Sum();
        return (total - idle, total);
    }

    public void Dispose() => _timer.Dispose();
}
