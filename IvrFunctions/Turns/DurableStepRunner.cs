using IvrFunctions.Core.Turns;
using Microsoft.DurableTask;

namespace IvrFunctions.Turns;

/// <summary>
/// Runs the workflow's steps as activities, with the deadline as a durable timer. Provider retries happen inside each
/// step (they honour Retry-After and the deadline); the orchestrator's own retry policy only covers failures the step
/// could not classify (a lost worker) and storage.
/// </summary>
sealed class DurableStepRunner(TaskOrchestrationContext context) : ITurnStepRunner
{
    public async Task<TResult> RunAsync<TResult>(string step, object input, CancellationToken cancellationToken)
    {
        var retry = new RetryPolicy(2, TimeSpan.FromMilliseconds(500), 2.0, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5))
        {
            HandleFailure = failure => TurnStepException.IsRetryableByHost(failure.ErrorType, failure.ErrorMessage, step),
        };
        try
        {
            return await context.CallActivityAsync<TResult>(step, input, TaskOptions.FromRetryPolicy(retry));
        }
        catch (TaskFailedException ex)
        {
            throw TurnStepException.FromFailure(ex.FailureDetails.ErrorType, ex.FailureDetails.ErrorMessage, step);
        }
    }

    public Task WaitUntilAsync(DateTime fireAtUtc, CancellationToken cancellationToken) => context.CreateTimer(fireAtUtc, cancellationToken);
}
