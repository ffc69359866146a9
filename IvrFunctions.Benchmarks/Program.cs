using BenchmarkDotNet.Running;

namespace IvrFunctions.Benchmarks;

static class BenchmarkProgram
{
    static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
