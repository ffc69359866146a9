using IvrFunctions.Core.Insights.Alerts;
using IvrFunctions.Core.Insights.Configuration;
using IvrFunctions.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Tests.Insights;

public sealed class InsightsConfigurationTests
{
    static List<string> Validate(Action<InsightsOptions>? insights = null, Action<AlertsOptions>? alerts = null, string? origin = null)
    {
        var i = new InsightsOptions();
        var a = new AlertsOptions();
        insights?.Invoke(i);
        alerts?.Invoke(a);
        var errors = new List<string>();
        InsightsConfigurationRules.Validate(i, a, new DashboardOptions { AllowedOrigin = origin }, errors);
        return errors;
    }

    [Fact]
    public void Defaults_AreValid() => Assert.Empty(Validate(origin: "https://acct.z13.web.core.windows.net"));

    [Theory]
    [InlineData("Insights:MaxWindowDays (env Insights__MaxWindowDays)")]
    [InlineData("Insights:TargetSeconds:tts (env Insights__TargetSeconds__tts)")]
    [InlineData("Insights:CacheHitRateTargets:audio (env Insights__CacheHitRateTargets__audio)")]
    [InlineData("Insights:DailyBudgetUsd (env Insights__DailyBudgetUsd)")]
    [InlineData("Alerts:Rules:latency (env Alerts__Rules__latency)")]
    [InlineData("Alerts:Rules:success_rate:Severity (env Alerts__Rules__success_rate__Severity)")]
    [InlineData("Alerts:Webhook:Url (env Alerts__Webhook__Url)")]
    [InlineData("Alerts:Webhook:MaxAttempts (env Alerts__Webhook__MaxAttempts)")]
    [InlineData("Dashboard:AllowedOrigin (env Dashboard__AllowedOrigin)")]
    public void BadValue_NamesItsKey(string key)
    {
        var errors = key.Split(' ')[0] switch
        {
            "Insights:MaxWindowDays" => Validate(insights: i => i.MaxWindowDays = 0),
            "Insights:TargetSeconds:tts" => Validate(insights: i => i.TargetSeconds["tts"] = -1),
            "Insights:CacheHitRateTargets:audio" => Validate(insights: i => i.CacheHitRateTargets["audio"] = 60),
            "Insights:DailyBudgetUsd" => Validate(insights: i => i.DailyBudgetUsd = 0),
            "Alerts:Rules:latency" => Validate(alerts: a => a.Rules["latency"] = new AlertRuleOptions()),
            "Alerts:Rules:success_rate:Severity" => Validate(alerts: a => a.Rules[AlertRuleIds.SuccessRate] = new AlertRuleOptions { Severity = "urgent" }),
            "Alerts:Webhook:Url" => Validate(alerts: a => a.Webhook.Url = new Uri("ftp://hooks.example.com/x")),
            "Alerts:Webhook:MaxAttempts" => Validate(alerts: a => a.Webhook.MaxAttempts = 0),
            _ => Validate(origin: "https://dash.example.com/index.html"),
        };

        var error = Assert.Single(errors);
        Assert.StartsWith(key, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("dash.example.com")]
    [InlineData("https://dash.example.com/path")]
    [InlineData("https://a.example.com,https://b.example.com")]
    public void AllowedOrigin_NotASingleOrigin_IsRefused(string origin) => Assert.Single(Validate(origin: origin));

    [Theory]
    [InlineData("https://dash.example.com")]
    [InlineData("https://dash.example.com/")]
    [InlineData("http://localhost:5173")]
    public void AllowedOrigin_SingleOrigin_IsAccepted(string origin) => Assert.Empty(Validate(origin: origin));

    [Fact]
    public async Task SelfHost_BadInsightsSetting_RefusesToStartNamingTheKey()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => SelfHostServer.StartAsync(null, "--Alerts:Webhook:MaxAttempts=0"));

        Assert.Contains(error.Failures, f => f.StartsWith("Alerts:Webhook:MaxAttempts (env Alerts__Webhook__MaxAttempts)", StringComparison.Ordinal));
    }
}
