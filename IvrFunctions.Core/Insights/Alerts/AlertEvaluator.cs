using System.Globalization;
using IvrFunctions.Core.Insights.Configuration;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Insights.Alerts;

/// <summary>
/// Applies the rules to a <see cref="MetricsSnapshot"/>. Every subject a rule can judge yields a condition, firing or not, so
/// a rule that stops firing resolves. Latency and rate rules need <see cref="AlertsOptions.MinSamples"/> measurements; without
/// them the rule is not firing (no data does not alert).
/// </summary>
public sealed class AlertEvaluator(IOptions<AlertsOptions> alerts, IOptions<InsightsOptions> insights)
{
    public const string Warning = "warning";
    public const string Critical = "critical";

    /// <summary>The spike rule also needs at least this error rate, so 1 error after 0 is no spike.</summary>
    public const double MinimumSpikeRate = 0.05;

    public IReadOnlyList<AlertCondition> Evaluate(MetricsSnapshot snapshot)
    {
        var conditions = new List<AlertCondition>();
        var options = alerts.Value;
        var targets = insights.Value.TargetSeconds;
        var minutes = snapshot.WindowMinutes;

        if (Enabled(AlertRuleIds.TurnP95))
        {
            var turn = snapshot.Components.GetValueOrDefault("turn");
            var threshold = Threshold(AlertRuleIds.TurnP95, targets.TryGetValue("turn", out var t) ? t * 1000 : 8000);
            var firing = turn is { P95Ms: { } p95 } && turn.Count >= options.MinSamples && p95 > threshold;
            conditions.Add(Condition(AlertRuleIds.TurnP95, null, Critical, firing, turn?.P95Ms, threshold, "ms",
                $"Turn p95 {F(turn?.P95Ms)} ms against the {F(threshold)} ms target (last {minutes} min, {turn?.Count ?? 0} turns)"));
        }

        if (Enabled(AlertRuleIds.ComponentP95))
        {
            foreach (var (component, seconds) in targets.Where(t => !t.Key.Equals("turn", StringComparison.OrdinalIgnoreCase)).OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                var sample = snapshot.Components.GetValueOrDefault(component);
                var threshold = seconds * 1000;
                var firing = sample is { P95Ms: { } p95 } && sample.Count >= options.MinSamples && p95 > threshold;
                conditions.Add(Condition(AlertRuleIds.ComponentP95, component, Warning, firing, sample?.P95Ms, threshold, "ms",
                    $"{component} p95 {F(sample?.P95Ms)} ms against its {F(threshold)} ms target (last {minutes} min, {sample?.Count ?? 0} measurements)"));
            }
        }

        if (Enabled(AlertRuleIds.SuccessRate))
        {
            var threshold = Threshold(AlertRuleIds.SuccessRate, 0.95);
            double? rate = snapshot.Turns == 0 ? null : (double)snapshot.SuccessfulTurns / snapshot.Turns;
            var firing = rate is not null && snapshot.Turns >= options.MinSamples && rate < threshold;
            conditions.Add(Condition(AlertRuleIds.SuccessRate, null, Critical, firing, rate, threshold, "ratio",
                $"Turn success rate {P(rate)} below {P(threshold)} (last {minutes} min, {snapshot.Turns} turns)"));
        }

        if (Enabled(AlertRuleIds.ErrorRateSpike))
        {
            var multiplier = Threshold(AlertRuleIds.ErrorRateSpike, 2);
            double? rate = snapshot.Traffic == 0 ? null : (double)snapshot.Errors / snapshot.Traffic;
            var firing = rate is not null && snapshot.Traffic >= options.MinSamples && rate >= MinimumSpikeRate
                && rate >= multiplier * (snapshot.PreviousErrorRate ?? 0);
            conditions.Add(Condition(AlertRuleIds.ErrorRateSpike, null, Warning, firing, rate, multiplier, "ratio",
                $"Error rate {P(rate)} against {P(snapshot.PreviousErrorRate)} in the previous {minutes} min ({snapshot.Errors} errors in {snapshot.Traffic} requests)"));
        }

        if (Enabled(AlertRuleIds.CacheHitRate))
        {
            foreach (var (kind, target) in insights.Value.CacheHitRateTargets.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                var sample = snapshot.Caches.GetValueOrDefault(kind);
                var firing = sample is { HitRate: { } rate } && sample.Lookups >= options.MinSamples && rate < target;
                conditions.Add(Condition(AlertRuleIds.CacheHitRate, kind, Warning, firing, sample?.HitRate, target, "ratio",
                    $"{kind} cache hit rate {P(sample?.HitRate)} below its {P(target)} target (last {minutes} min, {sample?.Lookups ?? 0} lookups)"));
            }
        }

        if (Enabled(AlertRuleIds.FreeTier))
        {
            var threshold = Threshold(AlertRuleIds.FreeTier, 0.8);
            foreach (var tier in snapshot.FreeTiers)
            {
                conditions.Add(Condition(AlertRuleIds.FreeTier, $"{tier.Service}/{tier.Tier}", Warning, tier.UsedFraction > threshold, tier.UsedFraction,
                    threshold, "ratio",
                    $"{tier.Service} {tier.Tier} free tier {P(tier.UsedFraction)} used this month ({F(tier.Used)} of {F(tier.Allowance)} {tier.Unit})"));
            }
        }

        var budget = alerts.Value.Rules.TryGetValue(AlertRuleIds.DailyCost, out var costRule) && costRule.Threshold is { } configured
            ? configured
            : insights.Value.DailyBudgetUsd;
        if (Enabled(AlertRuleIds.DailyCost) && budget is { } dailyBudget)
        {
            conditions.Add(Condition(AlertRuleIds.DailyCost, null, Critical, snapshot.TodayCostUsd > dailyBudget, snapshot.TodayCostUsd, dailyBudget, "usd",
                $"Estimated cost today ${snapshot.TodayCostUsd:0.00} against the daily budget of ${dailyBudget:0.00}"));
        }

        if (Enabled(AlertRuleIds.TelemetryDropped))
        {
            var threshold = Threshold(AlertRuleIds.TelemetryDropped, 0);
            conditions.Add(Condition(AlertRuleIds.TelemetryDropped, null, Warning, snapshot.DroppedRecords > threshold, snapshot.DroppedRecords, threshold, "records",
                $"{snapshot.DroppedRecords} telemetry records dropped in the last {minutes} min"));
        }

        return conditions;
    }

    AlertCondition Condition(string rule, string? subject, string severity, bool firing, double? value, double threshold, string unit, string message)
    {
        var configured = Rule(rule)?.Severity;
        return new AlertCondition(
            rule, subject, string.IsNullOrWhiteSpace(configured) ? severity : configured.Trim().ToLowerInvariant(), firing,
            value is null ? null : Math.Round(value.Value, 4), threshold, unit, message, AlertSuggestions.For(rule, subject));
    }

    AlertRuleOptions? Rule(string rule) => alerts.Value.Rules.TryGetValue(rule, out var configured) ? configured : null;

    bool Enabled(string rule) => Rule(rule)?.Enabled ?? true;

    double Threshold(string rule, double fallback) => Rule(rule)?.Threshold ?? fallback;

    static string F(double? value) => value is null ? "n/a" : value.Value.ToString("0.#", CultureInfo.InvariantCulture);

    static string P(double? value) => value is null ? "n/a" : value.Value.ToString("0.0%", CultureInfo.InvariantCulture);
}
