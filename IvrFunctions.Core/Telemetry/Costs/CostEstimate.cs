namespace IvrFunctions.Core.Telemetry.Costs;

/// <summary>The gross list-price cost of one usage record; <see cref="CostUsd"/> is null when some used unit has no price row.</summary>
public readonly record struct CostEstimate(double? CostUsd, string? Sku)
{
    public static readonly CostEstimate Unpriced = new(null, null);
}
