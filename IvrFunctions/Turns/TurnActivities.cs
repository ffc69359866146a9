using IvrFunctions.Core.Turns;
using Microsoft.Azure.Functions.Worker;

namespace IvrFunctions.Turns;

/// <summary>The workflow's steps as activity functions, each one call into Core's <see cref="TurnSteps"/>.</summary>
public sealed class TurnActivities(TurnSteps steps)
{
    [Function(TurnStepNames.Transcribe)]
    public Task<TranscribeStepResult> Transcribe([ActivityTrigger] TranscribeStepInput input, FunctionContext context) =>
        steps.TranscribeAsync(input, context.CancellationToken);

    [Function(TurnStepNames.Answer)]
    public Task<AnswerStepResult> Answer([ActivityTrigger] AnswerStepInput input, FunctionContext context) =>
        steps.AnswerAsync(input, context.CancellationToken);

    [Function(TurnStepNames.Synthesize)]
    public Task<SynthesizeStepResult> Synthesize([ActivityTrigger] SynthesizeStepInput input, FunctionContext context) =>
        steps.SynthesizeAsync(input, context.CancellationToken);

    /// <summary>Persists the outcome (a fourth, bookkeeping step: the orchestrator itself may not do I/O).</summary>
    [Function(TurnStepNames.Finish)]
    public Task<bool> Finish([ActivityTrigger] FinishStepInput input, FunctionContext context) =>
        steps.FinishAsync(input, context.CancellationToken);
}
