using System.Collections.Concurrent;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Tests.Fakes;

/// <summary>A recording fake of <see cref="ITelemetry"/>: keeps every record so tests can assert what was captured.</summary>
public sealed class RecordingTelemetry : ITelemetry
{
    public ConcurrentQueue<StageRecord> Stages { get; } = new();

    public ConcurrentQueue<ApiUsage> ApiUsages { get; } = new();

    public ConcurrentQueue<CacheLookup> CacheLookups { get; } = new();

    public ConcurrentQueue<SessionEvent> Sessions { get; } = new();

    public ConcurrentQueue<ErrorOccurrence> Errors { get; } = new();

    public IStageTimer StartStage(string stage, TelemetryContext context) => new Timer(this, stage, context, TimeSpan.Zero);

    public IStageTimer StartStage(string stage, TelemetryContext context, DateTimeOffset startedAt) =>
        new Timer(this, stage, context, TimeProvider.System.GetUtcNow() - startedAt);

    public void RecordApiUsage(ApiUsage usage) => ApiUsages.Enqueue(usage);

    public void RecordCacheLookup(CacheLookup lookup) => CacheLookups.Enqueue(lookup);

    public void RecordSession(SessionEvent session) => Sessions.Enqueue(session);

    public void RecordError(ErrorOccurrence error) => Errors.Enqueue(error);

    public IReadOnlyList<StageRecord> StagesOf(string turnId, string stage) =>
        [.. Stages.Where(s => s.Context.TurnId == turnId && s.Stage == stage)];

    public sealed record StageRecord(string Stage, TelemetryContext Context, int Attempt, bool Succeeded, ErrorCategory? Error, string? Provider, string? Model, TimeSpan Elapsed);

    sealed class Timer(RecordingTelemetry owner, string stage, TelemetryContext context, TimeSpan alreadyElapsed) : IStageTimer
    {
        readonly System.Diagnostics.Stopwatch _watch = System.Diagnostics.Stopwatch.StartNew();
        ErrorCategory? _error = ErrorCategory.Internal;
        bool _succeeded;
        string? _provider;
        string? _model;
        bool _disposed;

        public int Attempt { get; set; } = 1;

        public void SetProvider(string provider, string? model = null) => (_provider, _model) = (provider, model);

        public void Succeed() => (_succeeded, _error) = (true, null);

        public void Fail(ErrorCategory category, string? detail = null) => (_succeeded, _error) = (false, category);

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                owner.Stages.Enqueue(new StageRecord(stage, context, Attempt, _succeeded, _error, _provider, _model, alreadyElapsed + _watch.Elapsed));
            }
        }
    }
}
