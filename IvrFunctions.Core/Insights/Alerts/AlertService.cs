using IvrFunctions.Core.Insights.Aggregation;
using IvrFunctions.Core.Insights.Configuration;
using IvrFunctions.Core.Insights.Contracts;
using IvrFunctions.Core.Insights.Windows;
using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Insights.Alerts;

/// <summary>
/// Evaluates the rules over the trailing window (every minute from the timers, and on read), persists transitions and
/// hands them to the webhook. Reads only rollups, so an evaluation costs the same whatever the traffic.
/// </summary>
public sealed class AlertService(
    RollupReader rollups,
    IPerformanceDataSource source,
    CostTracker costs,
    AlertEvaluator evaluator,
    AlertStore store,
    AlertNotifier notifier,
    IOptions<AlertsOptions> options,
    TimeProvider time,
    ILogger<AlertService> logger)
{
    readonly SemaphoreSlim _gate = new(1, 1);
    DateTimeOffset _lastEvaluation = DateTimeOffset.MinValue;
    long _lastProcessDropped;

    /// <summary>Evaluation on read is skipped when the last one is younger than this.</summary>
    public static readonly TimeSpan ReadFreshness = TimeSpan.FromSeconds(15);

    public async Task<MetricsSnapshot> SnapshotAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var minutes = Math.Max(1, options.Value.EvaluationWindowMinutes);
        var end = TimeAlign.Ceiling(now, TimeSpan.FromMinutes(1));
        var current = TimeWindow.Create(end.AddMinutes(-minutes), end) with { BucketSize = TimeSpan.FromMinutes(minutes) };
        var kinds = RollupKinds.Stages | RollupKinds.Caches | RollupKinds.Errors;
        var currentRead = rollups.ReadAsync(current, kinds, cancellationToken);
        var previousRead = rollups.ReadAsync(current.Previous(), kinds, cancellationToken);
        var tiersRead = source.ReadFreeTiersAsync(now, cancellationToken);
        var costRead = costs.GetAsync(cancellationToken);
        var liveRead = source.ReadLiveStatusAsync(cancellationToken);
        await Task.WhenAll(currentRead, previousRead, tiersRead, costRead, liveRead);

        var total = (await currentRead).Total;
        var turn = total.Stages.GetValueOrDefault(StageNames.Turn) ?? new StageAccumulator();
        // Drops persisted by any writer in the window, or (storage still down) this process's drops since the last evaluation.
        var processDropped = (await liveRead).DroppedRecords;
        var processDelta = processDropped >= _lastProcessDropped ? processDropped - _lastProcessDropped : processDropped;
        _lastProcessDropped = processDropped;
        var dropped = Math.Max(total.DroppedRecords, processDelta);
        return new MetricsSnapshot(
            now,
            minutes,
            total.Stages.ToDictionary(s => s.Key, s => new ComponentSample(s.Value.Count, PerformanceViews.Quantile(s.Value.Latency, 0.95))),
            turn.Count,
            turn.Successes,
            total.ErrorTotal,
            PerformanceViews.Traffic(total),
            PerformanceViews.ErrorRate((await previousRead).Total),
            total.Caches.ToDictionary(c => c.Key, c => new CacheSample(c.Value.Lookups, c.Value.HitRate)),
            await tiersRead,
            (await costRead).TodayUsd,
            dropped);
    }

    /// <summary>Evaluates every rule now, stores transitions and delivers them. Returns the transitions made.</summary>
    public async Task<IReadOnlyList<AlertTransitionEntity>> EvaluateAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var snapshot = await SnapshotAsync(cancellationToken);
            var conditions = evaluator.Evaluate(snapshot);
            var states = (await store.ReadStatesAsync(cancellationToken)).ToDictionary(s => s.Subject is null ? s.Rule : $"{s.Rule}|{s.Subject}");
            var deliveredAlready = options.Value.Webhook.Url is null;
            var transitions = new List<AlertTransitionEntity>();
            foreach (var condition in conditions)
            {
                if (await store.ApplyAsync(condition, states.GetValueOrDefault(condition.Key), snapshot.At, deliveredAlready, cancellationToken) is { } transition)
                {
                    transitions.Add(transition);
                    logger.LogInformation("Alert {Rule} {Subject} is now {State}: {Message}", transition.Rule, transition.Subject, transition.State, transition.Message);
                }
            }

            // A rule that disappeared (disabled, or its subject no longer judged) resolves rather than fire forever.
            var judged = conditions.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var (key, state) in states.Where(s => s.Value.State == AlertStates.Firing && !judged.Contains(s.Key)))
            {
                var gone = new AlertCondition(state.Rule, state.Subject, state.Severity, false, state.Value, state.Threshold, state.Unit,
                    $"{state.Rule} is no longer evaluated", state.Suggestion);
                if (await store.ApplyAsync(gone, state, snapshot.At, deliveredAlready, cancellationToken) is { } transition)
                {
                    transitions.Add(transition);
                }
            }

            _lastEvaluation = snapshot.At;
            await notifier.DeliverPendingAsync(cancellationToken);
            return transitions;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Firing alerts, and transitions to resolved within the window; evaluates first unless an evaluation just ran.</summary>
    public async Task<AlertsResponse> GetAsync(TimeWindow window, CancellationToken cancellationToken = default)
    {
        if (time.GetUtcNow() - _lastEvaluation > ReadFreshness)
        {
            await EvaluateAsync(cancellationToken);
        }

        var states = await store.ReadStatesAsync(cancellationToken);
        var transitions = await store.ReadTransitionsAsync(window.From, cancellationToken);
        return new AlertsResponse(
            window.ToInfo(),
            _lastEvaluation,
            [.. states.Where(s => s.State == AlertStates.Firing).OrderByDescending(s => s.Severity == AlertEvaluator.Critical).ThenBy(s => s.Since).Select(View)],
            [.. transitions.Where(t => t.State == AlertStates.Resolved && t.At < window.To).Select(View)]);
    }

    public async Task<int> CountFiringAsync(CancellationToken cancellationToken = default) =>
        (await store.ReadStatesAsync(cancellationToken)).Count(s => s.State == AlertStates.Firing);

    static AlertView View(AlertStateEntity s) =>
        new(s.Rule, s.Subject, s.Severity, s.State, s.Since, s.ResolvedAt, s.Value, s.Threshold, s.Unit, s.Message, s.Suggestion);

    static AlertView View(AlertTransitionEntity t) =>
        new(t.Rule, t.Subject, t.Severity, t.State, t.Since, t.State == AlertStates.Resolved ? t.At : null, t.Value, t.Threshold, t.Unit, t.Message, t.Suggestion);
}
