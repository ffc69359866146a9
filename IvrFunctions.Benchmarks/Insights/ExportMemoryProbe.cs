using System.Diagnostics;
using System.Globalization;

namespace IvrFunctions.Benchmarks.Insights;

/// <summary>
/// <c>dotnet run -c Release --project IvrFunctions.Benchmarks -- export-probe [records]</c>: seeds the records, exports them
/// once as CSV over HTTP and reports records/s, the process's peak working set and the peak managed heap during the export
/// (sampled every 20 ms), and the same before it started (host, Azurite client, seeding leftovers).
/// </summary>
static class ExportMemoryProbe
{
    public static async Task RunAsync(int records)
    {
        await using var host = new InsightsBenchmarkHost();
        await host.StartAzuriteAsync();
        var seed = Stopwatch.StartNew();
        await host.SeedRecordsAsync(records, ExportBenchmarks.Start, TimeSpan.FromMilliseconds(20));
        Console.WriteLine($"seeded {records:N0} raw records in {seed.Elapsed.TotalSeconds:N1} s");
        await host.StartHostAsync(ExportBenchmarks.Start.AddDays(1));

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

        var watch = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/performance/export?window=30d&format=csv", UriKind.Relative));
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

        watch.Stop();
        await sampling.CancelAsync();
        await sampler;
        const double mb = 1024 * 1024;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"exported {lines - 1:N0} records ({bytes / mb:N1} MB CSV) in {watch.Elapsed.TotalSeconds:N2} s = {(lines - 1) / watch.Elapsed.TotalSeconds:N0} records/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"working set: {baseWorkingSet / mb:N0} MB before, peak {peakWorkingSet / mb:N0} MB during (+{(peakWorkingSet - baseWorkingSet) / mb:N0} MB); managed heap: {baseHeap / mb:N0} MB before, peak {peakHeap / mb:N0} MB during"));
    }
}
