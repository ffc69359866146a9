namespace IvrFunctions.Core.Turns;

/// <summary>Hands a newly accepted turn to the host's engine (a Durable orchestration, or the in-process worker pool).</summary>
public interface ITurnStarter
{
    /// <summary>False when the turn cannot start now (queue full, engine unavailable).</summary>
    ValueTask<bool> StartAsync(TurnInput input, CancellationToken cancellationToken);
}
