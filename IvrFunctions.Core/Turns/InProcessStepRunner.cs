namespace IvrFunctions.Core.Turns;

/// <summary>Runs the workflow's steps by calling <see cref="TurnSteps"/> directly; the deadline is a <see cref="TimeProvider"/> timer.</summary>
public sealed class InProcessStepRunner(TurnSteps steps, TimeProvider time) : ITurnStepRunner
{
    public async Task<TResult> RunAsync<TResult>(string step, object input, CancellationToken cancellationToken) =>
        (TResult)await steps.InvokeAsync(step, input, cancellationToken);

    public Task WaitUntilAsync(DateTime fireAtUtc, CancellationToken cancellationToken)
    {
        var wait = new DateTimeOffset(fireAtUtc, TimeSpan.Zero) - time.GetUtcNow();
        return Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, cancellationToken);
    }
}
