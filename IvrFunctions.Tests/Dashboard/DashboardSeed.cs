using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Sessions;
using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.Time.Testing;

namespace IvrFunctions.Tests.Dashboard;

/// <summary>
/// An hour of calls recorded through the host's real <see cref="ITelemetry"/> and counted in its open-call register (then
/// flushed to Table storage), ending at
/// <see cref="Now"/>: turns get slower towards the end so the last 15 minutes break the 8 s turn target (a firing alert),
/// every fourth turn fails in TTS with an error record, and the caches hit some of the time.
/// </summary>
static class DashboardSeed
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    public const int Calls = 24;

    /// <summary>Where the host's fake clock starts (it only moves forward).</summary>
    public static readonly DateTimeOffset ClockStart = Now.AddMinutes(-60);

    /// <summary>Turn ids that failed (and have error records naming them).</summary>
    public static async Task<IReadOnlyList<string>> SeedAsync(ITelemetry telemetry, OpenCallRegister openCalls, FakeTimeProvider time)
    {
        var failed = new List<string>();
        var start = Now.AddMinutes(-58);
        time.SetUtcNow(start);
        for (var i = 0; i < Calls; i++)
        {
            var call = $"CA{i:D2}dashboard0000000000000000";
            var caller = $"+91987650{i:D4}";
            MoveTo(time, start.AddMinutes(2.4 * i));
            telemetry.RecordSession(new SessionEvent(SessionEventKind.Started, call, caller, i % 3 == 0 ? "hi-IN" : "en-IN", OpenCalls: await openCalls.OpenAsync(call)));
            var late = i >= Calls - 8;
            var turns = late ? 2 : 1 + (i % 2);
            var allOk = true;
            for (var t = 0; t < turns; t++)
            {
                var turnId = $"{call}-t{t}";
                var ok = (i + t) % 4 != 1;
                allOk &= ok;
                var context = new TelemetryContext(call, turnId, "en-IN");
                using (var turn = telemetry.StartStage(StageNames.Turn, context))
                {
                    Stage(telemetry, time, StageNames.Stt, context, late ? 2400 + (i * 37 % 400) : 700 + (i * 53 % 600), true);
                    Stage(telemetry, time, StageNames.Rag, context, late ? 3800 + (i * 41 % 500) : 1500 + (i * 71 % 900), true);
                    Stage(telemetry, time, StageNames.Tts, context, late ? 2300 + (i * 29 % 300) : 500 + (i * 31 % 700), ok);
                    Complete(turn, ok);
                }

                telemetry.RecordApiUsage(new ApiUsage(ApiServices.GoogleStt, context, true, TimeSpan.FromMilliseconds(600), new UsageUnits(AudioSeconds: 4 + (i % 6))));
                telemetry.RecordApiUsage(new ApiUsage(ApiServices.OpenAIChat, context, true, TimeSpan.FromMilliseconds(1200),
                    new UsageUnits(InputTokens: 1200 + (i * 10), CachedInputTokens: 300, OutputTokens: 160), "gpt-4.1-mini"));
                telemetry.RecordApiUsage(new ApiUsage(ApiServices.GoogleTts, context, ok, TimeSpan.FromMilliseconds(450),
                    new UsageUnits(Characters: 180 + i, VoiceClass: "standard"), Error: ok ? null : ErrorCategory.ProviderUnavailable));
                telemetry.RecordCacheLookup(new CacheLookup(CacheKinds.Response, (i + t) % 3 == 0, context));
                telemetry.RecordCacheLookup(new CacheLookup(CacheKinds.Audio, (i + t) % 2 == 0, context));
                if (!ok)
                {
                    telemetry.RecordError(new ErrorOccurrence(ErrorCategory.ProviderUnavailable, StageNames.Tts, context, "503 from texttospeech", "google"));
                    failed.Add(turnId);
                }

                time.Advance(TimeSpan.FromSeconds(15));
            }

            if (i < Calls - 1)
            {
                // The last call is still in progress at Now.
                time.Advance(TimeSpan.FromSeconds(20));
                telemetry.RecordSession(new SessionEvent(SessionEventKind.Ended, call, caller, "en-IN", "completed", 20 + (turns * 25), 1, turns, allOk,
                    await openCalls.CloseAsync(call)));
            }
        }

        time.SetUtcNow(Now);
        return failed;
    }

    static void Stage(ITelemetry telemetry, FakeTimeProvider time, string stage, TelemetryContext context, double ms, bool ok)
    {
        using var timer = telemetry.StartStage(stage, context);
        time.Advance(TimeSpan.FromMilliseconds(ms));
        Complete(timer, ok);
    }

    static void Complete(IStageTimer timer, bool ok)
    {
        if (ok)
        {
            timer.Succeed();
        }
        else
        {
            timer.Fail(ErrorCategory.ProviderUnavailable, "seeded TTS outage");
        }
    }

    static void MoveTo(FakeTimeProvider time, DateTimeOffset at)
    {
        if (at > time.GetUtcNow())
        {
            time.SetUtcNow(at);
        }
    }
}
