using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace IvrFunctions.Benchmarks.Providers;

/// <summary>A short in-process job (the build machines are 2 shared cores): 1 launch, 3 warm-ups, 10 iterations, with allocations.</summary>
public sealed class ProviderBenchmarkConfig : ManualConfig
{
    public ProviderBenchmarkConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
