using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.Time.Testing;

namespace IvrFunctions.Benchmarks;

/// <summary>A call-centre-like mix of records (per turn: stages, provider usage, cache lookups; some errors and sessions).</summary>
static class RecordMix
{
    static readonly string[] Stages = [StageNames.Stt, StageNames.Retrieval, StageNames.Llm, StageNames.Rag, StageNames.Tts, StageNames.Turn, StageNames.Webhook];
    static readonly ErrorCategory[] Errors = [ErrorCategory.Timeout, ErrorCategory.RateLimited, ErrorCategory.EmptyTranscript];

    /// <summary>Mean time a record advances its caller's clock besides the step (its stages' durations).</summary>
    public static readonly TimeSpan OwnTimePerRecord = TimeSpan.FromMilliseconds(149);

    static readonly Lock OpenCallsGate = new();
    static long _openCalls;
    static long _openCallsSequence;

    /// <summary>Stands in for the open-call register (no storage here): one count for every writer, so session records carry counts as in production.</summary>
    static OpenCallCount CountOpenCalls(int change, DateTimeOffset at)
    {
        lock (OpenCallsGate)
        {
            _openCalls = Math.Max(0, _openCalls + change);
            return new OpenCallCount(_openCalls, ++_openCallsSequence, at);
        }
    }

    /// <summary>Records <paramref name="count"/> records through <paramref name="telemetry"/>, advancing <paramref name="time"/> by <paramref name="step"/> each.</summary>
    public static void Record(ITelemetry telemetry, FakeTimeProvider time, int count, TimeSpan step, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            RecordOne(telemetry, time, random, i, seed);
            time.Advance(step);
        }
    }

    /// <summary>The <paramref name="i"/>th record of the stream seeded <paramref name="seed"/> (a stage advances <paramref name="time"/> by its duration).</summary>
    public static void RecordOne(ITelemetry telemetry, FakeTimeProvider time, Random random, int i, int seed)
    {
        var context = new TelemetryContext($"CA{seed:x4}{i / 40:x8}", $"turn-{seed}-{i / 10}", "en-IN");
        switch (random.Next(20))
        {
            case < 8:
                using (var stage = telemetry.StartStage(Stages[random.Next(Stages.Length)], context))
                {
                    time.Advance(TimeSpan.FromMilliseconds(Math.Exp(random.NextDouble() * 8)));
                    if (random.Next(10) == 0)
                    {
                        stage.Fail(Errors[random.Next(Errors.Length)]);
                    }
                    else
                    {
                        stage.Succeed();
                    }
                }

                break;
            case < 12:
                telemetry.RecordApiUsage(random.Next(3) switch
                {
                    0 => new ApiUsage(ApiServices.GoogleStt, context, true, TimeSpan.FromMilliseconds(random.Next(300, 2000)), new UsageUnits(AudioSeconds: 15)),
                    1 => new ApiUsage(ApiServices.GoogleTts, context, true, TimeSpan.FromMilliseconds(random.Next(80, 600)), new UsageUnits(Characters: random.Next(50, 400), VoiceClass: "standard")),
                    _ => new ApiUsage(ApiServices.OpenAIChat, context, true, TimeSpan.FromMilliseconds(random.Next(400, 4000)),
                        new UsageUnits(InputTokens: 1800, CachedInputTokens: 1024, OutputTokens: random.Next(40, 300)), "gpt-4o-mini"),
                });
                break;
            case < 15:
                telemetry.RecordCacheLookup(new CacheLookup(random.Next(2) == 0 ? CacheKinds.Response : CacheKinds.Audio, random.Next(3) == 0, context));
                break;
            case 15:
                telemetry.RecordError(new ErrorOccurrence(Errors[random.Next(Errors.Length)], Stages[random.Next(Stages.Length)], context, "benchmark"));
                break;
            default:
                telemetry.RecordSession(random.Next(2) == 0
                    ? new SessionEvent(SessionEventKind.Started, context.CallSid!, "+919800000000", "en-IN", OpenCalls: CountOpenCalls(+1, time.GetUtcNow()))
                    : new SessionEvent(SessionEventKind.Ended, context.CallSid!, "+919800000000", "en-IN", "completed", random.Next(20, 300), 1, 2, true,
                        CountOpenCalls(-1, time.GetUtcNow())));
                break;
        }
    }
}
