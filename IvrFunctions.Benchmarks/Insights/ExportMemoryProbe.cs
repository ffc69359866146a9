using System.Diagnostics;
using System.Globalization;

namespace IvrFunctions.Benchmarks.Insights;

/// <summary>
/// <c>dotnet run -c Release --project IvrFunctions.Benchmarks -- export-probe [records] [hours]</c>: seeds the records (the
/// usual mix, through the real flusher, so rollups exist as in production) spread over <c>hours</c> (default: 20 ms between
/// records plus the stages' own durations, about 4.7 h per 100,000; a denser spread is recorded by concurrent callers; each writer flushes every simulated second, as an instance does), warms the export path up with a one-hour export, then
/// exports a 30-day window holding everything once as CSV over HTTP and reports records/s, the CPU seconds Azurite and this
/// process (host and client) spent, the process's peak working set and the peak managed heap during the export (sampled
/// every 20 ms), and the same before it started (host, Azurite client, seeding leftovers).
/// </summary>
static class ExportMemoryProbe
{
    public static async Task RunAsync(int records, double? hours)
    {
        await using var host = new InsightsBenchmarkHost();
        await host.StartAzuriteAsync();
        // A caller advances at least the mix's own time per record; a denser spread needs concurrent callers.
        const int writers = 4;
        var calls = hours is { } dense ? Math.Max(1, (int)Math.Ceiling(records * RecordMix.OwnTimePerRecord.TotalHours / dense)) : 1;
        var step = hours is { } h
            ? TimeSpan.FromTicks(Math.Max(0, ((TimeSpan.FromHours(h) / writers / ((double)records / writers / calls)) - RecordMix.OwnTimePerRecord).Ticks))
            : TimeSpan.FromMilliseconds(20);
        var seed = Stopwatch.StartNew();
        var last = await host.SeedRecordsAsync(records, ExportBenchmarks.Start, step, calls, writers);
        var span = last - ExportBenchmarks.Start;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded {records:N0} raw records in {seed.Elapsed.TotalSeconds:N1} s ({writers} writers one after another in time, {calls} concurrent caller(s) each, a flush per simulated second), spread over {span.TotalHours:N1} h from {ExportBenchmarks.Start:u} ({records / span.TotalMinutes:N0} records per minute)"));
        var now = ExportBenchmarks.Start + TimeSpan.FromHours(Math.Max(24, Math.Ceiling(span.TotalHours)));
        await host.StartHostAsync(now);

        var warm = Stopwatch.StartNew();
        var (warmLines, _) = await ExportAsync(host, $"from={ExportBenchmarks.Start:yyyy-MM-ddTHH:mm}Z&to={ExportBenchmarks.Start.AddHours(1):yyyy-MM-ddTHH:mm}Z");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"warm-up: the first hour's {warmLines - 1:N0} records in {warm.Elapsed.TotalSeconds:N2} s (JIT included)"));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var baseWorkingSet = process.WorkingSet64;
        var baseHeap = GC.GetTotalMemory(false);
        long peakWorkingSet = baseWorkingSet;
        long peakHeap = baseHeap;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                await Task.Delay(20);
            }
        });

        var azuriteCpu = FlushProbe.CpuSeconds(host.AzuriteProcessId);
        var ownCpu = process.TotalProcessorTime.TotalSeconds;
        var watch = Stopwatch.StartNew();
        var (lines, bytes) = await ExportAsync(host, "window=30d");
        watch.Stop();
        azuriteCpu = FlushProbe.CpuSeconds(host.AzuriteProcessId) - azuriteCpu;
        process.Refresh();
        ownCpu = process.TotalProcessorTime.TotalSeconds - ownCpu;
        await sampling.CancelAsync();
        await sampler;
        const double mb = 1024 * 1024;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"exported {lines - 1:N0} records ({bytes / mb:N1} MB CSV) in {watch.Elapsed.TotalSeconds:N2} s = {(lines - 1) / watch.Elapsed.TotalSeconds:N0} records/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU during the export: Azurite {azuriteCpu:N2} s, this process (host + client) {ownCpu:N2} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"working set: {baseWorkingSet / mb:N0} MB before, peak {peakWorkingSet / mb:N0} MB during (+{(peakWorkingSet - baseWorkingSet) / mb:N0} MB); managed heap: {baseHeap / mb:N0} MB before, peak {peakHeap / mb:N0} MB during"));
    }

    static async Task<(long Lines, long Bytes)> ExportAsync(InsightsBenchmarkHost host, string window)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/performance/export?{window}&format=csv", UriKind.Relative));
        using var response = await host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long bytes = 0;
        long lines = 0;
        int n;
        while ((n = await body.ReadAsync(buffer)) > 0)
        {
            bytes += n;
            lines += buffer.AsSpan(0, n).Count((byte)'\n');
        }

        return (lines, bytes);
    }
}
