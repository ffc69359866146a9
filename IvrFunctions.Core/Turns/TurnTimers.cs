using System.Collections.Concurrent;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Core.Turns;

/// <summary>
/// The <c>turn</c> stage timer of each accepted turn, from the question webhook to Finish. Held in this process; a turn
/// finished by another instance (Functions scale-out) keeps its total in the turn record only.
/// </summary>
public sealed class TurnTimers(ITelemetry telemetry, TimeProvider time)
{
    static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(5);

    readonly ConcurrentDictionary<string, (IStageTimer Timer, long Started)> _running = new(StringComparer.Ordinal);

    public void Start(TurnInput turn)
    {
        PruneAbandoned();
        if (_running.ContainsKey(turn.TurnId))
        {
            return;
        }

        var timer = telemetry.StartStage(StageNames.Turn, new TelemetryContext(turn.CallSid, turn.TurnId, turn.Language));
        timer.Attempt = 1;
        if (!_running.TryAdd(turn.TurnId, (timer, time.GetTimestamp())))
        {
            timer.Fail(ErrorCategory.Internal, "turn timer started twice");
            timer.Dispose();
        }
    }

    /// <summary>Records the turn's total; false when this process did not start the timer.</summary>
    public bool Finish(string turnId, TurnOutcome outcome)
    {
        if (!_running.TryRemove(turnId, out var entry))
        {
            return false;
        }

        using var timer = entry.Timer;
        if (outcome.Kind == TurnOutcomeKind.Fallback)
        {
            timer.Fail(outcome.Error ?? ErrorCategory.Internal, outcome.TimedOut ? "deadline passed" : outcome.ErrorStage);
        }
        else
        {
            timer.Succeed();
        }

        return true;
    }

    void PruneAbandoned()
    {
        if (_running.Count < 256)
        {
            return;
        }

        foreach (var (key, entry) in _running)
        {
            if (time.GetElapsedTime(entry.Started) > Abandoned && _running.TryRemove(key, out var removed))
            {
                removed.Timer.Fail(ErrorCategory.Internal, "turn never finished in this process");
                removed.Timer.Dispose();
            }
        }
    }
}
