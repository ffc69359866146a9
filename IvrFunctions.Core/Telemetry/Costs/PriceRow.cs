namespace IvrFunctions.Core.Telemetry.Costs;

/// <summary>
/// One price, in force from <see cref="EffectiveFrom"/> (inclusive) to <see cref="EffectiveTo"/> (exclusive), with where it
/// was read. Example: <c>{ "Service": "openai_chat", "Sku": "gpt-4o-mini", "Unit": "InputToken", "Per": 1000000,
/// "UnitPriceUsd": 0.15, "EffectiveFrom": "2026-09-24", "Source": "https://..." }</c>.
/// </summary>
public sealed class PriceRow
{
    /// <summary>An <see cref="ApiServices"/> value.</summary>
    public string Service { get; set; } = "";

    /// <summary>Model, voice class or product variant (<c>gpt-4o-mini</c>, <c>standard</c>, <c>v1-standard</c>); matched
    /// case-insensitively, and as a prefix of dated model snapshots (<c>gpt-4o-mini-2024-07-18</c>).</summary>
    public string Sku { get; set; } = "";

    /// <summary>This SKU prices usage whose model or voice class matches no row.</summary>
    public bool IsDefault { get; set; }

    public PriceUnit Unit { get; set; }

    /// <summary>How many units <see cref="UnitPriceUsd"/> buys (1,000,000 for per-million token and character prices). The default value is 1.</summary>
    public double Per { get; set; } = 1;

    public double UnitPriceUsd { get; set; }

    /// <summary>Units free each calendar month (in <see cref="Unit"/>, e.g. 60 minutes, 4,000,000 characters).</summary>
    public double FreeUnitsPerMonth { get; set; }

    /// <summary>SKUs sharing one free allowance carry the same group (Standard and WaveNet voices share one SKU); empty: the SKU alone.</summary>
    public string? FreeTierGroup { get; set; }

    public DateTimeOffset? EffectiveFrom { get; set; }

    public DateTimeOffset? EffectiveTo { get; set; }

    /// <summary>Where the price was read (URL).</summary>
    public string? Source { get; set; }

    /// <summary>False when the price comes from a secondary source and should be checked.</summary>
    public bool Confirmed { get; set; } = true;

    public double PricePerUnitUsd => Per <= 0 ? 0 : UnitPriceUsd / Per;

    public string FreeTierKey => $"{Service}:{(string.IsNullOrWhiteSpace(FreeTierGroup) ? Sku : FreeTierGroup)}";

    public bool InForce(DateTimeOffset at) => (EffectiveFrom is null || EffectiveFrom <= at) && (EffectiveTo is null || at < EffectiveTo);
}
