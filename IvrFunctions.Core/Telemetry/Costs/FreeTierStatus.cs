namespace IvrFunctions.Core.Telemetry.Costs;

/// <summary>
/// One monthly free allowance (a service's SKU, or SKUs sharing one allowance) for the calendar month containing
/// <see cref="AsOf"/>. Units are the price row's (<see cref="PriceUnit.Minute"/> for STT, <see cref="PriceUnit.Character"/> for TTS).
/// </summary>
/// <param name="Tier">The allowance's key, <c>{service}:{group or sku}</c> (e.g. <c>google_tts:standard-wavenet</c>).</param>
/// <param name="Skus">The SKUs drawing on it.</param>
/// <param name="GrossCostUsd">List-price cost of the month's usage, before the allowance.</param>
/// <param name="NetCostUsd">What remains to pay after the allowance.</param>
/// <param name="ExhaustedAt">End of the hour in which usage passed the allowance, if it has.</param>
/// <param name="ProjectedExhaustion">When usage at the month's average rate so far would pass it; null if not within this month.</param>
public sealed record FreeTierStatus(
    string Tier,
    string Service,
    IReadOnlyList<string> Skus,
    PriceUnit Unit,
    double FreeUnits,
    double UsedUnits,
    double RemainingUnits,
    double GrossCostUsd,
    double NetCostUsd,
    DateTimeOffset MonthStart,
    DateTimeOffset AsOf,
    DateTimeOffset? ExhaustedAt,
    DateTimeOffset? ProjectedExhaustion);
