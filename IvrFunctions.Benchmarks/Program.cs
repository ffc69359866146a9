using BenchmarkDotNet.Running;

namespace IvrFunctions.Benchmarks;

static class BenchmarkProgram
{
    static async Task Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "probe")
        {
            await FlushProbe.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000);
            return;
        }

        if (args.Length > 0 && args[0] == "export-probe")
        {
            await Insights.ExportMemoryProbe.RunAsync(
                args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000,
                args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : null);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
    }
}
