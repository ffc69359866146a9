namespace IvrFunctions.Core.Telemetry.Costs;

/// <summary>
/// Prices usage units with the rows in force when the call happened (cost at ingestion, so a later price change does not
/// reprice history). Input tokens include cached ones: the cached part is priced at the cached-input price and only the
/// rest at the input price, never both.
/// </summary>
public sealed class CostCalculator(PriceTable prices)
{
    public PriceTable Prices { get; } = prices;

    /// <summary>The SKU usage is priced under: the voice class for TTS, else the model.</summary>
    public static string? RequestedSku(string service, string? model, UsageUnits units) =>
        service == ApiServices.GoogleTts ? units.VoiceClass ?? model : model;

    public CostEstimate Estimate(string service, string? model, UsageUnits? units, DateTimeOffset at)
    {
        var sku = Prices.ResolveSku(service, units is null ? model : RequestedSku(service, model, units));
        if (sku is null)
        {
            return CostEstimate.Unpriced;
        }

        if (units is null)
        {
            return new CostEstimate(0, sku);
        }

        double cost = 0;
        var complete = true;

        void Add(PriceUnit unit, double quantity, PriceUnit? fallback = null)
        {
            if (quantity <= 0)
            {
                return;
            }

            var row = Prices.Find(service, sku, unit, at) ?? (fallback is { } f ? Prices.Find(service, sku, f, at) : null);
            if (row is null)
            {
                complete = false;
                return;
            }

            cost += quantity * row.PricePerUnitUsd;
        }

        Add(PriceUnit.Minute, (units.AudioSeconds ?? 0) / 60.0);
        Add(PriceUnit.Character, units.Characters ?? 0);
        var input = units.InputTokens ?? 0;
        var cached = Math.Max(0, units.CachedInputTokens ?? 0);
        if (units.InputTokens is not null)
        {
            cached = Math.Min(cached, input);
        }

        Add(PriceUnit.InputToken, Math.Max(0, input - cached));
        Add(PriceUnit.CachedInputToken, cached, fallback: PriceUnit.InputToken);
        Add(PriceUnit.OutputToken, units.OutputTokens ?? 0);
        return new CostEstimate(complete ? cost : null, sku);
    }
}
