using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace IvrFunctions.Core.Telemetry;

/// <summary>
/// The OpenTelemetry face of the same events: one <see cref="Meter"/> and one <see cref="ActivitySource"/>, both named
/// <see cref="Name"/>. Instrument names are dotted with units; LLM calls use the GenAI semantic conventions
/// (<c>gen_ai.client.operation.duration</c> in seconds, <c>gen_ai.client.token.usage</c>). Tags are low-cardinality:
/// call and turn ids go on spans, never on metrics.
/// </summary>
public sealed class TelemetryInstruments
{
    public const string Name = "IvrFunctions";

    static readonly double[] SecondsBuckets = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
    static readonly long[] TokenBuckets = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

    /// <summary>Traces: call → turn → stages.</summary>
    public static readonly ActivitySource ActivitySource = new(Name, typeof(TelemetryInstruments).Assembly.GetName().Version?.ToString());

    public TelemetryInstruments(IMeterFactory meterFactory)
    {
        // The factory owns and disposes the meter with the service provider.
        Meter = meterFactory.Create(Name, typeof(TelemetryInstruments).Assembly.GetName().Version?.ToString());
        StageDuration = Meter.CreateHistogram("voice.stage.duration", "s", "Duration of a turn stage (stt, retrieval, llm, rag, tts, webhook, turn).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        ApiDuration = Meter.CreateHistogram("voice.api.duration", "s", "Latency of one request to an external service.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        GenAiOperationDuration = Meter.CreateHistogram("gen_ai.client.operation.duration", "s", "GenAI operation duration.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        GenAiTokenUsage = Meter.CreateHistogram("gen_ai.client.token.usage", "{token}", "Billable tokens per GenAI operation, by gen_ai.token.type.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = TokenBuckets });
        SttAudio = Meter.CreateCounter<double>("voice.stt.audio.duration", "s", "Billed speech-to-text audio.");
        TtsCharacters = Meter.CreateCounter<long>("voice.tts.characters", "{character}", "Billed text-to-speech characters.");
        Cost = Meter.CreateCounter<double>("voice.cost", "USD", "Estimated gross list-price spend.");
        CacheLookups = Meter.CreateCounter<long>("voice.cache.lookups", "{lookup}", "Cache lookups by cache.kind and cache.result (hit/miss).");
        ActiveCalls = Meter.CreateUpDownCounter<long>("voice.calls.active", "{call}", "Calls in progress seen by this instance.");
        Calls = Meter.CreateCounter<long>("voice.calls", "{call}", "Calls ended, by outcome.");
        CallDuration = Meter.CreateHistogram("voice.call.duration", "s", "Duration of ended calls.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [5, 10, 20, 40, 60, 120, 240, 480, 960, 1920] });
        Errors = Meter.CreateCounter<long>("voice.errors", "{error}", "Classified failures by error.category, voice.component, error.fault, error.retryable.");
        DroppedRecords = Meter.CreateCounter<long>("ivr.telemetry.records.dropped", "{record}", "Telemetry records dropped because the buffer was full (storage down too long).");
        FlushedRecords = Meter.CreateCounter<long>("ivr.telemetry.records.flushed", "{record}", "Telemetry records written to Table Storage.");
    }

    public Meter Meter { get; }

    public Histogram<double> StageDuration { get; }

    public Histogram<double> ApiDuration { get; }

    public Histogram<double> GenAiOperationDuration { get; }

    public Histogram<long> GenAiTokenUsage { get; }

    public Counter<double> SttAudio { get; }

    public Counter<long> TtsCharacters { get; }

    public Counter<double> Cost { get; }

    public Counter<long> CacheLookups { get; }

    public UpDownCounter<long> ActiveCalls { get; }

    public Counter<long> Calls { get; }

    public Histogram<double> CallDuration { get; }

    public Counter<long> Errors { get; }

    public Counter<long> DroppedRecords { get; }

    public Counter<long> FlushedRecords { get; }
}
