using BenchmarkDotNet.Attributes;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Benchmarks;

/// <summary>
/// What recording costs the caller's path: a stage timed and recorded, an API usage priced and recorded, a cache lookup.
/// A background task drains the buffer as the flusher would (without storage), so the buffer never fills.
/// </summary>
[MemoryDiagnoser]
public class CaptureBenchmarks
{
    static readonly TelemetryContext Context = new("CA1234567890abcdef", "turn-0001", "en-IN");
    static readonly UsageUnits ChatUnits = new(InputTokens: 1800, CachedInputTokens: 1024, OutputTokens: 120);

    TelemetryFixture _fixture = null!;
    CancellationTokenSource _stop = null!;
    Task _drain = null!;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new TelemetryFixture(TelemetryFixture.NewOptions("capture", capacity: 1_000_000), TimeProvider.System);
        _stop = new CancellationTokenSource();
        var reader = _fixture.Buffer.Reader;
        _drain = Task.Run(async () =>
        {
            try
            {
                while (await reader.WaitToReadAsync(_stop.Token))
                {
                    while (reader.TryRead(out _))
                    {
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop.Cancel();
        _drain.Wait();
        _stop.Dispose();
        _fixture.Dispose();
    }

    [Benchmark(Description = "StartStage + Succeed + Dispose")]
    public void RecordStage()
    {
        using var stage = _fixture.Telemetry.StartStage(StageNames.Stt, Context);
        stage.SetProvider("google", "latest_short");
        stage.Succeed();
    }

    [Benchmark(Description = "StartStage + Fail + Dispose")]
    public void RecordFailedStage()
    {
        using var stage = _fixture.Telemetry.StartStage(StageNames.Tts, Context);
        stage.Fail(ErrorCategory.Timeout, "deadline passed");
    }

    [Benchmark(Description = "RecordApiUsage (openai_chat, priced)")]
    public void RecordApiUsage() =>
        _fixture.Telemetry.RecordApiUsage(new ApiUsage(ApiServices.OpenAIChat, Context, true, TimeSpan.FromMilliseconds(900), ChatUnits, "gpt-4o-mini"));

    [Benchmark(Description = "RecordCacheLookup")]
    public void RecordCacheLookup() => _fixture.Telemetry.RecordCacheLookup(new CacheLookup(CacheKinds.Response, true, Context));
}
