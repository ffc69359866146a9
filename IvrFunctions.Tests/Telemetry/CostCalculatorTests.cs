using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Costs;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Tests.Telemetry;

public sealed class CostCalculatorTests
{
    static readonly DateTimeOffset At = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    static readonly CostCalculator Defaults = new(new PriceTable(PriceTable.DefaultRows));

    [Fact]
    public void Stt_BilledSeconds_PricedPerMinuteAtV1Standard()
    {
        var cost = Defaults.Estimate(ApiServices.GoogleStt, null, new UsageUnits(AudioSeconds: 45), At);

        Assert.Equal("v1-standard", cost.Sku);
        Assert.Equal(45 / 60.0 * 0.024, cost.CostUsd!.Value, 12);
    }

    [Theory]
    [InlineData(null, 4.2, 15)]
    [InlineData(null, 15.0, 15)]
    [InlineData(null, 15.01, 30)]
    [InlineData(null, 0.0, 0)]
    [InlineData("4.500s", 4.2, 4.5)]
    [InlineData("15s", 3.0, 15)]
    public void SttBilling_ResponseBilledTimeElseFifteenSecondRounding(string? totalBilledTime, double audioSeconds, double expected)
    {
        Assert.Equal(expected, SttBilling.BilledSeconds(SttBilling.ParseDuration(totalBilledTime), audioSeconds), 9);
    }

    [Theory]
    [InlineData("standard", 4.0)]
    [InlineData("wavenet", 4.0)]
    [InlineData("neural2", 16.0)]
    [InlineData("chirp3-hd", 30.0)]
    [InlineData("studio", 160.0)]
    public void Tts_CharactersPricedByVoiceClass(string voiceClass, double usdPerMillion)
    {
        var cost = Defaults.Estimate(ApiServices.GoogleTts, "en-IN-Neural2-A", new UsageUnits(Characters: 1234, VoiceClass: voiceClass), At);

        Assert.Equal(voiceClass, cost.Sku);
        Assert.Equal(1234 * usdPerMillion / 1e6, cost.CostUsd!.Value, 12);
    }

    [Fact]
    public void Chat_CachedInputTokens_PricedSeparatelyAndNotDoubleCounted()
    {
        // 10,000 input of which 8,000 cached, 500 output on gpt-4o-mini: 2,000 × 0.15 + 8,000 × 0.075 + 500 × 0.60 per million.
        var cost = Defaults.Estimate(ApiServices.OpenAIChat, "gpt-4o-mini", new UsageUnits(InputTokens: 10_000, CachedInputTokens: 8_000, OutputTokens: 500), At);

        Assert.Equal("gpt-4o-mini", cost.Sku);
        Assert.Equal(((2_000 * 0.15) + (8_000 * 0.075) + (500 * 0.60)) / 1e6, cost.CostUsd!.Value, 15);
        var uncachedOnly = Defaults.Estimate(ApiServices.OpenAIChat, "gpt-4o-mini", new UsageUnits(InputTokens: 10_000, OutputTokens: 500), At);
        Assert.True(cost.CostUsd < uncachedOnly.CostUsd);
    }

    [Fact]
    public void Chat_CachedMoreThanInput_NeverPricesNegativeInput()
    {
        var cost = Defaults.Estimate(ApiServices.OpenAIChat, "gpt-4o", new UsageUnits(InputTokens: 100, CachedInputTokens: 150, OutputTokens: 0), At);

        Assert.Equal(100 * 1.25 / 1e6, cost.CostUsd!.Value, 15);
    }

    [Fact]
    public void Chat_DatedModelSnapshot_PricedAsItsModel()
    {
        var cost = Defaults.Estimate(ApiServices.OpenAIChat, "gpt-4o-mini-2024-07-18", new UsageUnits(InputTokens: 1_000_000), At);

        Assert.Equal("gpt-4o-mini", cost.Sku);
        Assert.Equal(0.15, cost.CostUsd!.Value, 12);
    }

    [Fact]
    public void Embeddings_InputTokensPricedPerModel()
    {
        Assert.Equal(0.02 * 0.5, Defaults.Estimate(ApiServices.OpenAIEmbeddings, "text-embedding-3-small", new UsageUnits(InputTokens: 500_000), At).CostUsd!.Value, 12);
        Assert.Equal(0.13 * 0.5, Defaults.Estimate(ApiServices.OpenAIEmbeddings, "text-embedding-3-large", new UsageUnits(InputTokens: 500_000), At).CostUsd!.Value, 12);
    }

    [Fact]
    public void ServiceWithoutRows_IsUnpriced_NotZero()
    {
        var cost = Defaults.Estimate(ApiServices.AzureOpenAIChat, "my-deployment", new UsageUnits(InputTokens: 1000, OutputTokens: 10), At);

        Assert.Null(cost.CostUsd);
        Assert.Null(cost.Sku);
    }

    [Fact]
    public void RetiredModel_AfterEffectiveTo_IsUnpriced()
    {
        var units = new UsageUnits(InputTokens: 1000);
        Assert.NotNull(Defaults.Estimate(ApiServices.OpenAIChat, "gpt-4.1-nano", units, new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero)).CostUsd);
        Assert.Null(Defaults.Estimate(ApiServices.OpenAIChat, "gpt-4.1-nano", units, new DateTimeOffset(2026, 10, 23, 0, 0, 0, TimeSpan.Zero)).CostUsd);
    }

    [Fact]
    public void ConfiguredRows_OverrideDefaultsAndAddServices()
    {
        var options = new PriceOptions
        {
            Rows =
            [
                new PriceRow { Service = ApiServices.OpenAIChat, Sku = "gpt-4o-mini", Unit = PriceUnit.InputToken, Per = 1_000_000, UnitPriceUsd = 1.0 },
                new PriceRow { Service = ApiServices.AzureOpenAIChat, Sku = "chat", IsDefault = true, Unit = PriceUnit.InputToken, Per = 1_000_000, UnitPriceUsd = 0.2 },
            ],
        };
        var calculator = new CostCalculator(new PriceTable(Options.Create(options)));

        Assert.Equal(1.0, calculator.Estimate(ApiServices.OpenAIChat, "gpt-4o-mini", new UsageUnits(InputTokens: 1_000_000), At).CostUsd!.Value, 12);
        // Units without a configured row still come from the defaults.
        Assert.Equal(0.60, calculator.Estimate(ApiServices.OpenAIChat, "gpt-4o-mini", new UsageUnits(OutputTokens: 1_000_000), At).CostUsd!.Value, 12);
        Assert.Equal(0.2, calculator.Estimate(ApiServices.AzureOpenAIChat, "any-deployment", new UsageUnits(InputTokens: 1_000_000), At).CostUsd!.Value, 12);
    }

    [Fact]
    public void ConfiguredRows_WithoutDefaults_PriceOnlyWhatIsConfigured()
    {
        var calculator = new CostCalculator(new PriceTable(Options.Create(new PriceOptions { IncludeDefaults = false })));

        Assert.Null(calculator.Estimate(ApiServices.GoogleStt, null, new UsageUnits(AudioSeconds: 15), At).CostUsd);
    }

    [Fact]
    public void DefaultRows_EachHasSourceAndEffectiveDate()
    {
        Assert.NotEmpty(PriceTable.DefaultRows);
        Assert.All(PriceTable.DefaultRows, row =>
        {
            Assert.False(string.IsNullOrWhiteSpace(row.Source));
            Assert.NotNull(row.EffectiveFrom);
            Assert.True(row.UnitPriceUsd > 0);
        });
        Assert.Contains(PriceTable.DefaultRows, r => r.Service == ApiServices.GoogleStt && r.FreeUnitsPerMonth == 60 && r.Unit == PriceUnit.Minute);
        Assert.Contains(PriceTable.DefaultRows, r => r.Service == ApiServices.GoogleTts && r.Sku == "standard" && r.FreeUnitsPerMonth == 4_000_000);
    }
}
