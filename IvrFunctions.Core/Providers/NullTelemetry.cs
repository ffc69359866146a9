using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Core.Providers;

/// <summary>Used by the providers only while no <see cref="ITelemetry"/> is registered (the telemetry capture registers the real one).</summary>
internal sealed class NullTelemetry : ITelemetry
{
    public static readonly NullTelemetry Instance = new();

    public IStageTimer StartStage(string stage, TelemetryContext context) => new Timer();

    public void RecordApiUsage(ApiUsage usage)
    {
    }

    public void RecordCacheLookup(CacheLookup lookup)
    {
    }

    public void RecordSession(SessionEvent session)
    {
    }

    public void RecordError(ErrorOccurrence error)
    {
    }

    sealed class Timer : IStageTimer
    {
        public int Attempt { get; set; } = 1;

        public void SetProvider(string provider, string? model = null)
        {
        }

        public void Succeed()
        {
        }

        public void Fail(ErrorCategory category, string? detail = null)
        {
        }

        public void Dispose()
        {
        }
    }
}
