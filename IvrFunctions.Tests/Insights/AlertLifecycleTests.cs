using System.Text.Json;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Insights.Alerts;
using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Tests.Insights;

/// <summary>Each rule fires on seeded telemetry, is stored and listed, and resolves once the cause is gone; transitions become history.</summary>
public sealed class AlertLifecycleTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A week later, in the next month: every window is empty, today's cost and the month's free tier start again.</summary>
    static readonly DateTimeOffset Later = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);

    static readonly DateTimeOffset WindowStart = Now.AddMinutes(-15);

    /// <summary>Twelve turns in the evaluation window, one a minute; the delegate may make them unhealthy.</summary>
    static void Turns(TelemetrySeeder seed, double sttMs = 500, double ragMs = 1000, double ttsMs = 500, Func<int, bool>? fails = null,
        Func<int, bool>? audioHit = null, Action<int, DateTimeOffset>? after = null)
    {
        for (var i = 0; i < 12; i++)
        {
            var end = seed.Turn(WindowStart.AddMinutes(i + 1), $"call-{i}", $"turn-{i}", sttMs, ragMs, ttsMs, !(fails?.Invoke(i) ?? false));
            seed.Cache(end, CacheKinds.Response, true);
            seed.Cache(end, CacheKinds.Audio, audioHit?.Invoke(i) ?? true);
            after?.Invoke(i, end);
        }
    }

    public static TheoryData<string, string?, string[]> Rules() => new()
    {
        { AlertRuleIds.TurnP95, null, [] },
        { AlertRuleIds.ComponentP95, "tts", [] },
        { AlertRuleIds.SuccessRate, null, [] },
        { AlertRuleIds.ErrorRateSpike, null, [] },
        { AlertRuleIds.CacheHitRate, "audio", [] },
        { AlertRuleIds.FreeTier, "google_stt/", [] },
        { AlertRuleIds.DailyCost, null, ["--Insights:DailyBudgetUsd=0.01"] },
        { AlertRuleIds.TelemetryDropped, null, ["--Telemetry:BufferCapacity=1"] },
    };

    static void Seed(string rule, TelemetrySeeder seed)
    {
        switch (rule)
        {
            case AlertRuleIds.TurnP95:
                Turns(seed, ragMs: 9000);
                break;
            case AlertRuleIds.ComponentP95:
                Turns(seed, ttsMs: 2600);
                break;
            case AlertRuleIds.SuccessRate:
                Turns(seed, fails: i => i % 6 == 0);
                break;
            case AlertRuleIds.ErrorRateSpike:
                Turns(seed, after: (i, end) =>
                {
                    if (i % 4 == 0)
                    {
                        seed.Error(end, ErrorCategory.ProviderUnavailable, StageNames.Stt, $"turn-{i}", "google");
                    }
                });
                break;
            case AlertRuleIds.CacheHitRate:
                Turns(seed, audioHit: i => i < 3);
                break;
            case AlertRuleIds.FreeTier:
                Turns(seed);
                seed.Usage(Now.AddMinutes(-1), ApiServices.GoogleStt, 900, new UsageUnits(AudioSeconds: 3600 * 0.9));
                break;
            case AlertRuleIds.DailyCost:
                Turns(seed, after: (_, end) => seed.Usage(end, ApiServices.OpenAIChat, 900, new UsageUnits(InputTokens: 20_000, OutputTokens: 2_000), "gpt-4.1-mini"));
                break;
            case AlertRuleIds.TelemetryDropped:
                for (var i = 0; i < 5; i++)
                {
                    seed.Cache(Now.AddMinutes(-1), CacheKinds.Response, true);
                }

                break;
        }
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Rule_FiresOnSeededBreach_ThenResolves_AndBothTransitionsAreHistory(string rule, string? subjectPrefix, string[] settings)
    {
        await using var host = await InsightsHost.StartAsync(WindowStart, settings);
        var seed = host.Seeder();
        Seed(rule, seed);
        // Flush while the clock is still inside the seeded window: drops are persisted at flush time, and a flush at
        // exactly Now (a minute boundary) would put them in the bucket the alert window ends before.
        await host.FlushAsync();
        host.Time.SetUtcNow(Now);
        await host.FlushAsync();

        var fired = await host.EvaluateAlertsAsync();

        var firing = Assert.Single(fired, t => t.Rule == rule && (subjectPrefix is null ? t.Subject is null : t.Subject!.StartsWith(subjectPrefix, StringComparison.Ordinal)));
        Assert.Equal(AlertStates.Firing, firing.State);
        var listed = await host.GetJsonAsync("/api/performance/alerts?window=1h");
        var view = Assert.Single(listed.GetProperty("firing").EnumerateArray(), a => a.GetProperty("rule").GetString() == rule && a.GetProperty("subject").GetString() == firing.Subject);
        Assert.Equal(Now, view.GetProperty("since").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Number, view.GetProperty("value").ValueKind);
        Assert.Equal(AlertSuggestions.For(rule, firing.Subject), view.GetProperty("suggestion").GetString());
        var dashboard = await host.GetJsonAsync("/api/performance/dashboard?window=1h");
        Assert.True(dashboard.GetProperty("kpis").GetProperty("firingAlerts").GetInt32() >= 1);

        // Evaluating again while the cause persists changes nothing.
        Assert.DoesNotContain(await host.EvaluateAlertsAsync(), t => t.Rule == rule);

        host.Time.SetUtcNow(Later);
        var resolved = await host.EvaluateAlertsAsync();

        var resolution = Assert.Single(resolved, t => t.Rule == rule && t.Subject == firing.Subject);
        Assert.Equal(AlertStates.Resolved, resolution.State);
        Assert.Equal(Now, resolution.Since);
        Assert.Equal(Later, resolution.At);
        var after = await host.GetJsonAsync("/api/performance/alerts?from=2026-11-24T09:00:00Z&to=2026-12-01T01:00:01Z");
        Assert.DoesNotContain(after.GetProperty("firing").EnumerateArray(), a => a.GetProperty("rule").GetString() == rule);
        var history = Assert.Single(after.GetProperty("recentlyResolved").EnumerateArray(), a => a.GetProperty("rule").GetString() == rule && a.GetProperty("subject").GetString() == firing.Subject);
        Assert.Equal(Later, history.GetProperty("resolvedAt").GetDateTimeOffset());
        var transitions = await host.Get<AlertStore>().ReadTransitionsAsync(Now);
        Assert.Equal(2, transitions.Count(t => t.Rule == rule && t.Subject == firing.Subject));
    }

    [Fact]
    public async Task HealthyTraffic_FiresNothing()
    {
        await using var host = await InsightsHost.StartAsync(WindowStart);
        Turns(host.Seeder());
        host.Time.SetUtcNow(Now);
        await host.FlushAsync();

        Assert.Empty(await host.EvaluateAlertsAsync());
        Assert.Empty(await host.Get<AlertStore>().ReadStatesAsync());
    }
}
