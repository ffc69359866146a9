using System.Diagnostics;
using Azure.Data.Tables;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;

namespace IvrFunctions.Tests.Telemetry;

public sealed class OpenTelemetryInstrumentsTests
{
    static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    static TelemetryHarness Harness(FakeTimeProvider time, int bufferCapacity = 1000)
    {
        var options = TelemetryHarness.NewOptions("otel");
        options.BufferCapacity = bufferCapacity;
        return new TelemetryHarness(new TableServiceClient("UseDevelopmentStorage=true"), options, time);
    }

    [Fact]
    public void StageTimer_RecordsStageDurationInSeconds_WithStageOutcomeAndErrorType()
    {
        var time = new FakeTimeProvider(Start);
        using var harness = Harness(time);
        using var collector = new MetricCollector<double>(harness.Instruments.Meter, "voice.stage.duration");

        using (var stage = harness.Telemetry.StartStage(StageNames.Stt, new TelemetryContext("c", "t")))
        {
            stage.SetProvider("google");
            time.Advance(TimeSpan.FromMilliseconds(250));
            stage.Succeed();
        }

        using (var stage = harness.Telemetry.StartStage(StageNames.Tts, new TelemetryContext("c", "t")))
        {
            time.Advance(TimeSpan.FromSeconds(2));
            stage.Fail(ErrorCategory.Timeout);
        }

        var measurements = collector.GetMeasurementSnapshot();
        Assert.Equal(2, measurements.Count);
        Assert.Equal(0.25, measurements[0].Value, 9);
        Assert.True(measurements[0].ContainsTags(new KeyValuePair<string, object?>("voice.stage", "stt"), new("voice.outcome", "success"), new("voice.provider", "google")));
        Assert.Equal(2.0, measurements[1].Value, 9);
        Assert.True(measurements[1].ContainsTags(new KeyValuePair<string, object?>("voice.stage", "tts"), new("voice.outcome", "failure"), new("error.type", "timeout")));
        Assert.Equal("s", collector.Instrument!.Unit);
    }

    [Fact]
    public void ChatUsage_EmitsGenAiDurationAndTokenUsage_WithSemanticConventionTags()
    {
        using var harness = Harness(new FakeTimeProvider(Start));
        using var duration = new MetricCollector<double>(harness.Instruments.Meter, "gen_ai.client.operation.duration");
        using var tokens = new MetricCollector<long>(harness.Instruments.Meter, "gen_ai.client.token.usage");
        using var cost = new MetricCollector<double>(harness.Instruments.Meter, "voice.cost");

        harness.Telemetry.RecordApiUsage(new ApiUsage(ApiServices.OpenAIChat, new TelemetryContext("c", "t"), true, TimeSpan.FromMilliseconds(1500),
            new UsageUnits(InputTokens: 1200, CachedInputTokens: 1024, OutputTokens: 80), "gpt-4o-mini"));
        harness.Telemetry.RecordApiUsage(new ApiUsage(ApiServices.AzureOpenAIEmbeddings, TelemetryContext.None, false, TimeSpan.FromMilliseconds(300),
            new UsageUnits(), "embed-deployment", ErrorCategory.RateLimited, 429));

        var durations = duration.GetMeasurementSnapshot();
        Assert.Equal(2, durations.Count);
        Assert.Equal(1.5, durations[0].Value, 9);
        Assert.True(durations[0].ContainsTags(new KeyValuePair<string, object?>("gen_ai.operation.name", "chat"),
            new("gen_ai.provider.name", "openai"), new("gen_ai.request.model", "gpt-4o-mini")));
        Assert.False(durations[0].ContainsTags("error.type"));
        Assert.True(durations[1].ContainsTags(new KeyValuePair<string, object?>("gen_ai.operation.name", "embeddings"),
            new("gen_ai.provider.name", "azure.ai.openai"), new("error.type", "rate_limited")));
        Assert.Equal("s", duration.Instrument!.Unit);

        var usage = tokens.GetMeasurementSnapshot();
        Assert.Equal(2, usage.Count);
        Assert.Equal(1200, usage.Single(m => m.ContainsTags(new KeyValuePair<string, object?>("gen_ai.token.type", "input"))).Value);
        Assert.Equal(80, usage.Single(m => m.ContainsTags(new KeyValuePair<string, object?>("gen_ai.token.type", "output"))).Value);
        Assert.Equal("{token}", tokens.Instrument!.Unit);

        var spent = Assert.Single(cost.GetMeasurementSnapshot());
        Assert.Equal(((176 * 0.15) + (1024 * 0.075) + (80 * 0.60)) / 1e6, spent.Value, 15);
    }

    [Fact]
    public void CacheErrorsSessionsAndDrops_EmitTheirCounters()
    {
        using var harness = Harness(new FakeTimeProvider(Start), bufferCapacity: 3);
        using var cache = new MetricCollector<long>(harness.Instruments.Meter, "voice.cache.lookups");
        using var errors = new MetricCollector<long>(harness.Instruments.Meter, "voice.errors");
        using var active = new MetricCollector<long>(harness.Instruments.Meter, "voice.calls.active");
        using var dropped = new MetricCollector<long>(harness.Instruments.Meter, "ivr.telemetry.records.dropped");

        harness.Telemetry.RecordCacheLookup(new CacheLookup(CacheKinds.Audio, true, TelemetryContext.None));
        harness.Telemetry.RecordError(new ErrorOccurrence(ErrorCategory.AudioDownload, "stt", TelemetryContext.None));
        harness.Telemetry.RecordSession(new SessionEvent(SessionEventKind.Started, "c1", null, "en-IN"));
        harness.Telemetry.RecordSession(new SessionEvent(SessionEventKind.Started, "c2", null, "en-IN")); // buffer full from here
        harness.Telemetry.RecordSession(new SessionEvent(SessionEventKind.Ended, "c1", null, "en-IN", "completed", 30, 1, 1, true));

        Assert.True(Assert.Single(cache.GetMeasurementSnapshot()).ContainsTags(new KeyValuePair<string, object?>("cache.kind", "audio"), new("cache.result", "hit")));
        Assert.True(Assert.Single(errors.GetMeasurementSnapshot()).ContainsTags(new KeyValuePair<string, object?>("error.category", "audio_download"),
            new("voice.component", "stt"), new("error.fault", "provider"), new("error.retryable", true)));
        Assert.Equal(1, active.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(2, dropped.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(2, harness.Buffer.DroppedRecords);
    }

    [Fact]
    public void Traces_TurnSpanJoinsTheCallTrace_StagesAreItsChildren()
    {
        var callSid = "trace-" + Guid.NewGuid().ToString("N");
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TelemetryInstruments.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem(TelemetryTags.CallSid), callSid))
                {
                    lock (stopped)
                    {
                        stopped.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var harness = Harness(new FakeTimeProvider(Start));
        var context = new TelemetryContext(callSid, "turn-1");

        Assert.Null(Activity.Current);
        using (var turn = harness.Telemetry.StartStage(StageNames.Turn, context))
        {
            using (var stt = harness.Telemetry.StartStage(StageNames.Stt, context))
            {
                stt.Succeed();
            }

            using (var tts = harness.Telemetry.StartStage(StageNames.Tts, context))
            {
                tts.Fail(ErrorCategory.ProviderUnavailable);
            }

            turn.Succeed();
        }

        harness.Telemetry.RecordSession(new SessionEvent(SessionEventKind.Ended, callSid, null, "en-IN", "completed", 20, 1, 1, true));

        var byName = stopped.ToDictionary(a => a.OperationName);
        var expectedTrace = CallTrace.ContextFor(callSid).TraceId;
        Assert.Equal(["call", "stt", "tts", "turn"], byName.Keys.Order());
        Assert.All(stopped, a => Assert.Equal(expectedTrace, a.TraceId));
        Assert.Equal(byName["turn"].SpanId, byName["stt"].ParentSpanId);
        Assert.Equal(byName["turn"].SpanId, byName["tts"].ParentSpanId);
        Assert.Equal(ActivityStatusCode.Error, byName["tts"].Status);
        Assert.Equal(ActivityStatusCode.Ok, byName["stt"].Status);
        Assert.Equal(TimeSpan.FromSeconds(20), byName["call"].Duration);
    }
}
