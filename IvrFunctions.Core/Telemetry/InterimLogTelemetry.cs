using IvrFunctions.Core.Errors;
using Microsoft.Extensions.Logging;

namespace IvrFunctions.Core.Telemetry;

/// <summary>
/// TEMPORARY: a minimal <see cref="ITelemetry"/> so the call flow runs before the telemetry issue lands. It writes
/// debug logs only (no caller numbers, no transcripts) and stores nothing; the telemetry implementation replaces it.
/// </summary>
public sealed class InterimLogTelemetry(ILogger<InterimLogTelemetry> logger, TimeProvider time) : ITelemetry
{
    public IStageTimer StartStage(string stage, TelemetryContext context) => new Timer(this, stage, context, time.GetTimestamp());

    void Stage(string stage, int attempt, ErrorCategory? failure, long started, TelemetryContext context) =>
        logger.LogDebug("stage {Stage} attempt {Attempt} {Result} in {ElapsedMs} ms turn={TurnId}",
            stage, attempt, failure?.ToString() ?? "ok", time.GetElapsedTime(started).TotalMilliseconds, context.TurnId);

    public void RecordApiUsage(ApiUsage usage) =>
        logger.LogDebug("api {Service} success={Success} {LatencyMs} ms turn={TurnId}", usage.Service, usage.Success, usage.Latency.TotalMilliseconds, usage.Context.TurnId);

    public void RecordCacheLookup(CacheLookup lookup) =>
        logger.LogDebug("cache {Kind} hit={Hit}", lookup.Kind, lookup.Hit);

    public void RecordSession(SessionEvent session) =>
        logger.LogDebug("session {Kind} {CallSid} status={Status}", session.Kind, session.CallSid, session.Status);

    public void RecordError(ErrorOccurrence error) =>
        logger.LogDebug("error {Category} in {Component} turn={TurnId}", error.Category, error.Component, error.Context.TurnId);

    sealed class Timer(InterimLogTelemetry owner, string stage, TelemetryContext context, long started) : IStageTimer
    {
        ErrorCategory? _failure = ErrorCategory.Internal;
        bool _disposed;

        public int Attempt { get; set; } = 1;

        public void SetProvider(string provider, string? model = null)
        {
        }

        public void Succeed() => _failure = null;

        public void Fail(ErrorCategory category, string? detail = null) => _failure = category;

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            owner.Stage(stage, Attempt, _failure, started, context);
        }
    }
}
