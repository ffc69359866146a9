using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Tests.Insights;

/// <summary>Windows reaching now read the current, partial hour from its hour rollup: what was recorded minutes ago is in.</summary>
public sealed class CurrentHourTests
{
    [Fact]
    public async Task Dashboard_DayWindow_CountsTurnsOfTheCurrentPartialHourAndTheHourBefore()
    {
        var start = new DateTimeOffset(2026, 11, 24, 9, 50, 0, TimeSpan.Zero);
        await using var host = await InsightsHost.StartAsync(start);
        var seed = host.Seeder();
        seed.Turn(start.AddMinutes(5), "call-a", "turn-a", 400, 900, 300);   // 09:55
        seed.Turn(start.AddMinutes(15), "call-b", "turn-b", 400, 900, 300);  // 10:05
        seed.Turn(start.AddMinutes(30), "call-c", "turn-c", 400, 900, 300);  // 10:20
        seed.Usage(start.AddMinutes(31), ApiServices.GoogleTts, 300, new UsageUnits(Characters: 1000, VoiceClass: "standard"));
        host.Time.SetUtcNow(start.AddMinutes(35)); // 10:25:00
        await host.FlushAsync();

        var day = await host.GetJsonAsync("/api/performance/dashboard?window=24h");
        var hour = await host.GetJsonAsync("/api/performance/dashboard?window=1h");

        Assert.Equal(3, day.GetProperty("kpis").GetProperty("turns").GetInt64());
        Assert.Equal(3, hour.GetProperty("kpis").GetProperty("turns").GetInt64());
        var turns = day.GetProperty("series").GetProperty("turns").EnumerateArray().Select(t => t.GetInt64()).ToList();
        Assert.Equal([1, 2], turns[^2..]);
        var cost = day.GetProperty("kpis").GetProperty("costUsd").GetDouble();
        Assert.True(cost > 0);
        Assert.Equal(cost, day.GetProperty("kpis").GetProperty("todayCostUsd").GetDouble(), 9);
        Assert.Equal(cost, day.GetProperty("kpis").GetProperty("monthToDateCostUsd").GetDouble(), 9);
    }
}
