namespace IvrFunctions.Core.Turns;

/// <summary>
/// "Run this step": the only thing <see cref="TurnWorkflow"/> knows about its host. The Durable orchestrator implements it
/// with activities and durable timers, the SelfHost by calling <see cref="TurnSteps"/> directly.
/// </summary>
public interface ITurnStepRunner
{
    /// <summary>Runs a step (<see cref="TurnStepNames"/>); a failed step throws <see cref="TurnStepException"/>.</summary>
    Task<TResult> RunAsync<TResult>(string step, object input, CancellationToken cancellationToken);

    /// <summary>Completes at <paramref name="fireAtUtc"/>, or is cancelled through the token.</summary>
    Task WaitUntilAsync(DateTime fireAtUtc, CancellationToken cancellationToken);
}
