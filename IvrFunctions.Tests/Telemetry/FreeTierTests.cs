using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Costs;
using Microsoft.Extensions.Time.Testing;

namespace IvrFunctions.Tests.Telemetry;

public sealed class FreeTierTests
{
    static readonly DateTimeOffset MonthStart = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Stt_UsageSoFarRemainingAndProjection_ThenExhaustionAndNetCost()
    {
        var time = new FakeTimeProvider(MonthStart.AddDays(-2));
        using var harness = new TelemetryHarness(await TelemetryHarness.ServiceAsync(), TelemetryHarness.NewOptions("freestt"), time);
        var freeTiers = new FreeTierService(harness.Reader, harness.Prices, time);
        void Stt(double seconds) => harness.Telemetry.RecordApiUsage(new ApiUsage(ApiServices.GoogleStt, TelemetryContext.None, true,
            TimeSpan.FromSeconds(1), new UsageUnits(AudioSeconds: seconds)));

        Stt(600); // last month: not counted
        time.SetUtcNow(MonthStart.AddHours(5));
        for (var i = 0; i < 20; i++)
        {
            Stt(120); // 40 minutes over the first ten days
            time.Advance(TimeSpan.FromHours(11));
        }

        time.SetUtcNow(MonthStart.AddDays(9.5));
        await harness.Flusher.FlushAsync();

        var stt = Assert.Single(await freeTiers.GetStatusAsync(), s => s.Tier == "google_stt:v1-standard");
        Assert.Equal(PriceUnit.Minute, stt.Unit);
        Assert.Equal(60, stt.FreeUnits);
        Assert.Equal(40, stt.UsedUnits, 9);
        Assert.Equal(20, stt.RemainingUnits, 9);
        Assert.Equal(40 * 0.024, stt.GrossCostUsd, 9);
        Assert.Equal(0, stt.NetCostUsd, 9);
        Assert.Null(stt.ExhaustedAt);
        // 40 minutes in 9.5 days: the remaining 20 last another 4.75 days.
        Assert.Equal(MonthStart.AddDays(9.5 + 4.75), stt.ProjectedExhaustion!.Value);

        time.SetUtcNow(MonthStart.AddDays(12).AddMinutes(10));
        Stt(1800); // 30 minutes: 70 in all
        await harness.Flusher.FlushAsync();

        stt = Assert.Single(await freeTiers.GetStatusAsync(), s => s.Tier == "google_stt:v1-standard");
        Assert.Equal(70, stt.UsedUnits, 9);
        Assert.Equal(0, stt.RemainingUnits);
        Assert.Equal(MonthStart.AddDays(12).AddHours(1), stt.ExhaustedAt);
        Assert.Null(stt.ProjectedExhaustion);
        Assert.Equal(70 * 0.024, stt.GrossCostUsd, 9);
        Assert.Equal(10 * 0.024, stt.NetCostUsd, 9);
    }

    [Fact]
    public async Task Tts_StandardAndWaveNetShareOneAllowance_Neural2HasItsOwn()
    {
        var time = new FakeTimeProvider(MonthStart.AddDays(3));
        using var harness = new TelemetryHarness(await TelemetryHarness.ServiceAsync(), TelemetryHarness.NewOptions("freetts"), time);
        void Tts(long characters, string voice) => harness.Telemetry.RecordApiUsage(new ApiUsage(ApiServices.GoogleTts, TelemetryContext.None, true,
            TimeSpan.FromMilliseconds(200), new UsageUnits(Characters: characters, VoiceClass: voice)));

        Tts(3_000_000, "standard");
        Tts(2_000_000, "wavenet");
        Tts(250_000, "neural2");
        await harness.Flusher.FlushAsync();

        var tiers = await new FreeTierService(harness.Reader, harness.Prices, time).GetStatusAsync(MonthStart.AddDays(4));
        var shared = Assert.Single(tiers, t => t.Tier == "google_tts:standard-wavenet");
        Assert.Equal(["google_tts:standard", "google_tts:wavenet"], shared.Skus.Order());
        Assert.Equal(4_000_000, shared.FreeUnits);
        Assert.Equal(5_000_000, shared.UsedUnits);
        Assert.Equal(20.0, shared.GrossCostUsd, 9);
        Assert.Equal(4.0, shared.NetCostUsd, 9);
        Assert.Equal(MonthStart.AddDays(3).AddHours(1), shared.ExhaustedAt);

        var neural2 = Assert.Single(tiers, t => t.Tier == "google_tts:neural2-polyglot");
        Assert.Equal(1_000_000, neural2.FreeUnits);
        Assert.Equal(250_000, neural2.UsedUnits);
        Assert.Equal(750_000, neural2.RemainingUnits);
        Assert.Equal(0, neural2.NetCostUsd, 9);
        // 250k in 4 days: 750k more takes 12 days, inside the month.
        Assert.Equal(MonthStart.AddDays(16), neural2.ProjectedExhaustion);
    }
}
