using System.Collections.Concurrent;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Tests.Fakes;

/// <summary>An <see cref="ITelemetry"/> that keeps everything recorded, so tests can assert on it.</summary>
public sealed class RecordingTelemetry : ITelemetry
{
    public ConcurrentQueue<ApiUsage> ApiUsages { get; } = new();

    public ConcurrentQueue<CacheLookup> CacheLookups { get; } = new();

    public ConcurrentQueue<StageRecord> Stages { get; } = new();

    public ConcurrentQueue<ErrorOccurrence> Errors { get; } = new();

    public IStageTimer StartStage(string stage, TelemetryContext context) => new Timer(this, stage, context);

    public void RecordApiUsage(ApiUsage usage) => ApiUsages.Enqueue(usage);

    public void RecordCacheLookup(CacheLookup lookup) => CacheLookups.Enqueue(lookup);

    public void RecordSession(SessionEvent session)
    {
    }

    public void RecordError(ErrorOccurrence error) => Errors.Enqueue(error);

    public sealed record StageRecord(string Stage, TelemetryContext Context, bool Success, ErrorCategory? Error, string? Provider, string? Model);

    sealed class Timer(RecordingTelemetry owner, string stage, TelemetryContext context) : IStageTimer
    {
        bool? _success;
        ErrorCategory? _error;
        string? _provider;
        string? _model;

        public int Attempt { get; set; } = 1;

        public void SetProvider(string provider, string? model = null)
        {
            _provider = provider;
            _model = model;
        }

        public void Succeed() => _success = true;

        public void Fail(ErrorCategory category, string? detail = null)
        {
            _success = false;
            _error = category;
        }

        public void Dispose() =>
            owner.Stages.Enqueue(new StageRecord(stage, context, _success == true, _success is null ? ErrorCategory.Internal : _error, _provider, _model));
    }
}
