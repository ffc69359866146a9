using IvrFunctions.Core.Turns;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace IvrFunctions.Turns;

/// <summary>The turn as a Durable orchestration: Core's <see cref="TurnWorkflow"/> over activities. Deterministic by construction.</summary>
public static class TurnOrchestrator
{
    [Function(nameof(TurnOrchestrator))]
    public static Task<TurnOutcome> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var input = context.GetInput<TurnInput>() ?? throw new InvalidOperationException("The turn orchestration was started without its input.");
        return TurnWorkflow.RunAsync(new DurableStepRunner(context), input);
    }
}
