using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Core.Turns;

/// <summary>One attempt at a stage: its number, its telemetry timer, the provider that served it, and the stage's record so far.</summary>
public sealed class StageAttempt(string stage, int number, IStageTimer timer, DateTimeOffset stageStartedAt, long stageStarted, TimeProvider time)
{
    public int Number { get; } = number;

    public string? Provider { get; private set; }

    public string? Model { get; private set; }

    public void SetProvider(string provider, string? model)
    {
        Provider = provider;
        Model = model;
        timer.SetProvider(provider, model);
    }

    /// <summary>The stage's record if this attempt succeeds (duration counts every attempt and wait so far).</summary>
    public StageRecord Succeeded() => Record(true, null);

    public StageRecord Failed(ErrorCategory category) => Record(false, category);

    StageRecord Record(bool succeeded, ErrorCategory? error) =>
        new(stage, stageStartedAt, Math.Round(time.GetElapsedTime(stageStarted).TotalMilliseconds, 1), Number, succeeded, error, Provider, Model);
}
