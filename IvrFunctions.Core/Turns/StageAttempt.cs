using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Core.Turns;

/// <summary>One attempt at a stage: its number, its telemetry timer, and the provider that served it.</summary>
public sealed class StageAttempt(int number, IStageTimer timer)
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
}
