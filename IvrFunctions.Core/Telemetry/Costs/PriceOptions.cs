namespace IvrFunctions.Core.Telemetry.Costs;

/// <summary>
/// Prices as configuration (section <c>Prices</c>): <c>Prices:Rows:N:Service</c>, <c>...:Sku</c>, <c>...:Unit</c>,
/// <c>...:UnitPriceUsd</c>, ... Configured rows are consulted before the shipped defaults (embedded
/// <c>Telemetry/Costs/default-prices.json</c>, from <c>shared/reference/prices.md</c>), so a configured row for the same
/// service, SKU and unit overrides the default.
/// </summary>
public sealed class PriceOptions
{
    public const string SectionName = "Prices";

    public List<PriceRow> Rows { get; set; } = [];

    /// <summary>Whether the shipped default rows apply after the configured ones. The default value is true.</summary>
    public bool IncludeDefaults { get; set; } = true;
}
