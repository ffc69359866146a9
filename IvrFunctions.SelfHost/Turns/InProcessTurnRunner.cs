using System.Collections.Concurrent;
using System.Threading.Channels;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Turns;
using Microsoft.Extensions.Options;

namespace IvrFunctions.SelfHost.Turns;

/// <summary>
/// The SelfHost's turn engine: a bounded queue and <see cref="TurnsOptions.Workers"/> workers running the same
/// <see cref="TurnWorkflow"/> as the Durable orchestrator. A full queue refuses new turns (the question webhook answers
/// 302). At shutdown, running turns are stopped and, like queued ones, finished with a fallback, not lost silently.
/// </summary>
sealed class InProcessTurnRunner(
    InProcessStepRunner runner,
    TurnSteps steps,
    TurnsRunningHere runningHere,
    IOptions<TurnsOptions> options,
    ILogger<InProcessTurnRunner> logger) : BackgroundService, ITurnStarter
{
    readonly Channel<TurnInput> _queue = Channel.CreateBounded<TurnInput>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = false,
        SingleWriter = false,
    });

    readonly ConcurrentDictionary<string, TurnInput> _running = new(StringComparer.Ordinal);

    public ValueTask<bool> StartAsync(TurnInput input, CancellationToken cancellationToken)
    {
        runningHere.Add(input.TurnId);
        if (_queue.Writer.TryWrite(input))
        {
            return ValueTask.FromResult(true);
        }

        runningHere.Remove(input.TurnId);
        return ValueTask.FromResult(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, options.Value.Workers).Select(_ => WorkAsync(stoppingToken)).ToArray();
        try
        {
            await Task.WhenAll(workers);
        }
        finally
        {
            _queue.Writer.TryComplete();
            await FailQueuedAsync();
        }
    }

    async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var turn in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                _running[turn.TurnId] = turn;
                try
                {
                    // On shutdown the workflow stops its stages and still runs Finish, which records the fallback.
                    await TurnWorkflow.RunAsync(runner, turn, stoppingToken);
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "Turn {TurnId} failed outside its stages", turn.TurnId);
                    await FinishAsync(turn, ErrorCategory.Internal, "workflow");
                }
                finally
                {
                    _running.TryRemove(turn.TurnId, out _);
                    runningHere.Remove(turn.TurnId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    async Task FailQueuedAsync()
    {
        var count = 0;
        while (_queue.Reader.TryRead(out var turn))
        {
            count++;
            await FinishAsync(turn, ErrorCategory.Internal, "queued at shutdown");
            runningHere.Remove(turn.TurnId);
        }

        if (count > 0)
        {
            logger.LogWarning("Host stopping: {Count} queued turns finished with a fallback", count);
        }
    }

    async Task FinishAsync(TurnInput turn, ErrorCategory category, string stage)
    {
        try
        {
            var outcome = new TurnOutcome(TurnOutcomeKind.Fallback, TurnPrompts.Apology(turn.Language), Error: category, ErrorStage: stage);
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await steps.FinishAsync(new FinishStepInput(turn, outcome, TurnFacts.None), bound.Token);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Turn {TurnId} could not be marked failed", turn.TurnId);
        }
    }
}
