using IvrFunctions.Core.Insights.Aggregation;
using IvrFunctions.Core.Insights.Contracts;
using IvrFunctions.Core.Insights.Windows;

namespace IvrFunctions.Core.Insights.Export;

/// <summary>Validates an export request; anything wrong throws <see cref="InvalidParameterException"/> naming the parameter.</summary>
public sealed class ExportRequestParser(WindowParser windows)
{
    public ExportPlan Parse(ExportRequest request)
    {
        var format = (request.Format?.Trim().ToLowerInvariant()) switch
        {
            null or "" or "csv" => ExportFormat.Csv,
            "json" => ExportFormat.Json,
            _ => throw new InvalidParameterException("format", $"'format' must be csv or json; got '{Short(request.Format)}'."),
        };

        var kinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kind in request.Kinds ?? [])
        {
            foreach (var part in (kind ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var name = part.ToLowerInvariant();
                if (!RecordKinds.All.Contains(name))
                {
                    throw new InvalidParameterException("kinds", $"'kinds' may hold {string.Join(", ", RecordKinds.All)}; got '{Short(part)}'.");
                }

                kinds.Add(name);
            }
        }

        if (kinds.Count == 0)
        {
            kinds.UnionWith(RecordKinds.All);
        }

        var toBlob = (request.Destination?.Trim().ToLowerInvariant()) switch
        {
            null or "" or "response" => false,
            "blob" => true,
            _ => throw new InvalidParameterException("destination", $"'destination' must be response or blob; got '{Short(request.Destination)}'."),
        };

        return new ExportPlan(format, windows.Parse(request.Window, request.From, request.To), kinds, toBlob);
    }

    static string Short(string? value) => value is null ? string.Empty : value.Length <= 40 ? value : value[..40] + "…";
}
