using IvrFunctions.Core.Insights.Alerts;
using IvrFunctions.Core.Insights.Configuration;
using IvrFunctions.Core.Insights.Contracts;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Tests.Insights;

public sealed class AlertEvaluatorTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    static MetricsSnapshot Healthy() => new(
        Now,
        15,
        new Dictionary<string, ComponentSample>
        {
            ["turn"] = new(50, 6000),
            ["stt"] = new(50, 1500),
            ["rag"] = new(50, 2500),
            ["tts"] = new(50, 1200),
        },
        Turns: 50,
        SuccessfulTurns: 49,
        Errors: 1,
        Traffic: 50,
        PreviousErrorRate: 0.02,
        new Dictionary<string, CacheSample> { ["response"] = new(50, 0.5), ["audio"] = new(50, 0.7) },
        [new FreeTierStatus("google_stt", "standard", "minutes", 60, 30, 30, 0.5, false, null)],
        TodayCostUsd: 1,
        DroppedRecords: 0);

    static AlertEvaluator Evaluator(Action<AlertsOptions>? alerts = null, Action<InsightsOptions>? insights = null)
    {
        var a = new AlertsOptions();
        alerts?.Invoke(a);
        var i = new InsightsOptions { DailyBudgetUsd = 5 };
        insights?.Invoke(i);
        return new AlertEvaluator(Options.Create(a), Options.Create(i));
    }

    static AlertCondition Only(IReadOnlyList<AlertCondition> conditions, string rule, string? subject = null) =>
        Assert.Single(conditions, c => c.Rule == rule && c.Subject == subject);

    [Fact]
    public void Evaluate_HealthySnapshot_JudgesEveryRuleAndNothingFires()
    {
        var conditions = Evaluator().Evaluate(Healthy());

        Assert.DoesNotContain(conditions, c => c.Firing);
        Assert.Equal(AlertRuleIds.All.Order(), conditions.Select(c => c.Rule).Distinct().Order());
        Assert.All(conditions, c => Assert.False(string.IsNullOrWhiteSpace(c.Suggestion)));
    }

    public static TheoryData<string, string?, Func<MetricsSnapshot, MetricsSnapshot>> Breaches() => new()
    {
        { AlertRuleIds.TurnP95, null, s => s with { Components = new Dictionary<string, ComponentSample>(s.Components) { ["turn"] = new(50, 8001) } } },
        { AlertRuleIds.ComponentP95, "tts", s => s with { Components = new Dictionary<string, ComponentSample>(s.Components) { ["tts"] = new(50, 2100) } } },
        { AlertRuleIds.ComponentP95, "rag", s => s with { Components = new Dictionary<string, ComponentSample>(s.Components) { ["rag"] = new(50, 3001) } } },
        { AlertRuleIds.SuccessRate, null, s => s with { SuccessfulTurns = 47 } },
        { AlertRuleIds.ErrorRateSpike, null, s => s with { Errors = 5, PreviousErrorRate = 0.04 } },
        { AlertRuleIds.CacheHitRate, "audio", s => s with { Caches = new Dictionary<string, CacheSample>(s.Caches) { ["audio"] = new(50, 0.59) } } },
        { AlertRuleIds.FreeTier, "google_stt/standard", s => s with { FreeTiers = [s.FreeTiers[0] with { UsedFraction = 0.81 }] } },
        { AlertRuleIds.DailyCost, null, s => s with { TodayCostUsd = 5.01 } },
        { AlertRuleIds.TelemetryDropped, null, s => s with { DroppedRecords = 1 } },
    };

    [Theory]
    [MemberData(nameof(Breaches))]
    public void Evaluate_EachRule_FiresOnItsBreachAloneWithValueThresholdAndSuggestion(string rule, string? subject, Func<MetricsSnapshot, MetricsSnapshot> breach)
    {
        var conditions = Evaluator().Evaluate(breach(Healthy()));

        var firing = Assert.Single(conditions, c => c.Firing);
        Assert.Equal(rule, firing.Rule);
        Assert.Equal(subject, firing.Subject);
        Assert.NotNull(firing.Value);
        Assert.Equal(AlertSuggestions.For(rule, subject), firing.Suggestion);
        Assert.False(string.IsNullOrWhiteSpace(firing.Message));
    }

    [Fact]
    public void Evaluate_TooFewSamples_LatencyAndRateRulesStayQuiet()
    {
        var few = Healthy() with
        {
            Components = new Dictionary<string, ComponentSample> { ["turn"] = new(9, 20000), ["tts"] = new(9, 9000) },
            Turns = 9,
            SuccessfulTurns = 0,
            Errors = 9,
            Traffic = 9,
            PreviousErrorRate = 0,
            Caches = new Dictionary<string, CacheSample> { ["audio"] = new(9, 0) },
        };

        Assert.DoesNotContain(Evaluator().Evaluate(few), c => c.Firing);
    }

    [Fact]
    public void Evaluate_ErrorSpike_NeedsTwiceThePreviousRateAndAtLeastFivePercent()
    {
        var evaluator = Evaluator();

        Assert.False(Only(evaluator.Evaluate(Healthy() with { Errors = 5, PreviousErrorRate = 0.06 }), AlertRuleIds.ErrorRateSpike).Firing);
        Assert.False(Only(evaluator.Evaluate(Healthy() with { Errors = 2, PreviousErrorRate = 0 }), AlertRuleIds.ErrorRateSpike).Firing);
        Assert.True(Only(evaluator.Evaluate(Healthy() with { Errors = 3, PreviousErrorRate = null }), AlertRuleIds.ErrorRateSpike).Firing);
    }

    [Fact]
    public void Evaluate_ConfiguredOverrides_ChangeThresholdSeverityAndEnablement()
    {
        var evaluator = Evaluator(a =>
        {
            a.Rules[AlertRuleIds.SuccessRate] = new AlertRuleOptions { Threshold = 0.99, Severity = "warning" };
            a.Rules[AlertRuleIds.TurnP95] = new AlertRuleOptions { Enabled = false };
        });
        var snapshot = Healthy() with { Components = new Dictionary<string, ComponentSample> { ["turn"] = new(50, 30000) } };

        var conditions = evaluator.Evaluate(snapshot);

        var success = Only(conditions, AlertRuleIds.SuccessRate);
        Assert.True(success.Firing);
        Assert.Equal(0.99, success.Threshold);
        Assert.Equal("warning", success.Severity);
        Assert.DoesNotContain(conditions, c => c.Rule == AlertRuleIds.TurnP95);
    }

    [Fact]
    public void Evaluate_NoDailyBudget_DailyCostRuleIsOff()
    {
        var conditions = Evaluator(insights: i => i.DailyBudgetUsd = null).Evaluate(Healthy() with { TodayCostUsd = 1000 });

        Assert.DoesNotContain(conditions, c => c.Rule == AlertRuleIds.DailyCost);
    }
}
