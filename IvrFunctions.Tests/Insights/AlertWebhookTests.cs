using System.Text.Json;
using IvrFunctions.Core.Insights.Alerts;

namespace IvrFunctions.Tests.Insights;

/// <summary>Alert transitions POSTed to a loopback receiver: retried on failure with the same key, never sent twice.</summary>
public sealed class AlertWebhookTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    static async Task SeedSlowTurnsAsync(InsightsHost host)
    {
        var seed = host.Seeder();
        for (var i = 0; i < 12; i++)
        {
            seed.Turn(Now.AddMinutes(-14 + i), $"call-{i}", $"turn-{i}", 500, 9000, 500);
        }

        host.Time.SetUtcNow(Now);
        await host.FlushAsync();
    }

    [Fact]
    public async Task Transition_ReceiverFailsWith500_IsRetriedWithTheSameKeyAndDeliveredOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await InsightsHost.StartAsync(Now.AddMinutes(-15), $"--Alerts:Webhook:Url={receiver.Url}", "--Alerts:Rules:component_p95:Enabled=false");
        await SeedSlowTurnsAsync(host);
        receiver.FailNext(500, 503);

        var fired = await host.EvaluateAlertsAsync();

        var transition = Assert.Single(fired);
        Assert.Equal(AlertRuleIds.TurnP95, transition.Rule);
        var requests = receiver.Requests.ToList();
        Assert.Equal([500, 503, 200], requests.Select(r => r.Status));
        Assert.All(requests, r => Assert.Equal(transition.TransitionId, r.Key));
        var body = JsonDocument.Parse(requests[^1].Body).RootElement;
        Assert.Equal(transition.TransitionId, body.GetProperty("id").GetString());
        Assert.Equal("turn_p95", body.GetProperty("rule").GetString());
        Assert.Equal("firing", body.GetProperty("state").GetString());
        Assert.StartsWith("[FIRING critical]", body.GetProperty("text").GetString(), StringComparison.Ordinal);
        var stored = Assert.Single(await host.Get<AlertStore>().ReadTransitionsAsync(Now));
        Assert.True(stored.Delivered);
        Assert.Equal(3, stored.Attempts);

        // Still firing, evaluated again (timer and on read): nothing new is sent.
        await host.EvaluateAlertsAsync();
        await host.GetJsonAsync("/api/performance/alerts");
        Assert.Equal(3, receiver.Requests.Count);

        host.Time.SetUtcNow(Now.AddHours(2));
        await host.EvaluateAlertsAsync();
        await host.EvaluateAlertsAsync();

        var all = receiver.Requests.ToList();
        Assert.Equal(4, all.Count);
        var resolved = JsonDocument.Parse(all[^1].Body).RootElement;
        Assert.Equal("resolved", resolved.GetProperty("state").GetString());
        Assert.NotEqual(transition.TransitionId, all[^1].Key);
    }

    [Fact]
    public async Task Transition_ReceiverDownForEveryAttempt_IsSentAgainAtTheNextEvaluationWithTheSameKey()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await InsightsHost.StartAsync(Now.AddMinutes(-15), $"--Alerts:Webhook:Url={receiver.Url}", "--Alerts:Webhook:MaxAttempts=2",
            "--Alerts:Rules:component_p95:Enabled=false");
        await SeedSlowTurnsAsync(host);
        receiver.FailNext(500, 500);

        await host.EvaluateAlertsAsync();
        Assert.False(Assert.Single(await host.Get<AlertStore>().ReadTransitionsAsync(Now)).Delivered);

        await host.EvaluateAlertsAsync();

        var requests = receiver.Requests.ToList();
        Assert.Equal([500, 500, 200], requests.Select(r => r.Status));
        Assert.Single(requests.Select(r => r.Key).Distinct());
        Assert.True(Assert.Single(await host.Get<AlertStore>().ReadTransitionsAsync(Now)).Delivered);
    }

    [Fact]
    public async Task TwoInstances_EvaluatingAtOnce_StoreOneTransitionAndSendItOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var first = await InsightsHost.StartAsync(Now.AddMinutes(-15), $"--Alerts:Webhook:Url={receiver.Url}", "--Alerts:Rules:component_p95:Enabled=false");
        await SeedSlowTurnsAsync(first);
        await using var second = await InsightsHost.StartAsync(Now, first, null, $"--Alerts:Webhook:Url={receiver.Url}", "--Alerts:Rules:component_p95:Enabled=false");

        var results = await Task.WhenAll(first.EvaluateAlertsAsync(), second.EvaluateAlertsAsync());

        Assert.Single(results.SelectMany(r => r));
        Assert.Single(await first.Get<AlertStore>().ReadTransitionsAsync(Now));
        Assert.Single(receiver.Requests);
    }
}
