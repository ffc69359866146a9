using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Sessions;
using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.Time.Testing;

namespace IvrFunctions.Tests.Insights;

/// <summary>
/// Records telemetry through the host's real <see cref="ITelemetry"/> (and counts calls in its real open-call register) at
/// chosen (fake) times, in time order, and keeps the raw facts so tests compute the right answers on their own.
/// </summary>
sealed class TelemetrySeeder(ITelemetry telemetry, FakeTimeProvider time, OpenCallRegister openCalls)
{
    public List<SeededRecord> Seeded { get; } = [];

    void MoveTo(DateTimeOffset at)
    {
        if (at > time.GetUtcNow())
        {
            time.SetUtcNow(at);
        }
        else if (at < time.GetUtcNow())
        {
            throw new InvalidOperationException($"Seed in time order: {at:O} is before {time.GetUtcNow():O}.");
        }
    }

    /// <summary>A stage that starts at <paramref name="start"/> and lasts <paramref name="ms"/>; returns its end.</summary>
    public DateTimeOffset Stage(DateTimeOffset start, string stage, double ms, bool success = true, string? callSid = null, string? turnId = null,
        ErrorCategory? error = null)
    {
        MoveTo(start);
        using (var timer = telemetry.StartStage(stage, new TelemetryContext(callSid, turnId)))
        {
            time.Advance(TimeSpan.FromMilliseconds(ms));
            if (success)
            {
                timer.Succeed();
            }
            else
            {
                timer.Fail(error ?? ErrorCategory.Timeout, "seeded failure");
            }
        }

        var end = time.GetUtcNow();
        Seeded.Add(new SeededRecord("stage", end, stage, callSid, turnId, success, ms, error is { } e ? ErrorCatalog.Describe(e).Code : null));
        return end;
    }

    /// <summary>A turn: stt, rag and tts back to back inside a turn stage; returns the turn's end.</summary>
    public DateTimeOffset Turn(DateTimeOffset start, string callSid, string turnId, double sttMs, double ragMs, double ttsMs, bool success = true)
    {
        MoveTo(start);
        var context = new TelemetryContext(callSid, turnId, "en-IN");
        double total;
        using (var turn = telemetry.StartStage(StageNames.Turn, context))
        {
            var at = start;
            at = Stage(at, StageNames.Stt, sttMs, true, callSid, turnId);
            at = Stage(at, StageNames.Rag, ragMs, true, callSid, turnId);
            Stage(at, StageNames.Tts, ttsMs, success, callSid, turnId, success ? null : ErrorCategory.ProviderUnavailable);
            time.Advance(TimeSpan.FromMilliseconds(5));
            total = (time.GetUtcNow() - start).TotalMilliseconds;
            if (success)
            {
                turn.Succeed();
            }
            else
            {
                turn.Fail(ErrorCategory.ProviderUnavailable, "tts failed");
            }
        }

        Seeded.Add(new SeededRecord("stage", time.GetUtcNow(), StageNames.Turn, callSid, turnId, success, total));
        return time.GetUtcNow();
    }

    public void Usage(DateTimeOffset at, string service, double latencyMs, UsageUnits units, string? model = null, bool success = true, string? callSid = null)
    {
        MoveTo(at);
        telemetry.RecordApiUsage(new ApiUsage(service, new TelemetryContext(callSid, null), success, TimeSpan.FromMilliseconds(latencyMs), units, model,
            success ? null : ErrorCategory.ProviderUnavailable));
        Seeded.Add(new SeededRecord("usage", at, service, callSid, null, success, latencyMs, AudioSeconds: units.AudioSeconds, Characters: units.Characters,
            InputTokens: units.InputTokens, CachedInputTokens: units.CachedInputTokens, OutputTokens: units.OutputTokens));
    }

    public void Cache(DateTimeOffset at, string kind, bool hit, string? callSid = null)
    {
        MoveTo(at);
        telemetry.RecordCacheLookup(new CacheLookup(kind, hit, new TelemetryContext(callSid, null)));
        Seeded.Add(new SeededRecord("cache", at, kind, callSid, Hit: hit));
    }

    public void Error(DateTimeOffset at, ErrorCategory category, string component, string? turnId = null, string? provider = null, string? detail = null)
    {
        MoveTo(at);
        telemetry.RecordError(new ErrorOccurrence(category, component, new TelemetryContext("call-err", turnId), detail, provider));
        Seeded.Add(new SeededRecord("error", at, component, "call-err", turnId, false, ErrorCategory: ErrorCatalog.Describe(category).Code, Provider: provider));
    }

    /// <summary>A call starting at <paramref name="at"/>, counted open in the host's open-call register as the incoming webhook does.</summary>
    public async Task CallStartedAsync(DateTimeOffset at, string callSid, string caller)
    {
        MoveTo(at);
        var open = await openCalls.OpenAsync(callSid);
        telemetry.RecordSession(new SessionEvent(SessionEventKind.Started, callSid, caller, "en-IN", OpenCalls: open));
        Seeded.Add(new SeededRecord("session", at, "started", callSid, Caller: caller));
    }

    /// <summary>A call ending at <paramref name="at"/>, counted closed as the status webhook does.</summary>
    public async Task CallEndedAsync(DateTimeOffset at, string callSid, string caller, double seconds, int turns, bool success)
    {
        MoveTo(at);
        var open = await openCalls.CloseAsync(callSid);
        telemetry.RecordSession(new SessionEvent(SessionEventKind.Ended, callSid, caller, "en-IN", "completed", seconds, (int)Math.Ceiling(seconds / 60), turns, success, open));
        Seeded.Add(new SeededRecord("session", at, "ended", callSid, null, success, Caller: caller, Turns: turns, CallSeconds: seconds));
    }

    /// <summary>Every seeded call as (start, end); a call not ended has no end.</summary>
    public IReadOnlyList<(DateTimeOffset Start, DateTimeOffset? End)> Calls() => CallsOf(Seeded);

    public static IReadOnlyList<(DateTimeOffset Start, DateTimeOffset? End)> CallsOf(IEnumerable<SeededRecord> seeded)
    {
        var sessions = seeded.Where(r => r.Kind == "session").ToList();
        return
        [
            .. sessions.Where(r => r.Name == "started").Select(r =>
                (r.Timestamp, sessions.FirstOrDefault(e => e.Name == "ended" && e.CallSid == r.CallSid)?.Timestamp)),
        ];
    }

    /// <summary>Exact nearest-rank percentile of the values.</summary>
    public static double Percentile(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        var rank = Math.Max(1, (int)Math.Ceiling(q * sorted.Length));
        return sorted[rank - 1];
    }
}
