using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Telemetry.Costs;

/// <summary>The price rows in force: configured rows first, then the shipped defaults.</summary>
public sealed class PriceTable
{
    const string DefaultsResource = "IvrFunctions.Core.Telemetry.Costs.default-prices.json";
    static readonly Lazy<IReadOnlyList<PriceRow>> Defaults = new(LoadDefaults);

    readonly Dictionary<string, List<PriceRow>> _byService;

    public PriceTable(IOptions<PriceOptions> options)
        : this(Combine(options.Value))
    {
    }

    public PriceTable(IEnumerable<PriceRow> rows)
    {
        Rows = rows.ToList();
        _byService = Rows.GroupBy(r => r.Service, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<PriceRow> Rows { get; }

    /// <summary>The rows shipped with the code (embedded JSON), as read from the reference price tables.</summary>
    public static IReadOnlyList<PriceRow> DefaultRows => Defaults.Value;

    /// <summary>
    /// The SKU that prices <paramref name="requested"/> (a model or voice class): an exact match, else the longest SKU the
    /// requested name starts with followed by '-', else the service's default SKU; null when the service has no rows.
    /// </summary>
    public string? ResolveSku(string service, string? requested)
    {
        if (!_byService.TryGetValue(service, out var rows))
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(requested))
        {
            string? prefix = null;
            foreach (var row in rows)
            {
                if (string.Equals(row.Sku, requested, StringComparison.OrdinalIgnoreCase))
                {
                    return row.Sku;
                }

                if (requested.Length > row.Sku.Length && requested[row.Sku.Length] == '-'
                    && requested.StartsWith(row.Sku, StringComparison.OrdinalIgnoreCase)
                    && (prefix is null || row.Sku.Length > prefix.Length))
                {
                    prefix = row.Sku;
                }
            }

            if (prefix is not null)
            {
                return prefix;
            }
        }

        foreach (var row in rows)
        {
            if (row.IsDefault)
            {
                return row.Sku;
            }
        }

        return null;
    }

    /// <summary>The row pricing <paramref name="unit"/> of a resolved SKU at <paramref name="at"/>, or null.</summary>
    public PriceRow? Find(string service, string sku, PriceUnit unit, DateTimeOffset at)
    {
        if (!_byService.TryGetValue(service, out var rows))
        {
            return null;
        }

        foreach (var row in rows)
        {
            if (row.Unit == unit && row.InForce(at) && string.Equals(row.Sku, sku, StringComparison.OrdinalIgnoreCase))
            {
                return row;
            }
        }

        return null;
    }

    static IEnumerable<PriceRow> Combine(PriceOptions options) =>
        options.IncludeDefaults ? options.Rows.Concat(DefaultRows) : options.Rows;

    static IReadOnlyList<PriceRow> LoadDefaults()
    {
        using var stream = typeof(PriceTable).Assembly.GetManifestResourceStream(DefaultsResource)
            ?? throw new InvalidOperationException($"Embedded resource {DefaultsResource} is missing.");
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        var file = JsonSerializer.Deserialize<DefaultPrices>(stream, json) ?? throw new InvalidOperationException("default-prices.json is empty.");
        return file.Rows;
    }

    sealed class DefaultPrices
    {
        public List<PriceRow> Rows { get; set; } = [];
    }
}
